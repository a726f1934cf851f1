/** Messages of the command's bounded-memory paths (src/cli, docs/cli.md "Big files"). */
export const enCliBig = {
  'cli.memory.heap':
    'reading {file} ({size}) needs about {need} of memory, more than the {limit} this Node process may use. Give it more with --max-memory (the command sizes Node’s heap to it), split the file, or use --engine duckdb for a diff of CSV files.',
  'cli.diff.needs-duckdb':
    'comparing {file} ({size}) with the JavaScript engine needs about {need} of memory, more than the {limit} allowed. Big diffs run in DuckDB, which is not installed: install it with "npm install @duckdb/node-api", or raise --max-memory.',
  'cli.duckdb.memory':
    'the DuckDB engine ran out of the memory --max-memory allows ({reason}). Raise --max-memory; DuckDB moves what does not fit to a temporary folder, but the join needs some room.',
  'cli.convert.columns-grew':
    '{file} has records with more fields than its header after the first part was written; it was read a second time to write every column.',
  'cli.memory.exceeded':
    'the command needed more memory than the {limit} --max-memory allows, and stopped. No output file was written. Raise --max-memory, or use --engine duckdb for a diff of CSV files.',
} as const;
