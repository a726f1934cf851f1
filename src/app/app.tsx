import { Suspense, useEffect, useRef, type ComponentType } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { UploadStep } from '../features/upload/upload-step';
import { LOCALES, type Locale } from '../i18n/translate';
import { STEPS, type StepId } from '../state/app-slice';
import { useStore, useT } from '../state/store';
import { Stepper } from '../ui/stepper';
import { StepErrorBoundary } from './error-boundary';
import { lazyStep, type LazyStep } from './lazy-step';

/**
 * Which steps can be opened: everything needs a file; Validate needs an applied mapping (the
 * Map step applies it). Export works with or without a mapping (raw conversion).
 */
function stepEnabled(step: StepId, hasData: boolean, hasMapping: boolean): boolean {
  if (step === 'upload') return true;
  if (step === 'validate') return hasData && hasMapping;
  return hasData;
}

function LockIcon() {
  // Inline SVG: an emoji needs a colour-emoji font the user may not have.
  return (
    <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" fill="currentColor">
      <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 6V4.5a2 2 0 1 1 4 0V7H6Z" />
    </svg>
  );
}

/**
 * Upload is the first paint and ships in the initial chunk; every later step (and the libraries
 * only it uses: the grid, the template validators) loads when it is first opened, which keeps
 * the first load small. Each import is started as soon as a file is loaded (see `preloadSteps`),
 * so the user rarely waits on a step's code, and a step whose code is in renders at once
 * (`lazyStep`).
 */
const LAZY_STEPS: Readonly<Record<Exclude<StepId, 'upload'>, LazyStep>> = {
  preview: lazyStep(() => import('../features/preview/preview-step').then((m) => ({ default: m.PreviewStep }))),
  map: lazyStep(() => import('../features/mapping/mapping-step').then((m) => ({ default: m.MappingStep }))),
  validate: lazyStep(() => import('../features/validate/validate-step').then((m) => ({ default: m.ValidateStep }))),
  review: lazyStep(() => import('../features/review/review-step').then((m) => ({ default: m.ReviewStep }))),
  export: lazyStep(() => import('../features/export/export-step').then((m) => ({ default: m.ExportStep }))),
};

const STEP_VIEWS: Readonly<Record<StepId, ComponentType>> = {
  upload: UploadStep,
  preview: LAZY_STEPS.preview.View,
  map: LAZY_STEPS.map.View,
  validate: LAZY_STEPS.validate.View,
  review: LAZY_STEPS.review.View,
  export: LAZY_STEPS.export.View,
};

let preloaded = false;
/** Starts loading every step's code in the background (once), after a file is in. */
function preloadSteps(): void {
  if (preloaded) return;
  preloaded = true;
  for (const step of Object.values(LAZY_STEPS)) void step.preload();
}

/** The shell: header, stepper, the current step, and Back/Next. Steps never import each other. */
export function App() {
  const t = useT();
  // Narrow, shallow-compared selection: a progress tick elsewhere in the store does not
  // re-render the shell.
  const { step, goTo, locale, setLocale, summary, readStatus, restored, restoreSession, startOver, hasMapping } =
    useStore(
      useShallow((s) => ({
        step: s.step,
        goTo: s.goTo,
        locale: s.locale,
        setLocale: s.setLocale,
        summary: s.summary,
        readStatus: s.readStatus,
        restored: s.restored,
        restoreSession: s.restoreSession,
        startOver: s.startOver,
        hasMapping: s.mapped !== null,
      })),
    );
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  const hasData = summary !== null && readStatus === 'idle';
  const index = STEPS.indexOf(step);
  const StepView = STEP_VIEWS[step];

  useEffect(() => {
    void restoreSession();
  }, [restoreSession]);

  useEffect(() => {
    if (hasData) preloadSteps();
  }, [hasData]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);

  useEffect(() => {
    // Move focus to the new step's heading so keyboard and screen-reader users start there.
    if (first.current) first.current = false;
    else heading.current?.focus();
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- runs on a step change only
  }, [step]);

  const prev = STEPS[index - 1];
  const next = STEPS[index + 1];
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <div className="header-side">
          <p className="privacy" data-testid="privacy">
            <LockIcon /> {t('app.privacy')}
          </p>
          <label>
            {t('app.language')}{' '}
            <select value={locale} onChange={(e) => void setLocale(e.target.value as Locale)} data-testid="locale">
              {LOCALES.map((l) => (
                <option key={l.id} value={l.id} lang={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      <Stepper
        label={t('step.wizard')}
        currentLabel={t('step.current')}
        current={step}
        items={STEPS.map((id) => ({ id, label: t(`step.${id}`), enabled: stepEnabled(id, hasData, hasMapping) }))}
        onSelect={(id) => goTo(id as StepId)}
      />
      <main id="main" className="step">
        <h2 ref={heading} tabIndex={-1} data-testid="step-heading">
          {t('step.label', { n: index + 1, total: STEPS.length, name: t(`step.${step}`) })}
        </h2>
        {restored && summary && (
          <div className="restored" role="status" data-testid="restored">
            <span>{t('app.restored', { file: summary.fileName })}</span>
            <button type="button" onClick={() => void startOver()} data-testid="start-over">
              {t('app.startOver')}
            </button>
          </div>
        )}
        <StepErrorBoundary key={step} message={t('app.crashed')} retryLabel={t('app.retry')}>
          <Suspense
            fallback={
              <p role="status" data-testid="step-loading">
                {t('app.loadingStep')}
              </p>
            }
          >
            <StepView />
          </Suspense>
        </StepErrorBoundary>
        <div className="step-nav">
          {prev && (
            <button type="button" onClick={() => goTo(prev)} data-testid="nav-back">
              ← {t('nav.back')}
            </button>
          )}
          {next && next !== 'validate' && (
            <button
              type="button"
              className="primary"
              disabled={!stepEnabled(next, hasData, hasMapping)}
              onClick={() => goTo(next)}
              data-testid="nav-next"
            >
              {t('nav.next')}{t('app.colon')}{t(`step.${next}`)} →
            </button>
          )}
        </div>
      </main>
    </>
  );
}
