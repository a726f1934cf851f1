import { useCallback, useEffect, useRef } from 'react';

/**
 * Moves focus to an action's result (a heading or a summary with tabIndex -1) once it is on
 * screen. The button that started the action is disabled while it runs, which drops focus to
 * <body>; without this, a keyboard user starts over from the top of the page.
 *
 * @example
 * const focusResult = useFocusResult();
 * const compare = async () => { await runDiff(); focusResult('review-summary-title'); };
 */
export function useFocusResult(): (id: string) => void {
  const pending = useRef<string | null>(null);
  // The result may render after the request (state set just before it): focus it then.
  useEffect(() => {
    const id = pending.current;
    const el = id === null ? null : document.getElementById(id);
    if (el === null) return;
    pending.current = null;
    el.focus();
  });
  return useCallback((id: string) => {
    const el = document.getElementById(id);
    if (el === null) pending.current = id;
    else el.focus();
  }, []);
}
