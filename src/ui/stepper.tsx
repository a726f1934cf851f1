export interface StepperItem {
  readonly id: string;
  readonly label: string;
  readonly enabled: boolean;
}

export interface StepperProps {
  readonly items: readonly StepperItem[];
  readonly current: string;
  readonly label: string;
  readonly currentLabel: string;
  readonly onSelect: (id: string) => void;
}

/** The wizard's steps as a navigation list; the current one is marked for screen readers. */
export function Stepper({ items, current, label, currentLabel, onSelect }: StepperProps) {
  return (
    <nav aria-label={label} className="stepper">
      <ol>
        {items.map((item, i) => {
          const isCurrent = item.id === current;
          return (
            <li key={item.id} className={isCurrent ? 'is-current' : undefined}>
              <button
                type="button"
                aria-current={isCurrent ? 'step' : undefined}
                disabled={!item.enabled}
                onClick={() => onSelect(item.id)}
                data-testid={`step-${item.id}`}
              >
                <span className="stepper-n" aria-hidden="true">
                  {i + 1}
                </span>
                {item.label}
                {isCurrent && <span className="sr-only"> ({currentLabel})</span>}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
