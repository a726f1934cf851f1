import type { InvalidRowPolicy } from '../../core/engine/mapped-table';
import { usePick, useT } from '../../state/store';

const POLICIES: readonly InvalidRowPolicy[] = ['block', 'skip', 'include'];

/** What the Export step does with rows that still have errors, said in words. */
export function PolicyPanel() {
  const t = useT();
  const { invalidPolicy, setInvalidPolicy } = usePick('invalidPolicy', 'setInvalidPolicy');
  return (
    <fieldset className="panel vpolicy" data-testid="policy">
      <legend>{t('validate.policy.title')}</legend>
      {POLICIES.map((p) => (
        <div key={p} className="vpolicy-option">
          <input
            id={`policy-${p}`}
            type="radio"
            name="invalid-policy"
            value={p}
            checked={invalidPolicy === p}
            onChange={() => setInvalidPolicy(p)}
            aria-describedby={`policy-${p}-hint`}
            data-testid={`policy-${p}`}
          />
          <span>
            <label htmlFor={`policy-${p}`}>{t(`validate.policy.${p}`)}</label>
            <small id={`policy-${p}-hint`} className="muted">
              {t(`validate.policy.${p}.hint`)}
            </small>
          </span>
        </div>
      ))}
    </fieldset>
  );
}
