import { useId, useState, type FormEvent } from 'react';
import type { FilterSpec } from '../../core/engine/table-view';
import { useT } from '../../state/store';

export interface FilterBarProps {
  readonly columns: readonly string[];
  readonly filter: FilterSpec | null;
  readonly onFilter: (filter: FilterSpec | null) => void;
}

/** Text filter over one column or all; applied by the engine on submit. */
export function FilterBar({ columns, filter, onFilter }: FilterBarProps) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(filter?.text ?? '');
  const [column, setColumn] = useState(filter?.column === null || filter === null ? '' : String(filter.column));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onFilter(text === '' ? null : { text, column: column === '' ? null : Number(column) });
  };
  return (
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
      <select id={`${id}-col`} value={column} onChange={(e) => setColumn(e.target.value)} data-testid="filter-column">
        <option value="">{t('preview.filter.any')}</option>
        {columns.map((c, i) => (
          <option key={i} value={String(i)}>
            {c}
          </option>
        ))}
      </select>
      <button type="submit" data-testid="filter-apply">
        {t('preview.filter.apply')}
      </button>
      <button
        type="button"
        onClick={() => {
          setText('');
          onFilter(null);
        }}
      >
        {t('preview.filter.clear')}
      </button>
    </form>
  );
}
