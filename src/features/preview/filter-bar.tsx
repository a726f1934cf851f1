import { useId, useState, type FormEvent } from 'react';
import type { FilterSpec } from '../../core/engine/table-view';
import { useT } from '../../state/store';
import { WINDOW_COLUMNS_FROM } from '../../ui/data-grid/column-window';
import { columnNamed } from './find-column';

export interface FilterBarProps {
  readonly columns: readonly string[];
  readonly filter: FilterSpec | null;
  readonly onFilter: (filter: FilterSpec | null) => void;
}

/**
 * Text filter over one column or all; applied by the engine on submit. A wide file's column is
 * named by header or #number: a select of 10,000 options was a ~200 ms task each time Preview
 * opened (measured on the built app), and scrolling through it finds nothing.
 */
export function FilterBar({ columns, filter, onFilter }: FilterBarProps) {
  const t = useT();
  const id = useId();
  const wide = columns.length > WINDOW_COLUMNS_FROM;
  const [text, setText] = useState(filter?.text ?? '');
  const [column, setColumn] = useState(
    filter?.column === null || filter === null ? '' : String(filter.column),
  );
  const [named, setNamed] = useState(filter?.column == null ? '' : `#${filter.column + 1}`);
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!wide) {
      onFilter(text === '' ? null : { text, column: column === '' ? null : Number(column) });
      return;
    }
    const at = named.trim() === '' ? null : columnNamed(columns, named);
    if (named.trim() !== '' && at === null) {
      setNote(t('preview.column.none', { text: named.trim() }));
      return;
    }
    setNote(
      at === null || text === ''
        ? ''
        : t('preview.filter.inColumn', { number: at + 1, name: columns[at] ?? '' }),
    );
    onFilter(text === '' ? null : { text, column: at });
  };
  return (
    <>
      <form className="filter-bar" role="search" onSubmit={submit}>
        <label htmlFor={`${id}-text`}>{t('preview.filter')}</label>
        <input
          id={`${id}-text`}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="filter-text"
        />
        <label htmlFor={`${id}-col`}>{t('preview.filter.column')}</label>
        {wide ? (
          <input
            id={`${id}-col`}
            type="search"
            value={named}
            placeholder={t('preview.filter.columnWide')}
            onChange={(e) => setNamed(e.target.value)}
            data-testid="filter-column-find"
          />
        ) : (
          <select
            id={`${id}-col`}
            value={column}
            onChange={(e) => setColumn(e.target.value)}
            data-testid="filter-column"
          >
            <option value="">{t('preview.filter.any')}</option>
            {columns.map((c, i) => (
              <option key={i} value={String(i)}>
                {c}
              </option>
            ))}
          </select>
        )}
        <button type="submit" data-testid="filter-apply">
          {t('preview.filter.apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            setText('');
            setNote('');
            onFilter(null);
          }}
        >
          {t('preview.filter.clear')}
        </button>
      </form>
      {wide && (
        <p className="muted column-jump-status" role="status" data-testid="filter-column-note">
          {note}
        </p>
      )}
    </>
  );
}
