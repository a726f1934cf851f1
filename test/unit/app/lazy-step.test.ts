import { createElement, Suspense, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lazyStep } from '../../../src/app/lazy-step';

const Step: ComponentType = () => createElement('p', null, 'the step');
const load = () => Promise.resolve({ default: Step });
/** What the app renders: the step inside a Suspense boundary with a loading fallback. */
const render = (View: ComponentType) =>
  renderToString(createElement(Suspense, { fallback: createElement('p', null, 'loading') }, createElement(View)));

describe('lazyStep', () => {
  it('renders a preloaded step at once, without its loading fallback', async () => {
    const step = lazyStep(load);
    await step.preload();
    const html = render(step.View);
    expect(html).toContain('the step');
    expect(html).not.toContain('loading');
  });

  it('shows the fallback for a step whose code has not arrived, and loads it once', async () => {
    let calls = 0;
    const step = lazyStep(() => {
      calls += 1;
      return load();
    });
    expect(render(step.View)).toContain('loading');
    await step.preload();
    await step.preload();
    expect(calls).toBe(1);
    expect(render(step.View)).toContain('the step');
  });

  it('loads again after a failed preload', async () => {
    let calls = 0;
    const step = lazyStep(() => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('offline')) : load();
    });
    await step.preload();
    await step.preload();
    expect(calls).toBe(2);
    expect(render(step.View)).toContain('the step');
  });
});
