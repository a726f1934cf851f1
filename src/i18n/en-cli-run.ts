/** Messages of the streamed `run` (src/cli/stream-run.ts, docs/cli.md "Streamed run"). */
export const enCliRun = {
  'cli.run.no-stream':
    'the job {job} cannot run streamed ({reason}), and the JavaScript engine would need about {need} of memory for it. Raise --max-memory and run it with --engine js, or save the job for a UTF-8 CSV file with a text export.',
} as const;
