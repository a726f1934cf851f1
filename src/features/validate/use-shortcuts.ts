import { useEffect, useRef } from 'react';

export interface Shortcuts {
  readonly next: () => void;
  readonly prev: () => void;
  readonly undo: () => void;
  readonly redo: () => void;
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')
    return true;
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'file'].includes(target.type)
  );
}

/**
 * F8 / Shift+F8 jump between problems; Ctrl/Cmd+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes. Undo
 * keys are left alone inside a text field, where they undo typing.
 */
export function useShortcuts(actions: Shortcuts): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = latest.current;
      if (e.key === 'F8') {
        e.preventDefault();
        if (e.shiftKey) a.prev();
        else a.next();
        return;
      }
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextEntry(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) a.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') a.redo();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
