// Stands in for @temporalio/workflow in one replay test: only 'second-officer-verification'
// reports itself as applied (every other patch answers as it really would), so a later
// year recorded before it must fail to replay on exactly that change.
import { patched as realPatched } from '@temporalio/workflow/lib/index.js';

export * from '@temporalio/workflow/lib/index.js';

export function patched(patchId: string): boolean {
  return patchId === 'second-officer-verification' || realPatched(patchId);
}
