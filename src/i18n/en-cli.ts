/** Messages of the `crm-porter` command (src/cli). zh-cn-cli.ts must have every key. */
export const enCli = {
  'cli.help': `crm-porter — the CRM Porter engine as a command (nothing leaves this machine)

Usage:
  crm-porter inspect FILE [--json]
  crm-porter convert IN --to csv|json|ndjson|xml|xlsx --out OUT [--sha256]
        [--delimiter ,] [--bom] [--no-formula-guard] [--quoting minimal|all] [--newline crlf|lf]
        [--style pretty|compact] [--root records] [--record record] [--sheet Data] [--overflow split|refuse]
  crm-porter diff --baseline FILE --new FILE --key COL[,COL…]
        [--mode add-update|add-only|update-only|mirror]
        [--update always|if-not-empty|fill-empty] [--rule FIELD=RULE …] [--empty keeps|clears]
        [--format json|csv|xml] [--out FILE] [--undo-out FILE] [--ignore-case] [--no-trim]
        [--compare COL,…] [--engine js|duckdb|auto]
  crm-porter run JOB.json --new FILE [--baseline FILE|SNAPSHOT.json] --out-dir DIR
        [--engine js|duckdb|auto] [--allow-missing-columns]

Options for every command:
  --json               a JSON summary on standard output
  --lang en|zh-CN      language of the messages (default: en, or zh-CN when LANG starts with zh)
  --max-memory SIZE    memory budget (e.g. 512M, 2G; a bare number is MiB): caps Node's heap, CSV
                       converts stream, a big diff goes to DuckDB, what cannot fit is refused up front
  --quiet              no progress bar
  -h, --help           this text

Exit codes: 0 done (diff: nothing changed), 1 diff: there are changes, 2 error, 130 stopped (Ctrl-C).`,
  'cli.error': 'crm-porter: {message}',
  'cli.hint.help': 'Run "crm-porter --help" for the usage.',
  'cli.arg.unknown-command': 'unknown command “{name}”. Commands: inspect, convert, diff, run.',
  'cli.arg.no-command': 'no command given. Commands: inspect, convert, diff, run.',
  'cli.arg.missing': '{option} is required.',
  'cli.arg.bad-value': '{option} must be one of {allowed}; got “{value}”.',
  'cli.arg.bad-size': '{option} must be a size such as 512M or 2G; got “{value}”.',
  'cli.arg.bad-delimiter':
    '--delimiter must be one character other than a quote, CR or LF; got “{value}”.',
  'cli.arg.invalid': '{reason}',
  'cli.arg.unknown-option': 'unknown option {option}.',
  'cli.arg.needs-value': '{option} needs a value.',
  'cli.arg.extra': 'unexpected argument “{value}”.',
  'cli.arg.missing-file': 'a FILE argument is required.',
  'cli.file.not-found': 'cannot read {file}: no such file.',
  'cli.file.not-a-file': 'cannot read {file}: it is not a regular file.',
  'cli.file.out-dir': 'cannot write into {dir}: the folder does not exist. Create it first.',
  'cli.max-memory':
    'reading {file} ({size}) needs about {need} of memory, more than the {limit} allowed by --max-memory. Raise --max-memory, split the file, or use --engine duckdb for a diff of CSV files.',
  'cli.interrupted': 'stopped (Ctrl-C). No output file was written.',
  'cli.internal': 'something unexpected went wrong: {reason}. Run the command again; if it fails the same way, report this message.',
  'cli.key.unknown': 'the key column “{column}” is in neither file. Columns of {file}: {columns}.',
  'cli.key.missing':
    'the key column “{column}” is not in {file}, so none of its records has a key. Columns of {file}: {columns}. Compare with a file that has the column, or choose a key column both files have.',
  'cli.key.conflicts':
    'key conflicts: {sides}. Nothing was written. Fix the key in the file, or resolve the conflicts in the page’s Review step.',
  'cli.key.conflicts.side': 'in {file}, {problems} (first one: record {row})',
  'cli.key.conflicts.missing': '{missing, plural, one {# record} other {# records}} without a key',
  'cli.key.conflicts.duplicates':
    '{duplicates, plural, one {# key} other {# keys}} on more than one record',
  'cli.key.conflicts.and': '{first} and {second}',
  'cli.key.conflicts.sides': '{first}; {second}',
  'cli.job.invalid':
    'the job file {file} is not valid: at {path}, {reason}. Save it again from the page (Export → Save as job).',
  'cli.job.syntax': 'the job file {file} is not JSON: {reason}.',
  'cli.job.version':
    'the job file {file} has version {version}; this crm-porter reads version {supported}. Save the job again from the page.',
  'cli.job.no-review':
    'the job has no key, so it cannot compare with a baseline. Save it again after the Review step.',
  'cli.snapshot.invalid': 'the snapshot {file} is not valid: {reason}.',
  'cli.duckdb.missing':
    'the DuckDB engine needs the optional package @duckdb/node-api, which is not installed. Install it with "npm install @duckdb/node-api", or use --engine js.',
  'cli.duckdb.unsupported':
    'the DuckDB engine reads UTF-8 CSV files with a header row, and as the baseline a snapshot written by crm-porter run; {file} is {format} ({encoding}). Use --engine js, or convert it to CSV first.',
  'cli.inspect.file': 'File',
  'cli.inspect.size': 'Size',
  'cli.inspect.format': 'Format',
  'cli.inspect.encoding': 'Encoding',
  'cli.inspect.dialect': 'Dialect',
  'cli.inspect.dialect.value':
    'delimiter {delimiter}, quote {quote}, newline {newline}, header {header}, lines skipped {skip}',
  'cli.inspect.records': 'Records',
  'cli.inspect.columns': 'Columns',
  'cli.inspect.issues': 'Issues',
  'cli.inspect.issues.more': '… and {count} more (see --json for the counts per kind)',
  'cli.inspect.none': 'none',
  'cli.inspect.why': '{reason} · {confidence}',
  'cli.progress.read': 'Reading',
  'cli.progress.write': 'Writing',
  'cli.progress.diff': 'Comparing',
  'cli.progress.line': '{phase} {rows, plural, one {# row} other {# rows}} · {bytes} · {rate}/s · ETA {eta}',
  'cli.written': 'Wrote {file} ({size}), SHA-256 {sha256}',
  'cli.diff.counts':
    'added: {added} · modified: {modified} · cosmetic: {cosmetic} · removed: {removed} · absent: {absent} · unchanged: {unchanged}',
  'cli.diff.none': 'No changes.',
  'cli.diff.held': 'kept, new row has errors: {held}',
  'cli.run.skipped': 'Rows with errors left out: {rows}',
  'cli.run.errors': 'Rows with errors: {rows}',
  'cli.run.ambiguousPhones':
    'warning: {count, plural, one {# row has a phone number read as an international number that lost its “+”, though it is also a valid national number} other {# rows have a phone number read as an international number that lost its “+”, though each is also a valid national number}}: check {count, plural, one {it} other {them}} (in the export, the number starts with + and the country code).',
  'cli.run.missing-columns':
    '{file} lacks {count, plural, one {a column} other {# columns}} the job reads: {missing}. Columns of {file}: {columns}. Nothing was written: the job would leave {fields} empty on every new record and not compare {count, plural, one {it} other {them}}. Fix the export that makes the file, save the job again from the page for the file’s columns, or run with --allow-missing-columns to leave those fields out.',
  'cli.run.missing-columns.allowed':
    'warning: {file} lacks {count, plural, one {a column} other {# columns}} the job reads: {missing}. As --allow-missing-columns asks, the job runs without {count, plural, one {it} other {them}}: {fields} not compared (records in the baseline keep their values) and without a value on new records.',
} as const;
