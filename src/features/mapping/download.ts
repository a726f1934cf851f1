/** Saves text as a file through a blob: URL (allowed by the CSP); nothing leaves the page. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: Chromium reads the URL after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A PorterError-like failure as the `{ code, details }` the catalogue describes. */
export function toShown(err: unknown): { code: string; details: Record<string, string | number | undefined> } {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') {
    const details = 'details' in err && typeof err.details === 'object' && err.details !== null ? (err.details as Record<string, string | number | undefined>) : {};
    return { code: err.code, details };
  }
  return { code: 'internal', details: {} };
}
