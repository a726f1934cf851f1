/**
 * A snapshot's parts as fewer, larger Blobs: the commit's digest helper (workers/digest.worker.ts)
 * is given the snapshot ~4 MB at a time and keeps it as Blobs of about `groupBytes`. Chromium
 * charges a Blob, and IndexedDB's put of it, far more per Blob than per byte: in a worker of this
 * VM's Chromium, 60 buffers of 5 MB took 2.7–2.9 s as 60 Blobs and 1.3 s more to store, and
 * 1.3–1.5 s and 0.2–0.3 s as 5 Blobs of 60 MB (docs/architecture.md, "Commit"). So each buffer
 * is held until its group is made into one Blob, and only then handed back (`add`'s answer) for
 * the writer to write a later part into: a Blob copies its bytes when it is made, so a buffer
 * handed back is never read again here.
 */
export class PartGroups {
  private readonly blobs: Blob[] = [];
  private held: Uint8Array<ArrayBuffer>[] = [];
  private heldBytes = 0;

  constructor(
    private readonly groupBytes: number,
    private readonly type: string,
  ) {}

  /** Keeps `bytes`; when its group is full, makes the group's Blob and answers the group's buffers, free again. */
  add(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>[] {
    this.held.push(bytes);
    this.heldBytes += bytes.length;
    return this.heldBytes >= this.groupBytes ? this.seal() : [];
  }

  /** Every Blob, the group still open included; the buffers of that group are not handed back. */
  finish(): Blob[] {
    this.seal();
    return this.blobs;
  }

  private seal(): Uint8Array<ArrayBuffer>[] {
    const free = this.held;
    if (free.length > 0) this.blobs.push(new Blob(free, { type: this.type }));
    this.held = [];
    this.heldBytes = 0;
    return free;
  }
}
