import { useRef } from 'react';
import type { T } from './review-text';

export interface SnapshotImportProps {
  readonly t: T;
  readonly busy: boolean;
  readonly onFiles: (files: File[]) => void;
}

/**
 * Imports a snapshot written by `crm-porter run` into History: the user picks its three files
 * (NAME.snapshot.json, NAME.ndjson, NAME.fingerprints) at once, as docs/cli.md describes.
 */
export function SnapshotImport({ t, busy, onFiles }: SnapshotImportProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="snapshot-import">
      <button
        type="button"
        disabled={busy}
        onClick={() => input.current?.click()}
        data-testid="snapshot-import"
        aria-describedby="snapshot-import-help"
      >
        {t('review.history.import')}
      </button>
      <p className="muted small" id="snapshot-import-help">
        {t('review.history.importHelp')}
      </p>
      <input
        ref={input}
        type="file"
        multiple
        accept=".json,.ndjson,.fingerprints"
        hidden
        data-testid="snapshot-import-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
