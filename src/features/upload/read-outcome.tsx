import type { LoadSummary } from '../../core/engine/dataset-engine';
import type { ParseIssue } from '../../core/model/issue';
import { isMessageKey } from '../../i18n/translate';
import { useT } from '../../state/store';
import { Alert } from '../../ui/alert';

/** Issue codes in the order their first example appears in the file. */
function firstOfEachCode(issues: readonly ParseIssue[]): ParseIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => !seen.has(issue.code) && seen.add(issue.code));
}

/**
 * What went wrong while reading, told on the page where the file was dropped: a read with no
 * data rows is a warning, and problems in the data (an unclosed quote, ragged rows, repeated
 * headers) are listed by kind with how often each occurs and the first example, so nobody has
 * to open Preview to learn that "Read 1 row" swallowed the rest of the file.
 */
export function ReadOutcome({ summary }: { summary: LoadSummary }) {
  const t = useT();
  const examples = firstOfEachCode(summary.issues);
  const hasErrors = summary.issues.some((i) => i.severity === 'error');
  // Lines ending in CR alone beside LF or CR LF: the reader splits records on one of them, so
  // rows may have been joined, or a cell may end in an invisible carriage return. (CR LF beside
  // LF alone is read right: both end a record, see core/detect/dialect.ts.)
  const newline = summary.detection.dialect?.newline;
  const mixedLines =
    summary.settings.format === 'csv' &&
    (newline?.reason === 'most-common-newline' || (newline?.reason === 'crlf-and-lf' && Number(newline.params?.['cr'] ?? 0) > 0));
  return (
    <>
      {mixedLines && (
        <Alert tone="warning" title={t('upload.mixedNewlines.title')} testId="mixed-newlines">
          {t('upload.mixedNewlines')}
        </Alert>
      )}
      {summary.rowCount === 0 && (
        <Alert tone="warning" title={t('upload.noRows.title')} testId="no-rows">
          {summary.settings.format === 'xlsx'
            ? t('upload.noRows.xlsx', { file: summary.fileName })
            : t('upload.noRows', { file: summary.fileName })}
        </Alert>
      )}
      {summary.issueTotal > 0 && (
        <Alert
          tone={hasErrors ? 'error' : 'warning'}
          title={t('upload.problems', { count: summary.issueTotal })}
          testId="read-problems"
        >
          <ul className="read-problems">
            {examples.map((issue) => {
              const key = `issue.${issue.code}`;
              const params = { row: issue.row ?? '?', column: issue.column, ...issue.params };
              return (
                <li key={issue.code} data-testid={`read-problem-${issue.code}`}>
                  {isMessageKey(key) ? t(key, params) : t('issue.generic', params)}{' '}
                  <span className="muted">
                    {t('upload.problems.count', { count: summary.issueCounts[issue.code] ?? 1 })}
                  </span>
                </li>
              );
            })}
          </ul>
          {/* Only a CSV's delimiter and quote can be changed below: other formats are told less. */}
          <p>{t(summary.settings.format === 'csv' ? 'upload.problems.hint' : 'upload.problems.hintOther')}</p>
        </Alert>
      )}
    </>
  );
}

/** The tone of the "Read N rows" line: green only when rows were read without problems. */
export function loadedTone(summary: LoadSummary): 'success' | 'warning' {
  return summary.rowCount === 0 || summary.issueTotal > 0 ? 'warning' : 'success';
}
