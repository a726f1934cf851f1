import { useDeferredValue, useId, useState } from 'react';
import { COLUMNS_PER_PAGE, joinChoices } from './column-find';
import type { T } from './mapping-text';

export interface JoinColumnsProps {
  readonly t: T;
  readonly headers: readonly string[];
  readonly chosen: readonly number[];
  readonly onChange: (columns: number[]) => void;
}

/**
 * The columns a join reads, as checkboxes. A file up to one page wide lists every column; a
 * wider one lists the joined columns and a find's first matches (`joinChoices`).
 */
export function JoinColumns({ t, headers, chosen, onChange }: JoinColumnsProps) {
  const id = useId();
  const [text, setText] = useState('');
  const find = useDeferredValue(text);
  const wide = headers.length > COLUMNS_PER_PAGE;
  const { columns, more } = wide ? joinChoices(headers, chosen, find, COLUMNS_PER_PAGE) : { columns: headers.map((_, i) => i), more: 0 };
  return (
    <fieldset className="param-columns">
      <legend>{t('map.param.joinColumns')}</legend>
      {wide && (
        <>
          <label htmlFor={id} className="sr-only">
            {t('map.param.joinFind')}
          </label>
          <input
            id={id}
            type="search"
            className="join-find"
            value={text}
            placeholder={t('map.param.joinFind')}
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
            data-testid="map-join-find"
          />
        </>
      )}
      {columns.map((i) => (
        <label key={i} className="param-check">
          <input
            type="checkbox"
            checked={chosen.includes(i)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, i].sort((a, b) => a - b) : chosen.filter((c) => c !== i))}
          />
          {headers[i]}
        </label>
      ))}
      {more > 0 && <p className="muted join-more">{t('map.param.joinMore', { count: more })}</p>}
    </fieldset>
  );
}
