import { useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../state/store';
import { findColumn } from './find-column';

export interface ColumnJumpProps {
  readonly columns: readonly string[];
  /** Brings the column into the grid's view. */
  readonly onJump: (column: number) => void;
}

/**
 * "Go to column" above a wide grid: nobody scrolls sideways through 10,000 columns to the one
 * they want. The result is a status region, so a screen reader hears which column came.
 */
export function ColumnJump({ columns, onJump }: ColumnJumpProps) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  // The last search and the column it found: Go again with the same text goes to the next match.
  const last = useRef<{ text: string; column: number } | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const after = last.current !== null && last.current.text === text ? last.current.column : null;
    const found = findColumn(columns, text, after);
    if (found === null) {
      last.current = null;
      setStatus(text.trim() === '' ? '' : t('preview.column.none', { text: text.trim() }));
      return;
    }
    last.current = { text, column: found.column };
    const values = {
      number: found.column + 1,
      total: columns.length,
      name: columns[found.column] ?? '',
    };
    setStatus(
      found.matches > 1
        ? t('preview.column.foundOf', { ...values, match: found.match, matches: found.matches })
        : t('preview.column.found', values),
    );
    onJump(found.column);
  };
  return (
    <div className="column-jump">
      <form
        className="filter-bar"
        role="search"
        aria-label={t('preview.column.label')}
        onSubmit={submit}
      >
        <label htmlFor={`${id}-column`}>{t('preview.column.label')}</label>
        <input
          id={`${id}-column`}
          type="search"
          value={text}
          placeholder={t('preview.column.placeholder')}
          onChange={(e) => setText(e.target.value)}
          data-testid="column-find"
        />
        <button type="submit" data-testid="column-go">
          {t('preview.column.go')}
        </button>
      </form>
      <p className="muted column-jump-status" role="status" data-testid="column-status">
        {status}
      </p>
    </div>
  );
}
