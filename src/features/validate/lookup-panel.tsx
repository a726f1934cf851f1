import { useId, useRef, useState } from 'react';
import type { LookupResult, LookupTableSummary } from '../../core/engine/lookup-session';
import type { EditOp, FieldSummary } from '../../core/engine/mapped-workspace';
import type { LookupSpec } from '../../core/lookup/match-lookup';
import { guessLookupColumns } from '../../core/lookup/guess-columns';
import type { MatchBy } from '../../core/lookup/normalize';
import type { ReadProgress } from '../../core/read/read-types';
import { formatBytesOf } from '../../i18n/translate';
import { loadLookup, matchLookup } from '../../state/queries';
import { toShownError, type ShownError } from '../../state/source-slice';
import { useStore, useT } from '../../state/store';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { ProgressBar } from '../../ui/progress-bar';
import { SelectField } from '../../ui/select-field';
import { isCancelled } from '../../workers/client/engine-client';

export interface LookupPanelProps {
  readonly fields: readonly FieldSummary[];
  readonly busy: boolean;
  readonly onEdit: (op: EditOp) => Promise<void>;
}

const MATCH_BY: readonly MatchBy[] = ['company', 'domain', 'email'];

/**
 * The first name of `names` that any of `wanted` (lower case) equals or, failing that, contains;
 * else the first name, or with `fallback` off none ('').
 */
function guess(names: readonly string[], wanted: readonly string[], fallback = true): string {
  const lower = names.map((n) => n.toLowerCase().replaceAll(/[\s_]/g, ''));
  for (const w of wanted) {
    const i = lower.indexOf(w);
    if (i >= 0) return names[i] as string;
  }
  for (const w of wanted) {
    const i = lower.findIndex((n) => n.includes(w));
    if (i >= 0) return names[i] as string;
  }
  return fallback ? (names[0] ?? '') : '';
}

/**
 * Lookups between objects: load a second file (an Accounts export, a user list) and fill a
 * reference field (Account ID, Owner ID) by matching a company name, a domain or an email.
 * Ambiguous and missing matches are listed; the user picks a candidate or types the value,
 * and every fill is an ordinary edit (undoable, in the grid, replayed after a reload).
 */
export function LookupPanel({ fields, busy, onEdit }: LookupPanelProps) {
  const t = useT();
  const id = useId();
  const locale = useStore((s) => s.locale);
  const saved = useStore((s) => s.lookupSpecs);
  const setLookupSpec = useStore((s) => s.setLookupSpec);
  const [table, setTable] = useState<LookupTableSummary | null>(null);
  const [spec, setSpec] = useState<LookupSpec | null>(null);
  const [result, setResult] = useState<LookupResult | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [working, setWorking] = useState(false);
  const [typed, setTyped] = useState<Record<number, string>>({});
  // The file being read, with the reader's progress: shown with Cancel, as Upload's read is.
  const [reading, setReading] = useState<{ name: string; size: number; progress: ReadProgress | null } | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const keys = fields.map((f) => f.key);
  const label = (key: string) => fields.find((f) => f.key === key)?.label[locale] ?? key;

  const load = async (file: File) => {
    const abort = new AbortController();
    controller.current = abort;
    setWorking(true);
    setError(null);
    setCancelled(false);
    setReading({ name: file.name, size: file.size, progress: null });
    try {
      const summary = await loadLookup(file, file.name, {
        signal: abort.signal,
        onProgress: (progress) => setReading({ name: file.name, size: file.size, progress }),
      });
      // Cancelled, the file loaded before and its results stay, as in the engine.
      setResult(null);
      setTable(summary);
      // A lookup saved with the template is reused when this file and the data still fit it.
      const fits = saved.find(
        (s) =>
          summary.columns.includes(s.lookupColumn) &&
          summary.columns.includes(s.valueColumn) &&
          keys.includes(s.matchField) &&
          keys.includes(s.targetField),
      );
      setSpec(
        fits ?? {
          matchBy: 'company',
          matchField: guess(keys, ['company', 'account', 'name']),
          ...guessLookupColumns(summary.columns),
          // The field the IDs go into is never a fallback: the first field (a full name) was
          // preselected when no ID field was mapped, and a Fill wrote IDs into empty names.
          targetField: guess(keys, ['account_id', 'accountid', 'owner_id', 'ownerid'], false),
          overwrite: false,
        },
      );
    } catch (err) {
      if (isCancelled(err)) setCancelled(true);
      else setError(toShownError(err));
    } finally {
      controller.current = null;
      setReading(null);
      setWorking(false);
    }
  };

  const run = async () => {
    if (spec === null) return;
    setWorking(true);
    setError(null);
    try {
      const r = await matchLookup(spec);
      if (r.op.changes.length > 0) await onEdit(r.op);
      setLookupSpec(spec);
      setResult(r);
      setTyped({});
    } catch (err) {
      setError(toShownError(err));
    } finally {
      setWorking(false);
    }
  };

  const fix = async (row: number, value: string) => {
    if (spec === null || value === '') return;
    await onEdit({ kind: 'set', row, field: spec.targetField, value });
    setResult(
      (r) =>
        r && {
          ...r,
          ambiguous: r.ambiguous.filter((p) => p.row !== row),
          missing: r.missing.filter((p) => p.row !== row),
        },
    );
  };

  const disabled = busy || working;
  const patch = (p: Partial<LookupSpec>) => spec && setSpec({ ...spec, ...p });
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="lookup-panel">
      <h3 id={`${id}-title`}>{t('lookup.title')}</h3>
      <p className="muted">{t('lookup.hint')}</p>
      <label className="button">
        {t('lookup.load')}
        <input
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,.json,.ndjson,.xml"
          className="sr-only"
          disabled={disabled}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void load(file);
            e.target.value = '';
          }}
          data-testid="lookup-file"
        />
      </label>
      {reading && (
        <ProgressBar
          label={t('lookup.reading', { file: reading.name })}
          fraction={reading.progress && reading.progress.total > 0 ? reading.progress.done / reading.progress.total : null}
          detail={
            reading.progress
              ? t('upload.progress', {
                  ...formatBytesOf(locale, (reading.progress.done / Math.max(1, reading.progress.total)) * reading.size, reading.size),
                  rows: reading.progress.rows,
                })
              : undefined
          }
          cancelLabel={t('upload.cancel')}
          onCancel={() => controller.current?.abort()}
        />
      )}
      {cancelled && (
        <p className="muted" role="status" data-testid="lookup-cancelled">
          {t('lookup.cancelled')}
        </p>
      )}
      {table && (
        <p className="muted" data-testid="lookup-loaded">
          {t('lookup.loaded', { file: table.fileName, rows: table.rowCount })}
        </p>
      )}
      {table && spec && (
        <>
          <div className="field-grid">
            <SelectField
              label={t('lookup.matchBy')}
              value={spec.matchBy}
              options={MATCH_BY.map((m) => ({ value: m, label: t(`lookup.matchBy.${m}`) }))}
              disabled={disabled}
              onChange={(matchBy) => patch({ matchBy })}
              testId="lookup-match-by"
            />
            <SelectField
              label={t('lookup.matchField')}
              value={spec.matchField}
              options={keys.map((k) => ({ value: k, label: label(k) }))}
              disabled={disabled}
              onChange={(matchField) => patch({ matchField })}
              testId="lookup-match-field"
            />
            <SelectField
              label={t('lookup.lookupColumn', { file: table.fileName })}
              value={spec.lookupColumn}
              options={table.columns.map((c) => ({ value: c, label: c }))}
              disabled={disabled}
              onChange={(lookupColumn) => patch({ lookupColumn })}
              testId="lookup-column"
            />
            <SelectField
              label={t('lookup.valueColumn', { file: table.fileName })}
              value={spec.valueColumn}
              options={table.columns.map((c) => ({ value: c, label: c }))}
              disabled={disabled}
              onChange={(valueColumn) => patch({ valueColumn })}
              testId="lookup-value-column"
            />
            <SelectField
              label={t('lookup.target')}
              value={spec.targetField}
              options={[
                ...(spec.targetField === '' ? [{ value: '', label: t('lookup.target.choose') }] : []),
                ...keys.map((k) => ({ value: k, label: label(k) })),
              ]}
              hint={spec.targetField === '' ? t('lookup.target.none') : undefined}
              disabled={disabled}
              onChange={(targetField) => patch({ targetField })}
              testId="lookup-target"
            />
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={spec.overwrite}
              disabled={disabled}
              onChange={(e) => patch({ overwrite: e.target.checked })}
              data-testid="lookup-overwrite"
            />
            {t('lookup.overwrite')}
          </label>
          <div>
            <button
              type="button"
              className="primary"
              disabled={disabled || spec.targetField === ''}
              onClick={() => void run()}
              data-testid="lookup-run"
            >
              {t('lookup.run')}
            </button>
          </div>
        </>
      )}
      {error && <Alert tone="error">{describeError(t, locale, error)}</Alert>}
      {result && (
        <div data-testid="lookup-result">
          <Alert
            tone={result.ambiguousTotal + result.missingTotal > 0 ? 'warning' : 'success'}
            testId="lookup-summary"
          >
            {t('lookup.summary', {
              filled: result.op.changes.length,
              kept: result.kept,
              ambiguous: result.ambiguousTotal,
              missing: result.missingTotal,
            })}
          </Alert>
          {result.ambiguous.length + result.missing.length > 0 && (
            <table className="lookup-problems" data-testid="lookup-problems">
              <thead>
                <tr>
                  <th scope="col">{t('lookup.col.row')}</th>
                  <th scope="col">{t('lookup.col.value')}</th>
                  <th scope="col">{t('lookup.col.fix')}</th>
                </tr>
              </thead>
              <tbody>
                {[...result.ambiguous, ...result.missing].map((p) => (
                  <tr key={p.row} data-testid="lookup-problem">
                    <td>{p.sourceRow.toLocaleString(locale)}</td>
                    <td>
                      {p.value}{' '}
                      <span className="muted">
                        {p.candidates.length > 0 ? t('lookup.ambiguous') : t('lookup.missing')}
                      </span>
                    </td>
                    <td>
                      {p.candidates.map((c) => (
                        <button
                          key={c.value}
                          type="button"
                          disabled={disabled}
                          onClick={() => void fix(p.row, c.value)}
                          data-testid="lookup-candidate"
                        >
                          {t('lookup.use', { value: c.value, label: c.label })}
                        </button>
                      ))}
                      <input
                        value={typed[p.row] ?? ''}
                        placeholder={t('lookup.type')}
                        aria-label={t('lookup.fixFor', { row: p.sourceRow })}
                        disabled={disabled}
                        onChange={(e) => setTyped({ ...typed, [p.row]: e.target.value })}
                        data-testid="lookup-fix-input"
                      />
                      <button
                        type="button"
                        disabled={disabled || (typed[p.row] ?? '') === ''}
                        onClick={() => void fix(p.row, typed[p.row] ?? '')}
                        data-testid="lookup-fix"
                      >
                        {t('lookup.set')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
