import type { Locale } from '../i18n/translate';
import type { Progress } from './progress';
import type { T } from './text';

/** What every subcommand gets: the language, the output mode, the budget and the stop signal. */
export interface CliContext {
  readonly t: T;
  readonly locale: Locale;
  /** `--json`: one JSON summary on standard output, nothing else there. */
  readonly json: boolean;
  readonly progress: Progress;
  readonly signal: AbortSignal;
  /** `--max-memory` in bytes, or null. */
  readonly maxMemory: number | null;
  readonly stdout: NodeJS.WritableStream;
  /** Human messages (never on stdout when `--json`). */
  readonly say: (line: string) => void;
}

/** Exit codes: as `diff` has them, plus 130 for Ctrl-C as shells do. */
export const EXIT = { ok: 0, changes: 1, error: 2, interrupted: 130 } as const;
