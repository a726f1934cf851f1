import { useEffect, useRef } from 'react';
import { useStore, useT } from '../../state/store';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { ApplyBar } from './apply-bar';
import { ColumnFinder, ColumnPager } from './column-finder';
import { CustomFieldForm } from './custom-field-form';
import { MappingOptions } from './mapping-options';
import { MappingTable } from './mapping-table';
import { SchemaPanel } from './schema-panel';
import { TemplateOffer } from './template-offer';
import { TemplatesPanel } from './templates-panel';
import { useColumnPage } from './use-column-page';
// oxlint-disable-next-line import/no-unassigned-import -- the step's own styles, bundled by Vite
import './mapping-step.css';

/**
 * Step 3: every source column to a CRM field, with suggestions, transforms and templates. A file
 * wider than one page (up to 10,000 columns) shows a page of its columns at a time, with a find.
 */
export function MappingStep() {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const summary = useStore((s) => s.summary);
  const object = useStore((s) => s.mappingObject);
  const columns = useStore((s) => s.mappingColumns);
  const proposal = useStore((s) => s.mappingProposal);
  const country = useStore((s) => s.defaultCountry);
  const countrySource = useStore((s) => s.countrySource);
  const status = useStore((s) => s.mappingStatus);
  const error = useStore((s) => s.mappingError);
  const reread = useStore((s) => s.mappingReread);
  const proposeMapping = useStore((s) => s.proposeMapping);
  const loadTemplates = useStore((s) => s.loadTemplates);
  const chooseObject = useStore((s) => s.chooseObject);
  const setColumnMapping = useStore((s) => s.setColumnMapping);
  const setDefaultCountry = useStore((s) => s.setDefaultCountry);
  const addCustomField = useStore((s) => s.addCustomField);
  const needsProposal = summary !== null && proposal === null && status === 'idle' && error === null;
  const headers = summary?.columns ?? NO_HEADERS;
  const shown = useColumnPage(columns, headers, object, locale, t('map.keepCustom'));
  const table = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void loadTemplates();
  }, [loadTemplates]);

  useEffect(() => {
    if (needsProposal) void proposeMapping();
  }, [needsProposal, proposeMapping]);

  if (!summary) return null;
  const mapped = shown.imported;
  return (
    <div className="step-body map-step" data-testid="map-step">
      <p>{t('map.intro', { file: summary.fileName })}</p>
      <MappingOptions
        t={t}
        locale={locale}
        object={object}
        country={country}
        inferred={countrySource === 'inferred' ? (proposal?.phoneCountry ?? null) : null}
        disabled={status !== 'idle'}
        onObject={(key) => void chooseObject(key)}
        onCountry={setDefaultCountry}
      />
      {reread && (
        <Alert tone="warning" testId="map-reread">
          {t('map.reread')}
        </Alert>
      )}
      <TemplateOffer t={t} headers={headers} />
      {status === 'proposing' && (
        <p role="status" className="muted" data-testid="map-proposing">
          {t('map.proposing')}
        </p>
      )}
      {error && status !== 'applying' && proposal === null && (
        <Alert tone="error" testId="map-propose-error">
          {describeError(t, locale, error)}
        </Alert>
      )}
      {columns.length > 0 && (
        <>
          <p className="muted" role="status" data-testid="map-summary">
            {t('map.summary', { mapped, total: columns.length, skipped: columns.length - mapped })}
          </p>
          {shown.paged && (
            <ColumnFinder t={t} view={shown.view} total={columns.length} imported={mapped} found={shown.found} page={shown.page} onView={shown.setView} />
          )}
          {shown.rows.length > 0 && (
            <MappingTable
              ref={table}
              t={t}
              locale={locale}
              object={object}
              headers={headers}
              columns={columns}
              rows={shown.rows}
              numbered={shown.paged}
              proposal={proposal}
              country={country}
              disabled={status !== 'idle'}
              onChange={(column, patch) => {
                shown.touch(column);
                setColumnMapping(column, patch);
              }}
            />
          )}
          {shown.paged && (
            <ColumnPager
              t={t}
              page={shown.page}
              // From the end of a page on to the start of the next: the table's top comes into view
              // and takes the focus, so Tab goes on to the new page's first column.
              onPage={(page) => {
                shown.setView({ ...shown.view, page });
                table.current?.scrollIntoView({ block: 'start' });
                table.current?.focus({ preventScroll: true });
              }}
              testId="map-page-end"
            />
          )}
        </>
      )}
      <ApplyBar t={t} />
      <div className="map-panels">
        <CustomFieldForm t={t} onAdd={addCustomField} />
        <TemplatesPanel t={t} fileName={summary.fileName} />
        <SchemaPanel t={t} />
      </div>
    </div>
  );
}

const NO_HEADERS: readonly string[] = [];
