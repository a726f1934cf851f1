import { useRef, useState, type DragEvent } from 'react';

/** Every file type the readers accept, for file pickers. */
export const ACCEPTED_FILES =
  '.csv,.tsv,.tab,.txt,.json,.ndjson,.jsonl,.xml,.xlsx,.xlsm,.xls,text/csv,application/json,application/xml';

export interface DropZoneProps {
  readonly prompt: string;
  readonly orLabel: string;
  readonly chooseLabel: string;
  readonly hint?: string | undefined;
  readonly accept?: string;
  readonly disabled: boolean;
  readonly onFile: (file: File) => void;
  /** Test ids are `${testIdPrefix}drop-zone`, `…file-input`, `…choose`: two zones never collide. */
  readonly testIdPrefix?: string;
  readonly className?: string;
  readonly primary?: boolean;
}

/** Drop a file or pick one; both paths end in `onFile`, which must not do heavy work itself. */
export function DropZone(props: DropZoneProps) {
  const { prompt, orLabel, chooseLabel, hint, accept = ACCEPTED_FILES, disabled, onFile } = props;
  const prefix = props.testIdPrefix ?? '';
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
      className={`drop-zone${props.className ? ` ${props.className}` : ''}${over ? ' is-over' : ''}`}
      data-testid={`${prefix}drop-zone`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="drop-prompt">{prompt}</p>
      <p className="muted">{orLabel}</p>
      <button
        type="button"
        className={props.primary === false ? undefined : 'primary'}
        disabled={disabled}
        onClick={() => input.current?.click()}
        data-testid={`${prefix}choose`}
      >
        {chooseLabel}
      </button>
      {hint && <p className="muted small">{hint}</p>}
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={`${prefix}file-input`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </div>
  );
}
