import { useId, useRef, useState } from 'react';
import type { TransformKind } from '../../core/mapping/mapping-types';
import { transformName, type T } from './mapping-text';
import { TRANSFORM_KINDS } from '../../core/mapping/transform-catalogue';

export interface AddTransformMenuProps {
  readonly t: T;
  readonly column: number;
  readonly header: string;
  readonly recommended: readonly TransformKind[];
  readonly recommendedLabel: string | null;
  readonly onAdd: (kind: TransformKind) => void;
}

/**
 * "Add transform" as a disclosure of buttons, not a select: arrow keys on a closed select fire
 * `change` in Chromium, which would add a transform per key press.
 */
export function AddTransformMenu({ t, column, header, recommended, recommendedLabel, onAdd }: AddTransformMenuProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const item = (k: TransformKind) => (
    <li key={k}>
      <button
        type="button"
        onClick={() => {
          onAdd(k);
          close();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
        data-testid={`map-add-${k}`}
      >
        {transformName(t, k)}
      </button>
    </li>
  );
  return (
    <div className="add-menu">
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={t('map.transforms.addLabel', { column: header })}
        onClick={() => setOpen(!open)}
        data-testid={`map-add-transform-${column}`}
      >
        {t('map.transforms.add')} <span aria-hidden="true">{open ? '▴' : '▾'}</span>
      </button>
      {open && (
        <div id={id} className="add-menu-list">
          {recommended.length > 0 && recommendedLabel && (
            <>
              <p className="add-menu-group">{recommendedLabel}</p>
              <ul>{recommended.map(item)}</ul>
            </>
          )}
          <p className="add-menu-group">{t('map.transforms.all')}</p>
          <ul>{TRANSFORM_KINDS.filter((k) => !recommended.includes(k)).map(item)}</ul>
        </div>
      )}
    </div>
  );
}
