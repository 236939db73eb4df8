// Stands in for @temporalio/workflow in one replay test: every patch reports itself
// as applied, as if the change had been made without patched(). Old histories must
// then fail to replay, which shows the guard is what keeps running cases safe.
export * from '@temporalio/workflow/lib/index.js';

export function patched(_patchId: string): boolean {
  return true;
}
