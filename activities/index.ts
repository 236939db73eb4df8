// All activities, built over their dependencies so tests pass real or fake ones.
import type { Database } from '../db/client.js';
import { createAssessmentActivities } from './assessment.js';
import { createCaseRecordActivities } from './case-records.js';
import { createPaymentActivities } from './payments.js';

export interface ActivityDependencies {
  db: Database;
}

export function createActivities(deps: ActivityDependencies) {
  return {
    ...createCaseRecordActivities(deps.db),
    ...createPaymentActivities(deps.db),
    ...createAssessmentActivities(),
  };
}

export type Activities = ReturnType<typeof createActivities>;
