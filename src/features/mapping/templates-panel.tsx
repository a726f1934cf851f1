import { useId, useRef, useState } from 'react';
import { readSettingsFile } from '../../core/engine/limits';
import { exportTemplates, importTemplates } from '../../core/mapping/template-io';
import { sameTemplateName } from '../../core/mapping/template-name';
import { BUILTIN_OBJECTS } from '../../core/schema/builtin-objects';
import { useStore } from '../../state/store';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { nameList } from '../../ui/name-list';
import { downloadText, toShown } from './download';
import type { T } from './mapping-text';
import { TemplateItem } from './template-item';

/** Template names a status line lists before "and N more". */
const MAX_NAMES = 10;

/** Saved templates: save the current mapping, apply, rename, delete, export and import. */
export function TemplatesPanel({ t, fileName }: { readonly t: T; readonly fileName: string }) {
  const id = useId();
  const locale = useStore((s) => s.locale);
  const templates = useStore((s) => s.templates);
  const saveTemplate = useStore((s) => s.saveTemplate);
  const addTemplates = useStore((s) => s.addTemplates);
  const [name, setName] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ReturnType<typeof toShown> | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // A saved template of the name asked for: the user says whether the mapping replaces it.
  const [replacing, setReplacing] = useState<{ readonly id: string; readonly name: string } | null>(null);
  const save = async (replace?: string) => {
    const chosen = name.trim() || t('map.templates.defaultName', { file: fileName });
    const taken = templates.find((x) => sameTemplateName(x.name, chosen));
    if (replace === undefined && taken !== undefined) {
      setReplacing({ id: taken.id, name: taken.name });
      return;
    }
    setReplacing(null);
    await saveTemplate(chosen, replace);
    setName('');
    setStatus(
      t(replace === undefined ? 'map.templates.saved' : 'map.templates.replaced', { name: chosen }),
    );
  };
  const importFile = async (file: File) => {
    setError(null);
    try {
      const merge = await addTemplates(importTemplates(await readSettingsFile(file)));
      // None replaces a saved template: say which were already there, and which were renamed.
      const quoted = (list: readonly string[]) =>
        nameList(
          list.map((n) => `“${n}”`),
          MAX_NAMES,
          (count) => t('map.templates.moreNames', { count }),
          list.length,
          t('list.separator'),
        );
      const said = [t('map.templates.imported', { count: merge.add.length })];
      if (merge.unchanged.length > 0)
        said.push(t('map.templates.importedSame', { count: merge.unchanged.length }));
      if (merge.renamed.length > 0)
        said.push(
          t('map.templates.importedRenamed', {
            count: merge.renamed.length,
            names: quoted(merge.renamed.map((r) => r.name)),
          }),
        );
      // Chinese sentences end with “。” and follow one another without a space.
      setStatus(said.join(locale === 'zh-CN' ? '' : ' '));
    } catch (err) {
      setError(toShown(err));
    }
  };
  const objectLabel = (key: string) => BUILTIN_OBJECTS.find((o) => o.key === key)?.label[locale] ?? key;

  return (
    <section className="panel map-panel" aria-labelledby={`${id}t`} data-testid="templates-panel">
      <h3 id={`${id}t`}>{t('map.templates.title')}</h3>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <span className="field">
          <label htmlFor={`${id}n`}>{t('map.templates.saveName')}</label>
          <input
            id={`${id}n`}
            type="text"
            value={name}
            placeholder={t('map.templates.defaultName', { file: fileName })}
            onChange={(e) => {
              setName(e.target.value);
              setReplacing(null);
            }}
            data-testid="template-name"
          />
        </span>
        <button type="submit" data-testid="template-save">
          {t('map.templates.save')}
        </button>
      </form>
      {replacing !== null && (
        <Alert tone="warning" testId="template-replace">
          <p>{t('map.templates.replaceAsk', { name: replacing.name })}</p>
          <span className="button-row">
            <button
              type="button"
              className="danger"
              onClick={() => void save(replacing.id)}
              data-testid="template-replace-yes"
            >
              {t('map.templates.replaceYes')}
            </button>
            <button
              type="button"
              // The question takes the focus on the way that loses nothing: a second Enter on
              // Save, pressed before reading it, does not replace the saved template.
              // oxlint-disable-next-line jsx-a11y/no-autofocus -- the user just asked to save under this name
              autoFocus
              onClick={() => setReplacing(null)}
              data-testid="template-replace-no"
            >
              {t('map.templates.replaceNo')}
            </button>
          </span>
        </Alert>
      )}
      {templates.length === 0 ? (
        <p className="muted">{t('map.templates.none')}</p>
      ) : (
        <ul className="template-list">
          {templates.map((x) => (
            <TemplateItem key={x.id} t={t} template={x} objectLabel={objectLabel(x.object)} onStatus={setStatus} />
          ))}
        </ul>
      )}
      <div className="button-row">
        <button
          type="button"
          disabled={templates.length === 0}
          onClick={() => downloadText('crm-porter-templates.json', exportTemplates(templates))}
          data-testid="template-export"
        >
          {t('map.templates.export')}
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          {t('map.templates.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label={t('map.templates.import')}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
          data-testid="template-import"
        />
      </div>
      {error && (
        <Alert tone="error" testId="template-error">
          {describeError(t, locale, error)}
        </Alert>
      )}
      <p className="muted" role="status" data-testid="template-status">
        {status}
      </p>
    </section>
  );
}
