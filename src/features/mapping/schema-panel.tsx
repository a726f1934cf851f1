import { useId, useRef, useState } from 'react';
import { readSettingsFile } from '../../core/engine/limits';
import { PorterError } from '../../core/model/porter-error';
import { exportJsonSchema } from '../../core/schema/json-schema-export';
import { importJsonSchema } from '../../core/schema/json-schema-import';
import { useStore } from '../../state/store';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { downloadText, toShown } from './download';
import type { T } from './mapping-text';

/** The target object as JSON Schema: download it, or load one a colleague shared. */
export function SchemaPanel({ t }: { readonly t: T }) {
  const id = useId();
  const locale = useStore((s) => s.locale);
  const object = useStore((s) => s.mappingObject);
  const replaceObject = useStore((s) => s.replaceObject);
  const [error, setError] = useState<ReturnType<typeof toShown> | null>(null);
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);

  const importFile = async (file: File) => {
    setError(null);
    setStatus('');
    try {
      const text = await readSettingsFile(file);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new PorterError('schema-invalid', { path: '$', reason: t('map.schema.notJson') }, { cause: err });
      }
      const next = importJsonSchema(json);
      await replaceObject(next);
      setStatus(t('map.schema.imported', { name: next.label[locale], fields: next.fields.length }));
    } catch (err) {
      setError(toShown(err));
    }
  };

  return (
    <section className="panel map-panel" aria-labelledby={`${id}t`} data-testid="schema-panel">
      <h3 id={`${id}t`}>{t('map.schema.title')}</h3>
      <p>
        {t('map.schema.body', {
          object: object.label[locale],
          fields: object.fields.length,
          required: object.fields.filter((f) => f.required).length,
        })}
      </p>
      <div className="button-row">
        <button
          type="button"
          onClick={() => downloadText(`${object.key}.schema.json`, `${JSON.stringify(exportJsonSchema(object), null, 2)}\n`)}
          data-testid="schema-export"
        >
          {t('map.schema.export')}
        </button>
        <button type="button" onClick={() => input.current?.click()}>
          {t('map.schema.import')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json,application/schema+json"
          hidden
          aria-label={t('map.schema.import')}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
          data-testid="schema-import"
        />
      </div>
      {error && (
        <Alert tone="error" testId="schema-error">
          {describeError(t, locale, error)}
        </Alert>
      )}
      <p className="muted" role="status" data-testid="schema-status">
        {status}
      </p>
    </section>
  );
}
