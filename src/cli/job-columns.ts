import type { LoadedJob } from '../core/job/job-file';
import { missingMappedColumns, type MissingColumn } from '../core/mapping/template-match';
import { CliError } from './cli-error';
import type { CliContext } from './context';

/**
 * The columns a job reads that the night's file lacks: the columns its template maps (or joins
 * into a mapped column), or for a job without a mapping the key and compared columns.
 */
function jobColumnsMissing(job: LoadedJob['job'], columns: readonly string[]): MissingColumn[] {
  if (job.mapping !== null) return missingMappedColumns(job.mapping.template, columns);
  if (job.review === null) return [];
  const read = [...new Set([...job.review.key.columns, ...job.review.compareColumns])];
  return read.filter((c) => !columns.includes(c)).map((c) => ({ column: c, field: c }));
}

/**
 * Refuses a night's file that lacks columns the job reads, before anything is written: the page
 * says "Missing columns" when a template is applied to such a file and a person decides; a
 * nightly run has no one to read it, and would leave those fields empty on every new record
 * (an audit found a job run exit 0 on a file without 3 of its mapped columns, saying nothing).
 * With `--allow-missing-columns` it runs and warns on standard error which fields are left out.
 * Returns the missing columns (empty when none).
 */
export function checkJobColumns(
  ctx: CliContext,
  job: LoadedJob['job'],
  columns: readonly string[],
  file: string,
  allowMissing: boolean,
): MissingColumn[] {
  const missing = jobColumnsMissing(job, columns);
  if (missing.length === 0) return missing;
  const params = {
    file,
    count: missing.length,
    missing: missing.map((m) => m.column).join(', '),
    fields: [...new Set(missing.map((m) => m.field))].join(', '),
    columns: columns.join(', '),
  };
  if (!allowMissing) throw new CliError('cli.run.missing-columns', params);
  ctx.say(ctx.t('cli.run.missing-columns.allowed', params));
  return missing;
}
