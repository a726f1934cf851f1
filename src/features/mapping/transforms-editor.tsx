import type { Transform, TransformKind } from '../../core/mapping/mapping-types';
import type { FieldDef } from '../../core/schema/schema-types';
import { transformName, type T } from './mapping-text';
import { TransformParams } from './transform-params';
import { AddTransformMenu } from './add-transform-menu';
import { createTransform, recommendedTransforms } from './transform-defaults';

export interface TransformsEditorProps {
  readonly t: T;
  readonly column: number;
  readonly headers: readonly string[];
  readonly field: FieldDef | undefined;
  readonly transforms: readonly Transform[];
  readonly country: string;
  readonly onChange: (next: Transform[]) => void;
}

/** A column's transforms as removable chips with their parameters, and a menu to add one. */
export function TransformsEditor({ t, column, headers, field, transforms, country, onChange }: TransformsEditorProps) {
  const header = headers[column] ?? '';
  const add = (kind: TransformKind) => onChange([...transforms, createTransform(kind, { country, field, column })]);
  const recommended = recommendedTransforms(field);
  const offer = recommended.find((k) => !transforms.some((x) => x.kind === k));
  return (
    <div className="transforms" data-testid={`map-transforms-${column}`}>
      {transforms.length > 0 && (
        <ol className="chips" aria-label={t('map.transforms.list', { column: header })}>
          {transforms.map((x, i) => (
            <li key={i} className="chip" data-testid="map-transform">
              <span className="chip-head">
                <span className="chip-name">{transformName(t, x.kind)}</span>
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
