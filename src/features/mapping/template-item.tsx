import { useId, useState } from 'react';
import type { MappingTemplate } from '../../core/mapping/mapping-types';
import { sameTemplateName } from '../../core/mapping/template-name';
import { useStore } from '../../state/store';
import { Alert } from '../../ui/alert';
import type { T } from './mapping-text';

export interface TemplateItemProps {
  readonly t: T;
  readonly template: MappingTemplate;
  readonly objectLabel: string;
  readonly onStatus: (text: string) => void;
}

/** One saved template: apply, rename in place, delete. */
export function TemplateItem({ t, template: x, objectLabel, onStatus }: TemplateItemProps) {
  const id = useId();
  const applyTemplate = useStore((s) => s.useTemplate);
  const renameTemplate = useStore((s) => s.renameTemplate);
  const removeTemplate = useStore((s) => s.removeTemplate);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(x.name);
  const templates = useStore((s) => s.templates);
  /** A name another saved template has, refused. */
  const [taken, setTaken] = useState<string | null>(null);
  return (
    <li className="template-item" data-testid="template-item" data-name={x.name}>
      {editing ? (
        <>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              const name = draft.trim();
              // Another saved template's name is refused: two of one name cannot be told apart.
              if (templates.some((o) => o.id !== x.id && sameTemplateName(o.name, name))) {
                setTaken(name);
                return;
              }
              if (name !== '') void renameTemplate(x.id, name);
              setEditing(false);
            }}
          >
            <span className="field">
              <label htmlFor={id}>{t('map.templates.newName', { name: x.name })}</label>
              <input
                id={id}
                type="text"
                value={draft}
                // oxlint-disable-next-line jsx-a11y/no-autofocus -- the user just asked to rename
                autoFocus
                onChange={(e) => {
                  setDraft(e.target.value);
                  setTaken(null);
                }}
                data-testid="template-rename-input"
              />
            </span>
            <button type="submit" data-testid="template-rename-save">
              {t('map.templates.renameSave')}
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                setTaken(null);
              }}
            >
              {t('map.templates.renameCancel')}
            </button>
          </form>
          {taken !== null && (
            <Alert tone="error" testId="template-rename-taken">
              {t('map.templates.nameTaken', { name: taken })}
            </Alert>
          )}
        </>
      ) : (
        <>
          <span className="template-name">
            <strong>{x.name}</strong>{' '}
            <span className="muted">{t('map.templates.item', { object: objectLabel, columns: x.columns.length })}</span>
          </span>
          <span className="button-row">
            <button
              type="button"
              aria-label={t('map.templates.applyLabel', { name: x.name })}
              onClick={() => {
                applyTemplate(x.id);
                onStatus(t('map.templates.applied', { name: x.name }));
              }}
              data-testid="template-apply"
            >
              {t('map.templates.apply')}
            </button>
            <button
              type="button"
              aria-label={t('map.templates.renameLabel', { name: x.name })}
              onClick={() => {
                setDraft(x.name);
                setEditing(true);
              }}
              data-testid="template-rename"
            >
              {t('map.templates.rename')}
            </button>
            <button
              type="button"
              aria-label={t('map.templates.deleteLabel', { name: x.name })}
              onClick={() => void removeTemplate(x.id)}
              data-testid="template-delete"
            >
              {t('map.templates.delete')}
            </button>
          </span>
        </>
      )}
    </li>
  );
}
