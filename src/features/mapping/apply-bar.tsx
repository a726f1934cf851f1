import { missingRequired } from '../../core/mapping/mapping-rules';
import { useStore } from '../../state/store';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { ProgressBar } from '../../ui/progress-bar';
import { fieldLabel, type T } from './mapping-text';

/** Required fields still missing, the progress of applying, and the way on to Validate. */
export function ApplyBar({ t }: { readonly t: T }) {
  const locale = useStore((s) => s.locale);
  const object = useStore((s) => s.mappingObject);
  const columns = useStore((s) => s.mappingColumns);
  const status = useStore((s) => s.mappingStatus);
  const progress = useStore((s) => s.mappingProgress);
  const error = useStore((s) => s.mappingError);
  const proposal = useStore((s) => s.mappingProposal);
  const applyMapping = useStore((s) => s.applyMapping);
  const cancelMapping = useStore((s) => s.cancelMapping);
  const goTo = useStore((s) => s.goTo);
  const missing = missingRequired(object, columns);
  const applying = status === 'applying';
  const blocked = missing.length > 0 || columns.length === 0 || status !== 'idle';

  const apply = async () => {
    if (await applyMapping()) goTo('validate');
  };
  const fraction = progress && progress.total > 0 ? progress.done / progress.total : null;
  return (
    <div className="apply-bar">
      {missing.length > 0 && (
        <Alert tone="warning" title={t('map.missing.title')} testId="map-missing">
          <ul className="missing-list">
            {missing.map((key) => (
              <li key={key} data-testid="map-missing-field" data-field={key}>
                {fieldLabel(object, key, locale)}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {applying && (
        <ProgressBar
          label={progress === null ? t('map.applying.start') : t(progress.phase === 'map' ? 'map.applying.map' : 'map.applying.validate')}
          fraction={fraction}
          detail={progress ? t('map.progress', { done: progress.done, total: progress.total }) : undefined}
          cancelLabel={t('map.cancel')}
          onCancel={cancelMapping}
        />
      )}
      {error && proposal && (
        <Alert tone="error" title={t('map.error.title')} testId="map-error">
          {describeError(t, locale, error)}
        </Alert>
      )}
      <div className="apply-row">
        {missing.length > 0 && (
          <span id="map-apply-hint" className="muted">
            {t('map.applyHint')}
          </span>
        )}
        <button
          type="button"
          className="primary"
          disabled={blocked}
          aria-describedby={missing.length > 0 ? 'map-apply-hint' : undefined}
          onClick={() => void apply()}
          data-testid="map-apply"
        >
          {t('map.apply')} →
        </button>
      </div>
    </div>
  );
}
