import { useEffect, useState } from 'react';

/** j/k move the active row, Enter opens it, x selects it; typing in a field is left alone. */
export function useInboxKeys(count: number, on: { open: (index: number) => void; select: (index: number) => void }): number {
  const [active, setActive] = useState(0);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === 'j') setActive((i) => Math.min(i + 1, Math.max(count - 1, 0)));
      else if (event.key === 'k') setActive((i) => Math.max(i - 1, 0));
      else if (event.key === 'Enter' && target?.tagName !== 'BUTTON' && target?.tagName !== 'A') on.open(active);
      else if (event.key === 'x') on.select(active);
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, active, on]);
  return active;
}
