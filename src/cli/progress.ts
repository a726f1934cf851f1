import { formatBytes, formatDuration, type Locale } from '../i18n/translate';
import type { T } from './text';

/** What a long step reports: rows so far, bytes done of a total (when known). */
export interface Tick {
  readonly phase: 'read' | 'write' | 'diff';
  readonly rows?: number;
  readonly done: number;
  readonly total?: number;
}

/**
 * A one-line progress bar on a terminal (rows, bytes, rate, ETA), redrawn at most ~10 times a
 * second; nothing at all when standard error is not a terminal, so cron mail and logs stay clean.
 */
export class Progress {
  private last = 0;
  private started = Date.now();
  private phase: Tick['phase'] | null = null;
  private shown = false;

  constructor(
    private readonly t: T,
    private readonly locale: Locale,
    private readonly enabled: boolean,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  tick(p: Tick): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (p.phase !== this.phase) {
      this.phase = p.phase;
      this.started = now;
    } else if (now - this.last < 100) return;
    this.last = now;
    const elapsed = Math.max(1, now - this.started);
    const rate = (p.done / elapsed) * 1000;
    const eta = p.total !== undefined && rate > 0 ? ((p.total - p.done) / rate) * 1000 : null;
    const share = p.total ? Math.min(1, p.done / p.total) : null;
    const width = 20;
    const bar =
      share === null ? '' : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] `;
    const line = this.t('cli.progress.line', {
      phase: `${bar}${this.t(`cli.progress.${p.phase}`)}`,
      rows: p.rows ?? 0,
      bytes:
        p.total !== undefined
          ? `${formatBytes(this.locale, p.done)} / ${formatBytes(this.locale, p.total)}`
          : formatBytes(this.locale, p.done),
      rate: formatBytes(this.locale, rate),
      eta: eta === null ? '–' : formatDuration(this.locale, eta),
    });
    const cols = this.out.columns ?? 100;
    this.out.write(`\r${line.slice(0, cols - 1).padEnd(Math.min(cols - 1, line.length))}\u001b[K`);
    this.shown = true;
  }

  /** Clears the line, before a message or at the end. */
  done(): void {
    if (this.shown) this.out.write('\r\u001b[K');
    this.shown = false;
  }
}
