// The bell, loaded and asked for its count only once the browser is idle after the
// first screen: the inbox's first paint neither waits for its code nor for its query.
import { lazy, Suspense, useEffect, useState } from 'react';

const NotificationBell = lazy(async () => ({ default: (await import('./NotificationBell')).NotificationBell }));

export function DeferredBell() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const show = () => setReady(true);
    if ('requestIdleCallback' in window) {
      const id = window.requestIdleCallback(show, { timeout: 2000 });
      return () => window.cancelIdleCallback(id);
    }
    const id = setTimeout(show, 500);
    return () => clearTimeout(id);
  }, []);
  return ready ? (
    <Suspense fallback={null}>
      <NotificationBell />
    </Suspense>
  ) : null;
}
