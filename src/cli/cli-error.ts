import type { MessageKey, MessageParams } from '../i18n/translate';

/**
 * A failure of the command itself (bad arguments, a missing file, a refused size), told by a
 * catalogue key like every message the page shows. Exit code 2, as `diff` uses for trouble.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    /** Bad usage: the help hint is printed after the message. */
    readonly usage = false,
  ) {
    super(`${key} ${JSON.stringify(params)}`);
  }
}
