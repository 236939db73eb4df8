// The activity proxies the stages call: one timeout class, retried with backoff
// (every activity is idempotent, so a retry is always safe).
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';

export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
