export interface ProgressBarProps {
  readonly label: string;
  /** 0..1, or null when the total is unknown. */
  readonly fraction: number | null;
  readonly detail?: string | undefined;
  readonly cancelLabel: string;
  readonly onCancel: () => void;
}

/** Progress for a long job in the engine, always with a way out. */
export function ProgressBar({ label, fraction, detail, cancelLabel, onCancel }: ProgressBarProps) {
  const percent = fraction === null ? undefined : Math.round(fraction * 100);
  return (
    <div className="progress" role="status" aria-live="polite" data-testid="progress">
      <div className="progress-text">
        <span>{label}</span>
        {detail && <span className="muted">{detail}</span>}
      </div>
      <div className="progress-row">
        <progress max={100} value={percent} aria-label={label} />
        <button type="button" onClick={onCancel} data-testid="cancel">
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
