import { useId, useState } from 'react';
import type { Transform } from '../../core/mapping/mapping-types';
import { JoinColumns } from './join-columns';
import type { T } from './mapping-text';

export interface TransformParamsProps {
  readonly t: T;
  readonly transform: Transform;
  readonly headers: readonly string[];
  readonly onChange: (next: Transform) => void;
}

/** The small inputs of a transform that has parameters; nothing for one that has none. */
export function TransformParams({ t, transform: x, headers, onChange }: TransformParamsProps) {
  const id = useId();
  switch (x.kind) {
    case 'case':
      return (
        <Choice id={id} label={t('map.param.caseTo')} value={x.to} onChange={(to) => onChange({ ...x, to })}
          options={[['lower', t('map.param.case.lower')], ['upper', t('map.param.case.upper')], ['title', t('map.param.case.title')]]} />
      );
    case 'split-name':
      return (
        <>
          <Choice id={`${id}p`} label={t('map.param.part')} value={x.part} onChange={(part) => onChange({ ...x, part })}
            options={[['first', t('map.param.part.first')], ['last', t('map.param.part.last')]]} />
          <Choice id={`${id}o`} label={t('map.param.order')} value={x.order} onChange={(order) => onChange({ ...x, order })}
            options={[['auto', t('map.param.order.auto')], ['western', t('map.param.order.western')], ['chinese', t('map.param.order.chinese')]]} />
        </>
      );
    case 'join':
      return (
        <>
          <JoinColumns t={t} headers={headers} chosen={x.columns} onChange={(columns) => onChange({ ...x, columns })} />
          <Text id={id} label={t('map.param.separator')} value={x.separator} size={4} onChange={(separator) => onChange({ ...x, separator })} />
        </>
      );
    case 'default':
      return <Text id={id} label={t('map.param.default')} value={x.value} onChange={(value) => onChange({ ...x, value })} />;
    case 'value-map':
      return <ValueMapInput id={id} label={t('map.param.valueMap')} map={x.map} onChange={(map) => onChange({ ...x, map })} />;
    case 'date':
      return (
        <Choice id={id} label={t('map.param.dateOrder')} value={x.order} onChange={(order) => onChange({ ...x, order })}
          options={[['auto', t('map.param.date.auto')], ['DMY', t('map.param.date.DMY')], ['MDY', t('map.param.date.MDY')], ['YMD', t('map.param.date.YMD')]]} />
      );
    case 'number':
      return (
        <Choice id={id} label={t('map.param.decimal')} value={x.decimal} onChange={(decimal) => onChange({ ...x, decimal })}
          options={[['.', t('map.param.decimal.dot')], [',', t('map.param.decimal.comma')]]} />
      );
    case 'phone':
      return (
        <Text id={id} label={t('map.param.country')} value={x.country} size={3} maxLength={2}
          onChange={(country) => onChange({ ...x, country: country.toUpperCase() })} />
      );
    default:
      return null;
  }
}

function Choice<V extends string>(props: {
  id: string;
  label: string;
  value: V;
  options: readonly (readonly [V, string])[];
  onChange: (v: V) => void;
}) {
  return (
    <span className="param">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as V)}>
        {props.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </span>
  );
}

function Text(props: { id: string; label: string; value: string; size?: number; maxLength?: number; onChange: (v: string) => void }) {
  return (
    <span className="param">
      <label htmlFor={props.id}>{props.label}</label>
      <input id={props.id} type="text" value={props.value} size={props.size ?? 12} maxLength={props.maxLength} onChange={(e) => props.onChange(e.target.value)} />
    </span>
  );
}

/** `from => to` lines; the text is kept as typed, the map is rebuilt on every change. */
function ValueMapInput(props: { id: string; label: string; map: Readonly<Record<string, string>>; onChange: (m: Record<string, string>) => void }) {
  const [text, setText] = useState(() =>
    Object.keys(props.map)
      .map((k) => `${k} => ${props.map[k] ?? ''}`)
      .join('\n'),
  );
  return (
    <span className="param param-wide">
      <label htmlFor={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        rows={3}
        value={text}
        placeholder="VIP => vip"
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(parseValueMap(e.target.value));
        }}
      />
    </span>
  );
}

/** Lines `from => to`; others are ignored. Object.fromEntries keeps `__proto__` a plain key. */
export function parseValueMap(text: string): Record<string, string> {
  const entries: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf('=>');
    if (at < 0) continue;
    const from = line.slice(0, at).trim();
    if (from !== '') entries.push([from, line.slice(at + 2).trim()]);
  }
  return Object.fromEntries(entries);
}
