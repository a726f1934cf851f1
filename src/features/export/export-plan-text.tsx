import type { ExportPlan } from '../../core/engine/export-plan';
import type { InvalidRowPolicy } from '../../core/engine/mapped-table';
import type { MessageKey, MessageParams } from '../../i18n/translate';
import { Alert } from '../../ui/alert';

type T = (key: MessageKey, params?: MessageParams) => string;

export interface ExportPlanTextProps {
  readonly t: T;
  readonly plan: ExportPlan;
  /** Records in the data before the policy (the "of N" in the headline). */
  readonly rows: number;
  readonly policy: InvalidRowPolicy;
}

/**
 * The headline (records the file will hold) and every reason a record will not be in it, said
 * before the download. 0 records is a warning, never a quiet success.
 */
export function ExportPlanText({ t, plan, rows, policy }: ExportPlanTextProps) {
  const reasons: { key: MessageKey; params: MessageParams; testId: string }[] = [];
  if (plan.source === 'committed') {
    if (plan.leftOutErrors > 0) reasons.push({ key: 'export.committed.leftOut', params: { rows: plan.leftOutErrors }, testId: 'export-plan-committed-left-out' });
    if (plan.includedWithErrors > 0) reasons.push({ key: 'export.committed.included', params: { rows: plan.includedWithErrors }, testId: 'export-plan-committed-included' });
  } else {
    if (plan.leftOutErrors > 0) reasons.push({ key: 'export.plan.leftOut', params: { rows: plan.leftOutErrors }, testId: 'export-plan-left-out' });
    if (plan.includedWithErrors > 0) reasons.push({ key: 'export.plan.included', params: { rows: plan.includedWithErrors }, testId: 'export-plan-included' });
  }
  if (plan.deleted > 0) reasons.push({ key: 'export.plan.deleted', params: { rows: plan.deleted }, testId: 'export-plan-deleted' });
  const headline =
    plan.records === rows || plan.records === 0 ? t('export.rows', { records: plan.records }) : t('export.plan.of', { records: plan.records, rows });
  const empty = plan.records === 0;
  return (
    <div data-testid="export-plan" data-records={plan.records} data-left-out={plan.leftOutErrors} data-policy={policy}>
      {empty ? (
        <Alert tone="warning" title={headline} testId="export-plan-empty">
          {plan.noFields
            ? t('error.no-fields')
            : plan.blocked
              ? t('error.export-blocked', { rows: plan.withErrors })
              : reasons.length > 0
                ? t('export.plan.empty')
                : t('export.plan.noRecords')}
        </Alert>
      ) : (
        <p className="export-headline" data-testid="export-headline">
          <strong>{headline}</strong>
        </p>
      )}
      {reasons.length > 0 && (
        <ul className="export-reasons">
          {reasons.map((r) => (
            <li key={r.testId} data-testid={r.testId}>
              {t(r.key, r.params)}
            </li>
          ))}
        </ul>
      )}
      {plan.policyChanged && (
        <Alert tone="warning" testId="export-policy-changed">
          {t('export.committed.policyChanged')}
        </Alert>
      )}
    </div>
  );
}
