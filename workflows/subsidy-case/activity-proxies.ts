// The activity proxies a case's run uses, and which kind each call took on the paths
// runs have been written with (kept so that those runs replay: see projection.ts).
// Every call runs to the end even when a withdrawal or revocation interrupts the case:
// the interruption lands between steps, never half-way through a write.
import { CancellationScope, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' };
const regular = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry });
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });

// One non-cancellable scope per workflow run (module state is per run) shields every
// call. A new scope per call (CancellationScope.nonCancellable) made about six promises
// each, and the SDK captures a stack trace for every promise a workflow creates: that
// was a large part of the workflow thread's time in the lifecycle benchmark.
let shield: CancellationScope | undefined;

type Call = (...args: never[]) => Promise<unknown>;

function shielded<F extends Call>(call: F): F {
  return ((...args: Parameters<F>) => {
    shield ??= new CancellationScope({ cancellable: false });
    return shield.run(() => call(...args));
  }) as F;
}

/** Regular activities: the only kind a run on the ordered path uses. */
export function regularActivity<K extends keyof Activities>(name: K): Activities[K] {
  return shielded(regular[name] as Call) as Activities[K];
}

/** Before the ordered path, these were regular activities; every other call from a stage was local. */
const regularBeforeOrdered = new Set<keyof Activities>([
  'recordApplication',
  'instructPayment',
  'retryPayment',
  'settlePayment',
  'reserveBudget',
  'releaseUnpaidBudget',
  'openRecovery',
  'confirmRepayment',
]);

/**
 * The kind a call took before the ordered path: from a stage, local unless it moved
 * money or recorded the application; from an Update handler, always regular (a local
 * activity awaited in a handler did not replay).
 */
export function legacyActivity<K extends keyof Activities>(site: 'stage' | 'handler', name: K): Activities[K] {
  const proxy = site === 'handler' || regularBeforeOrdered.has(name) ? regular : local;
  return shielded(proxy[name] as Call) as Activities[K];
}
