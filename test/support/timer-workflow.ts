// A workflow that only sleeps: proves the time-skipping server skips its timer.
import { sleep } from '@temporalio/workflow';

export async function sleepThirtyDays(): Promise<string> {
  await sleep('30 days');
  return 'woke';
}
