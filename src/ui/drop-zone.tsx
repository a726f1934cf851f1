import { useRef, useState, type DragEvent } from 'react';

export interface DropZoneProps {
  readonly prompt: string;
  readonly orLabel: string;
  readonly chooseLabel: string;
  readonly accept: string;
  readonly disabled: boolean;
  readonly onFile: (file: File) => void;
}

/** Drop a file or pick one; both paths end in `onFile`, which must not do heavy work itself. */
export function DropZone({ prompt, orLabel, chooseLabel, accept, disabled, onFile }: DropZoneProps) {
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
      className={`drop-zone${over ? ' is-over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="drop-prompt">{prompt}</p>
      <p className="muted">{orLabel}</p>
      <button type="button" className="primary" disabled={disabled} onClick={() => input.current?.click()}>
        {chooseLabel}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </div>
  );
}
