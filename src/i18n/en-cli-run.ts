/** Messages of the streamed `run` (src/cli/stream-run.ts, docs/cli.md "Streamed run"). */
export const enCliRun = {
  'cli.run.no-stream':
    'the job {job} cannot run streamed ({reason}), and the JavaScript engine would need about {need} of memory for it. Raise --max-memory and run it with --engine js, or save the job for a UTF-8 CSV file with a text export.',
  'cli.run.baseline-unsupported':
    'the streamed run reads a baseline that is a CSV file (in an encoding other than UTF-16 or ISO-2022-JP) or a snapshot of flat text columns; {file} is {format}. Run the job with --engine js (raising --max-memory if it needs more), or convert the baseline to CSV first.',
} as const;
