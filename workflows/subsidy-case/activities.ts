// The activity proxies the stages call: one timeout class, retried with backoff
// (every activity is idempotent, so a retry is always safe). Each call runs to the end
// even when a withdrawal or revocation interrupts the case: the interruption lands
// between steps, never half-way through a write, and no running activity is cancelled.
import { CancellationScope, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';

const proxies = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export const activities = new Proxy(proxies, {
  get(target, name: string) {
    const call = target[name as keyof Activities] as (...args: unknown[]) => Promise<unknown>;
    return (...args: unknown[]) => CancellationScope.nonCancellable(() => call(...args));
  },
}) as Activities;
