import { sameTransform, type TransformAdvice } from '../../core/mapping/transform-advice';
import type { Transform, TransformKind } from '../../core/mapping/mapping-types';
import { createTransform, offeredTransforms } from '../../core/mapping/transform-catalogue';
import type { FieldDef } from '../../core/schema/schema-types';
import { transformName, type T } from './mapping-text';
import { TransformParams } from './transform-params';
import { AddTransformMenu } from './add-transform-menu';

export interface TransformsEditorProps {
  readonly t: T;
  readonly column: number;
  readonly headers: readonly string[];
  readonly field: FieldDef | undefined;
  readonly transforms: readonly Transform[];
  readonly country: string;
  /** The defaults worked out for this column and field, if any. */
  readonly advice: TransformAdvice | undefined;
  /** First and last names have columns of their own: no split offered. */
  readonly nameSplit: boolean;
  readonly onChange: (next: Transform[]) => void;
}

/** A column's transforms as removable chips with their parameters, and a menu to add one. */
export function TransformsEditor({ t, column, headers, field, transforms, country, advice, nameSplit, onChange }: TransformsEditorProps) {
  const header = headers[column] ?? '';
  // A kind the defaults would have applied comes back with the same parameters (date order …).
  const add = (kind: TransformKind) =>
    onChange([...transforms, advice?.applied.find((d) => d.kind === kind) ?? createTransform(kind, { country, field, column })]);
  const recommended = offeredTransforms(field, { nameSplit });
  // What the values showed comes first: an applied default that was removed, then the offers.
  const offers = advice ? [...advice.applied.map((d) => d.kind), ...advice.offered] : recommended;
  const offer = offers.find((k) => !transforms.some((x) => x.kind === k));
  const isDefault = (x: Transform) => advice?.applied.some((d) => sameTransform(d, x)) ?? false;
  return (
    <div className="transforms" data-testid={`map-transforms-${column}`}>
      {transforms.length > 0 && (
        <ol className="chips" aria-label={t('map.transforms.list', { column: header })}>
          {transforms.map((x, i) => (
            <li key={i} className="transform-chip" data-testid="map-transform" data-kind={x.kind} data-auto={isDefault(x) ? 'true' : undefined}>
              <span className="chip-head">
                <span className="chip-name">{transformName(t, x.kind)}</span>
                {isDefault(x) && <span className="chip-auto">{t('map.transforms.auto')}</span>}
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={t('map.transforms.remove', { transform: transformName(t, x.kind) })}
                  title={t('map.transforms.remove', { transform: transformName(t, x.kind) })}
                  onClick={() => onChange(transforms.filter((_, k) => k !== i))}
                  data-testid={`map-transform-remove-${column}-${i}`}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </span>
              <TransformParams
                t={t}
                transform={x}
                headers={headers}
                onChange={(next) => onChange(transforms.map((y, k) => (k === i ? next : y)))}
              />
            </li>
          ))}
        </ol>
      )}
      <div className="transforms-add">
        <AddTransformMenu
          t={t}
          column={column}
          header={header}
          recommended={recommended}
          recommendedLabel={field ? t('map.transforms.recommended', { type: t(`map.type.${field.type}`) }) : null}
          onAdd={add}
        />
        {offer && (
          <button
            type="button"
            className="link"
            aria-label={t('map.transforms.offerLabel', { transform: transformName(t, offer), column: header })}
            onClick={() => add(offer)}
            data-testid={`map-offer-transform-${column}`}
          >
            + {t('map.transforms.offer', { transform: transformName(t, offer) })}
          </button>
        )}
      </div>
    </div>
  );
}
