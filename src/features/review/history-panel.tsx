import { useState } from 'react';
import type { Locale } from '../../i18n/translate';
import { formatBytes } from '../../i18n/translate';
import { snapshotHead, type SnapshotHead, type SnapshotMeta } from '../../state/persist/snapshots';
import { HeadTable } from '../../ui/head-table';
import { baselineLabel, type FieldLabel, type T } from './review-text';
import { SnapshotImport } from './snapshot-import';

export interface HistoryPanelProps {
  readonly t: T;
  readonly locale: Locale;
  readonly snapshots: readonly SnapshotMeta[];
  readonly storage: { usage: number; quota: number } | null;
  readonly busy: boolean;
  readonly onUse: (id: string) => void;
  readonly onDownload: (snapshot: SnapshotMeta) => void;
  readonly onDelete: (id: string) => void;
  /** Imports a snapshot written by `crm-porter run`. */
  readonly onImport: (files: File[]) => void;
  /** Reverts to a snapshot as a new commit (the newest one holds the data already). */
  readonly onRevert: (id: string) => void;
  /** Field labels in the UI language, for a snapshot's column names. */
  readonly label?: FieldLabel;
}

/**
 * Committed snapshots kept in this browser: use one as the baseline, look at it, download it,
 * revert to it (a new commit holding its records), or delete it; import one written by
 * `crm-porter run`.
 */
export function HistoryPanel({
  t,
  locale,
  snapshots,
  storage,
  busy,
  onUse,
  onDownload,
  onDelete,
  onImport,
  onRevert,
  label = (c) => c,
}: HistoryPanelProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [reverting, setReverting] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [head, setHead] = useState<SnapshotHead | null>(null);
  const toggleView = async (id: string) => {
    if (viewing === id) {
      setViewing(null);
      return;
    }
    setHead(await snapshotHead(id, 20));
    setViewing(id);
  };
  return (
    <section className="panel review-history" aria-labelledby="review-history-title" data-testid="history">
      <h3 id="review-history-title">{t('review.history.title')}</h3>
      <p className="muted small" data-testid="storage">
        {storage && storage.quota > 0
          ? t('review.history.storage', { usage: formatBytes(locale, storage.usage), quota: formatBytes(locale, storage.quota) })
          : t('review.history.storageUnknown')}
      </p>
      <SnapshotImport t={t} busy={busy} onFiles={onImport} />
      {snapshots.length === 0 ? (
        <p className="muted">{t('review.history.empty')}</p>
      ) : (
        <ul className="snapshots" aria-label={t('review.history.list')}>
          {snapshots.map((s, index) => (
            <li key={s.id} className="snapshot" data-testid="snapshot" data-id={s.id}>
              <div className="snapshot-facts">
                <strong>
                  <time dateTime={s.createdAt}>{new Date(s.createdAt).toLocaleString(locale)}</time>
                </strong>
                <span className="small">
                  {s.revertOf !== undefined
                    ? s.currentName
                    : s.baselineName === ''
                    ? t('review.history.initial', { current: s.currentName })
                    : t('review.history.files', { current: s.currentName, baseline: baselineLabel(t, locale, s.baselineName, s.baselineCreatedAt) })}
                </span>
                <span className="small" data-testid="snapshot-rows" data-rows={s.rowCount}>
                  {t('review.history.facts', { rows: s.rowCount, size: formatBytes(locale, s.bytes) })}
                </span>
                {s.revertOf === undefined ? (
                  <span className="small muted" data-testid="snapshot-counts">
                    {t('review.history.counts', { added: s.counts.added, modified: s.counts.modified + s.counts.cosmetic, removed: s.counts.removed })}
                  </span>
                ) : (
                  <span className="small" data-testid="snapshot-reverted">
                    {t('review.history.reverted', { time: new Date(s.revertOf).toLocaleString(locale) })}
                  </span>
                )}
              </div>
              {reverting === s.id ? (
                <div className="snapshot-actions" role="group" aria-label={t('review.history.revertConfirm')}>
                  <span className="small">{t('review.history.revertConfirm')}</span>
                  <button
                    type="button"
                    className="primary"
                    disabled={busy}
                    onClick={() => {
                      setReverting(null);
                      onRevert(s.id);
                    }}
                    data-testid="snapshot-revert-confirm"
                  >
                    {t('review.history.revertYes')}
                  </button>
                  <button type="button" onClick={() => setReverting(null)}>
                    {t('review.history.confirmNo')}
                  </button>
                </div>
              ) : confirming === s.id ? (
                <div className="snapshot-actions" role="group" aria-label={t('review.history.confirm')}>
                  <span className="small">{t('review.history.confirm')}</span>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      setConfirming(null);
                      onDelete(s.id);
                    }}
                    data-testid="snapshot-delete-confirm"
                  >
                    {t('review.history.confirmYes')}
                  </button>
                  <button type="button" onClick={() => setConfirming(null)}>
                    {t('review.history.confirmNo')}
                  </button>
                </div>
              ) : (
                <div className="snapshot-actions">
                  <button type="button" className="primary" disabled={busy} onClick={() => onUse(s.id)} data-testid="snapshot-use">
                    {t('review.history.use')}
                  </button>
                  <button
                    type="button"
                    aria-expanded={viewing === s.id}
                    onClick={() => void toggleView(s.id)}
                    data-testid="snapshot-view"
                  >
                    {t('review.history.view')}
                  </button>
                  {index > 0 && (
                    <button type="button" disabled={busy} onClick={() => setReverting(s.id)} data-testid="snapshot-revert">
                      {t('review.history.revert')}
                    </button>
                  )}
                  <button type="button" onClick={() => onDownload(s)} data-testid="snapshot-download">
                    {t('review.history.download')}
                  </button>
                  <button type="button" onClick={() => setConfirming(s.id)} data-testid="snapshot-delete">
                    {t('review.history.delete')}
                  </button>
                </div>
              )}
              {viewing === s.id && head && (
                <HeadTable
                  caption={t('review.history.viewCaption', { count: head.rows.length })}
                  rowLabel="#"
                  missingLabel={t('review.history.missing')}
                  moreColumns={(count) => t('review.history.moreFields', { count })}
                  columns={head.columns.map(label)}
                  rows={head.rows}
                  sourceRows={head.rows.map((_, i) => i + 1)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
