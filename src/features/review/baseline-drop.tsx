import { useRef, useState, type DragEvent } from 'react';
import type { T } from './review-text';

export interface BaselineDropProps {
  readonly t: T;
  readonly disabled: boolean;
  readonly onFile: (file: File) => void;
}

/** Drop or pick the baseline file; its own test ids so it never collides with the upload step. */
export function BaselineDrop({ t, disabled, onFile }: BaselineDropProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <div
      className={`drop-zone review-drop${over ? ' is-over' : ''}`}
      data-testid="baseline-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="drop-prompt">{t('review.baseline.drop')}</p>
      <p className="muted">{t('review.baseline.or')}</p>
      <button type="button" disabled={disabled} onClick={() => input.current?.click()} data-testid="baseline-choose">
        {t('review.baseline.choose')}
      </button>
      <p className="muted small">{t('review.baseline.formats')}</p>
      <input
        ref={input}
        type="file"
        accept=".csv,.tsv,.tab,.txt,.json,.ndjson,.jsonl,.xml,.xlsx,.xlsm,.xls,text/csv,application/json,application/xml"
        hidden
        data-testid="baseline-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </div>
  );
}
