import type { ReactNode } from 'react';

export interface AlertProps {
  readonly tone: 'error' | 'warning' | 'info' | 'success';
  readonly title?: string | undefined;
  readonly children: ReactNode;
  readonly testId?: string;
}

/** A message box; errors are announced at once (role=alert), others politely. */
export function Alert({ tone, title, children, testId }: AlertProps) {
  return (
    <div
      className={`alert alert-${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {title && <strong className="alert-title">{title}</strong>}
      <div>{children}</div>
    </div>
  );
}
