import { useMemo, useState } from 'react';
import { templateMatches } from '../../core/mapping/mapping-rules';
import { useStore } from '../../state/store';
import { Alert } from '../../ui/alert';
import { nameList } from '../../ui/name-list';
import type { T } from './mapping-text';

const MAX_NAMES = 20;

/** When the file's headers fit a saved template, offer it first, with what differs. */
export function TemplateOffer({ t, headers }: { readonly t: T; readonly headers: readonly string[] }) {
  const templates = useStore((s) => s.templates);
  const applyTemplate = useStore((s) => s.useTemplate);
  const [applied, setApplied] = useState<string | null>(null);
  // Once per list and file, not per render: a match pairs every header (10,000 in a wide file).
  const best = useMemo(() => templateMatches(templates, headers)[0], [templates, headers]);
  if (applied !== null) {
    return (
      <Alert tone="success" testId="template-applied">
        {t('map.templates.applied', { name: applied })}
      </Alert>
    );
  }
  if (!best) return null;
  const { template, match } = best;
  // The first headers a file adds or lacks, then how many more (thousands in a wide file).
  const names = (list: readonly string[]) => nameList(list, MAX_NAMES, (count) => t('map.templates.more', { count }), list.length, t('list.separator'));
  return (
    <div className="template-offer" data-testid="template-offer" data-match={match.kind}>
      <Alert tone="info" title={t(match.kind === 'exact' ? 'map.templates.matchExact' : 'map.templates.matchPartial', { name: template.name })}>
        {match.added.length > 0 && <p data-testid="template-added">{t('map.templates.added', { columns: names(match.added) })}</p>}
        {match.missing.length > 0 && <p data-testid="template-missing">{t('map.templates.missing', { columns: names(match.missing) })}</p>}
        <button
          type="button"
          className="primary"
          onClick={() => {
            applyTemplate(template.id);
            setApplied(template.name);
          }}
          data-testid="template-offer-apply"
        >
          {t('map.templates.applyOffer', { name: template.name })}
        </button>
      </Alert>
    </div>
  );
}
