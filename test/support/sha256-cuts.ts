/** An incremental SHA-256 as the tests drive it. */
interface Stream {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

/** The digest of `bytes` fed to `stream` in pieces `cuts` long (what is left in one last piece). */
export function digestInCuts(stream: Stream, bytes: Uint8Array, cuts: readonly number[]): Uint8Array {
  let p = 0;
  for (const c of cuts) {
    const end = Math.min(bytes.length, p + c);
    stream.update(bytes.subarray(p, end));
    p = end;
  }
  stream.update(bytes.subarray(p));
  return stream.digest();
}
