import { useEffect, useId, useState } from 'react';
import type { ProfileId } from '../../core/profiles/profile-types';
import { PROFILES } from '../../core/profiles/profiles';
import { formatBytes } from '../../i18n/translate';
import { exportProfile } from '../../state/queries';
import { toShownError, type ShownError } from '../../state/source-slice';
import { useStore, useT } from '../../state/store';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { SelectField } from '../../ui/select-field';

interface Made {
  readonly url: string;
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
  readonly files: readonly { readonly name: string; readonly rows: number }[];
  readonly skipped: number;
}

/**
 * CRM import files: the change set from Review (or every record as an insert) written the way
 * the chosen CRM imports it, as one zip with a README.txt that gives the load order.
 */
export function ProfileExport({ baseName }: { readonly baseName: string }) {
  const t = useT();
  const id = useId();
  const locale = useStore((s) => s.locale);
  const policy = useStore((s) => s.invalidPolicy);
  const [profile, setProfile] = useState<ProfileId>('salesforce');
  const [mode, setMode] = useState<'id' | 'upsert'>('id');
  const [upsertField, setUpsertField] = useState('External_Id__c');
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<Made | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const canUpsert = PROFILES.find((p) => p.id === profile)?.upsert !== undefined;

  useEffect(
    () => () => {
      if (made) URL.revokeObjectURL(made.url);
    },
    [made],
  );

  const create = async () => {
    setBusy(true);
    setError(null);
    setMade(null);
    try {
      const request = { profile, mode: canUpsert ? mode : 'id', upsertField } as const;
      const r = await exportProfile(request, policy, {});
      setMade({
        url: URL.createObjectURL(r.blob),
        name: `${baseName.trim() || 'export'}-${profile}.zip`,
        size: r.size,
        sha256: r.sha256,
        files: r.files,
        skipped: r.skipped,
      });
    } catch (err) {
      setError(toShownError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="profile-export">
      <h3 id={`${id}-title`}>{t('export.profile.title')}</h3>
      <p className="muted">{t('export.profile.explain')}</p>
      <div className="field-grid wide">
        <SelectField
          label={t('export.profile.crm')}
          value={profile}
          options={PROFILES.map((p) => ({ value: p.id, label: p.name }))}
          disabled={busy}
          onChange={(p) => {
            setProfile(p);
            setMade(null);
          }}
          testId="profile-crm"
        />
        {canUpsert && (
          <SelectField
            label={t('export.profile.mode')}
            value={mode}
            options={(['id', 'upsert'] as const).map((m) => ({
              value: m,
              label: t(`export.profile.mode.${m}`),
            }))}
            disabled={busy}
            onChange={(m) => {
              setMode(m);
              setMade(null);
            }}
            testId="profile-mode"
          />
        )}
        {canUpsert && mode === 'upsert' && (
          <div className="field">
            <label htmlFor={`${id}-upsert`}>{t('export.profile.upsertField')}</label>
            <input
              id={`${id}-upsert`}
              value={upsertField}
              disabled={busy}
              onChange={(e) => setUpsertField(e.target.value)}
              data-testid="profile-upsert-field"
            />
          </div>
        )}
      </div>
      <div>
        <button
          type="button"
          disabled={busy}
          onClick={() => void create()}
          data-testid="profile-create"
        >
          {t('export.profile.create')}
        </button>
      </div>
      {error && <Alert tone="error">{describeError(t, locale, error)}</Alert>}
      {made && (
        <div data-testid="profile-result">
          <ul className="muted" data-testid="profile-files">
            {made.files.map((f) => (
              <li key={f.name}>{t('export.profile.file', { name: f.name, rows: f.rows })}</li>
            ))}
          </ul>
          {made.skipped > 0 && (
            <Alert tone="warning" testId="profile-skipped">
              {t('export.profile.skipped', { count: made.skipped })}
            </Alert>
          )}
          <dl className="facts">
            <dt>{t('export.size')}</dt>
            <dd data-bytes={made.size}>{formatBytes(locale, made.size)}</dd>
            <dt>{t('export.sha256')}</dt>
            <dd>
              <code className="checksum" data-testid="profile-sha256">
                {made.sha256}
              </code>
            </dd>
          </dl>
          <a
            className="button primary"
            href={made.url}
            download={made.name}
            data-testid="profile-download"
          >
            {t('export.download', { name: made.name })}
          </a>
        </div>
      )}
    </section>
  );
}
