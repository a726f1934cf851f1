import { createElement, lazy, useState, type ComponentType } from 'react';

/** A step's view whose code loads on first use, and whose loading can be started before. */
export interface LazyStep {
  readonly View: ComponentType;
  /** Starts loading the code (once); the view renders at once when opened after it loaded. */
  readonly preload: () => Promise<unknown>;
}

/**
 * `React.lazy` alone suspends the first time it renders even when its module was loaded before
 * (the promise it waits on is made at that render), and React 19 keeps a Suspense boundary's
 * content back for about 300 ms after its fallback was shown. So every step opened for the first
 * time showed "Loading…" and then waited ~0.3 s with its code already there (seen in a trace of
 * the whole-path bench: the engine's work for the Map step started only after that timer). This
 * keeps the loaded component and renders it directly; a view mounted before its code arrived
 * stays the lazy one for as long as it is mounted, so it is never swapped (and its state lost)
 * under the user.
 */
export function lazyStep(load: () => Promise<{ default: ComponentType }>): LazyStep {
  let loaded: ComponentType | null = null;
  let loading: Promise<{ default: ComponentType }> | null = null;
  const start = () => {
    loading ??= load().then(
      (m) => {
        loaded = m.default;
        return m;
      },
      (err: unknown) => {
        // Not kept: the next attempt (opening the step) loads again.
        loading = null;
        throw err;
      },
    );
    return loading;
  };
  const Lazy = lazy(start);
  function View() {
    const [Component] = useState<ComponentType>(() => loaded ?? Lazy);
    return createElement(Component);
  }
  // A failed preload says nothing: opening the step tries again and shows its error there.
  return { View, preload: () => start().then(() => undefined, () => undefined) };
}
