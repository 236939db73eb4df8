// Stands in for @temporalio/workflow in the repair test: the workflows run as they did
// before the ordered path (local-activity writes), except that moving to the public
// notice is written as a regular activity. A history recorded this way does not replay
// under the real code from that point on: a case stuck as in the evidence of issue 11.
import { patched as realPatched, proxyActivities, proxyLocalActivities as realProxyLocalActivities } from '@temporalio/workflow/lib/index.js';
import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow/lib/index.js';

export * from '@temporalio/workflow/lib/index.js';

export function patched(patchId: string): boolean {
  return patchId === 'projections-in-order' ? false : realPatched(patchId);
}

export function proxyLocalActivities(options: LocalActivityOptions): Record<string, unknown> {
  const local = realProxyLocalActivities(options) as Record<string, unknown>;
  const regular = proxyActivities({ startToCloseTimeout: '1 minute' } satisfies ActivityOptions) as Record<string, unknown>;
  return new Proxy(local, { get: (target, name: string) => (name === 'recordStage' ? regular[name] : target[name]) });
}
