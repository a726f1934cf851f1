import type { ParseIssue } from '../../core/model/issue';
import { isMessageKey } from '../../i18n/translate';
import { useT } from '../../state/store';

export interface IssueListProps {
  readonly issues: readonly ParseIssue[];
  readonly total: number;
  readonly onJump: (row: number) => void;
}

/** Warnings found while reading, each with a button that brings its row into view. */
export function IssueList({ issues, total, onJump }: IssueListProps) {
  const t = useT();
  if (total === 0) return <p className="muted" data-testid="no-issues">{t('preview.warnings.none')}</p>;
  return (
    <section className="panel issues" aria-labelledby="issues-title" data-testid="issues">
      <h3 id="issues-title">{t('preview.warnings', { count: total })}</h3>
      {issues.length < total && <p className="muted">{t('preview.warnings.more', { shown: issues.length, total })}</p>}
      <ul>
        {issues.map((issue, i) => {
          const key = `issue.${issue.code}`;
          const params = { row: issue.row ?? '?', column: issue.column, ...issue.params };
          return (
            <li key={i} className={`issue issue-${issue.severity}`} data-testid="issue">
              <span className="issue-badge">{issue.severity === 'error' ? '✖' : '⚠'}</span>
              <span>{isMessageKey(key) ? t(key, params) : t('issue.generic', params)}</span>
              {issue.row !== undefined && (
                <button type="button" className="link" onClick={() => onJump(issue.row as number)}>
                  {t('preview.jump', { row: issue.row })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
