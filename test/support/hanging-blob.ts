/**
 * A Blob whose reads stop for good after its first `given` bytes: its stream gives them and
 * then never answers again (the read that hung in Chromium, core/read/csv-stream-decode.ts),
 * its `arrayBuffer()` never answers at all, and a slice of it hangs at the same byte of the
 * file. `record` is shared with its slices: the reads that hung, and the streams given up.
 */
export class HangingBlob extends Blob {
  constructor(
    parts: BlobPart[],
    private readonly given: number,
    readonly record: HangRecord = new HangRecord(),
  ) {
    super(parts);
  }

  /** Whether a reader gave up a stream of this Blob or of a slice of it. */
  get cancelled(): boolean {
    return this.record.cancelled > 0;
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const whole = super.stream().getReader();
    let sent = 0;
    return new ReadableStream<Uint8Array<ArrayBuffer>>({
      pull: async (controller) => {
        if (sent >= this.given) {
          this.record.hang();
          return new Promise<void>(() => undefined);
        }
        const r = await whole.read();
        if (r.done) return controller.close();
        const chunk = r.value.subarray(0, this.given - sent);
        sent += chunk.length;
        controller.enqueue(chunk);
      },
      cancel: () => {
        this.record.cancelled++;
      },
    });
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    this.record.hang();
    return new Promise(() => undefined);
  }

  override slice(start = 0, end = this.size, contentType?: string): Blob {
    const from = start < 0 ? Math.max(0, this.size + start) : Math.min(start, this.size);
    return new HangingBlob([super.slice(start, end, contentType)], Math.max(0, this.given - from), this.record);
  }
}

/** What the reads of a {@link HangingBlob} and its slices came to. */
export class HangRecord {
  hung = 0;
  cancelled = 0;
  private woken: (() => void) | null = null;
  /** Settles when the first read hangs. */
  readonly firstHang = new Promise<void>((resolve) => {
    this.woken = resolve;
  });

  hang(): void {
    this.hung++;
    this.woken?.();
  }
}
