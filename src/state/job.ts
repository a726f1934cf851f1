import { createJob, type JobFile } from '../core/job/job-file';
import { createTemplate } from '../core/mapping/template-match';
import type { JobExport } from '../core/job/job-file';
import type { Store } from './store';

/**
 * The page's current choices as a job file for `crm-porter run` (docs/cli.md): the read settings,
 * the applied mapping as a template (columns found by header in tomorrow's file), the invalid-row
 * policy, the review's key and policies once a diff has run, and the export choices.
 * `null` until a file is read.
 */
export function currentJob(s: Store, now: Date = new Date()): JobFile | null {
  const summary = s.summary;
  if (summary === null) return null;
  const mapping =
    s.mapped === null
      ? null
      : {
          object: s.mappingObject,
          defaultCountry: s.defaultCountry,
          template: createTemplate({
            id: 'job',
            name: summary.fileName,
            object: s.mappingObject.key,
            columns: summary.columns,
            mappings: summary.columns.map(
              (_, i) =>
                s.mappingColumns.find((c) => c.column === i) ?? { field: null, transforms: [] },
            ),
          }),
        };
  const o = s.reviewOptions;
  const review =
    s.review === null || o.keyColumns.length === 0
      ? null
      : {
          key: { columns: [...o.keyColumns], trim: o.trim, caseInsensitive: o.caseInsensitive },
          compareColumns: [...o.compareColumns],
          mode: o.mode,
          rules: o.rules,
          quietClass: o.quietClass,
        };
  return createJob({
    fileName: summary.fileName,
    columns: summary.columns,
    settings: summary.settings,
    mapping,
    invalidRows: s.invalidPolicy,
    review,
    baseName: s.exportChoices.baseName,
    exportRequest: exportOf(s),
    csv: {
      ...s.exportChoices.csv,
      bom: s.exportChoices.bomAuto ? 'auto' : s.exportChoices.csv.bom,
    },
    changes: ['json', 'csv', 'xml'],
    createdAt: now.toISOString(),
  });
}

/** The export choice of a job; a CSV export takes the job's CSV options (automatic BOM kept automatic). */
function exportOf(s: Store): JobExport {
  const c = s.exportChoices;
  switch (c.format) {
    case 'csv':
      return { format: 'csv' };
    case 'json':
      return { format: 'json', options: { style: c.jsonStyle } };
    case 'ndjson':
      return { format: 'ndjson' };
    case 'xml':
      return { format: 'xml', options: c.xml };
    case 'xlsx':
      return {
        format: 'xlsx',
        options: { sheetName: c.baseName.trim() || 'Data', overflow: c.xlsxOverflow },
      };
  }
}
