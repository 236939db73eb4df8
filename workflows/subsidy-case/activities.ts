// How the stages call activities. Writes to the read model are short and idempotent:
// they run as local activities, one marker in the history each and no extra workflow
// task, which keeps a support year's history small. Money movements (payment
// instructions and their outcomes, budget reservations, recoveries) and the recording
// of the application stay regular activities: each is its own event in the history,
// retried by the server, and listed as pending while it fails (operations watch that).
// Every call runs to the end even when a withdrawal or revocation interrupts the case:
// the interruption lands between steps, never half-way through a write.
import { CancellationScope, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' };
const regular = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry });
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });

const regularOnes = new Set<keyof Activities>([
  'recordApplication',
  'instructPayment',
  'retryPayment',
  'settlePayment',
  'reserveBudget',
  'releaseUnpaidBudget',
  'openRecovery',
  'confirmRepayment',
]);

// One non-cancellable scope per workflow run (module state is per run) shields every
// call. A new scope per call (CancellationScope.nonCancellable) made about six promises
// each, and the SDK captures a stack trace for every promise a workflow creates: that
// was a large part of the workflow thread's time in the lifecycle benchmark.
let shield: CancellationScope | undefined;

function runToTheEnd(pick: (name: keyof Activities) => Activities[keyof Activities]): Activities {
  return new Proxy(regular, {
    get(_target, name: string) {
      const call = pick(name as keyof Activities) as (...args: unknown[]) => Promise<unknown>;
      return (...args: unknown[]) => {
        shield ??= new CancellationScope({ cancellable: false });
        return shield.run(() => call(...args));
      };
    },
  }) as Activities;
}

/** For the stages: projections local, money movements and the application regular. */
export const activities = runToTheEnd((name) => (regularOnes.has(name) ? regular[name] : local[name]));

/**
 * For Update handlers: always regular activities. A local activity awaited inside a
 * handler completes the Update in the same workflow task as the main flow's commands,
 * an order that replay does not reproduce (the replay test caught it).
 */
export const handlerActivities = runToTheEnd((name) => regular[name]);
