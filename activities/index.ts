// All activities, built over their dependencies so tests pass real or fake ones.
import type { Database } from '../db/client.js';
import { createAssessmentActivities } from './assessment.js';
import { createAuditActivities } from './audit.js';
import { createBudgetActivities } from './budgets.js';
import { createCaseRecordActivities } from './case-records.js';
import { createPanelActivities } from './panel-records.js';
import { createPaymentActivities } from './payments.js';
import { createProjectionActivities } from './projections.js';
import { createRecoveryActivities } from './recoveries.js';
import { createTaskRecordActivities } from './task-records.js';
import { failFastOnUnwritableData } from './unwritable-data.js';
import { createYearlyReportActivities } from './yearly-reports.js';

export interface ActivityDependencies {
  db: Database;
}

export function createActivities(deps: ActivityDependencies) {
  return failFastOnUnwritableData({
    ...createAuditActivities(deps.db),
    ...createCaseRecordActivities(deps.db),
    ...createTaskRecordActivities(deps.db),
    ...createPanelActivities(deps.db),
    ...createPaymentActivities(deps.db),
    ...createBudgetActivities(deps.db),
    ...createYearlyReportActivities(deps.db),
    ...createRecoveryActivities(deps.db),
    ...createAssessmentActivities(deps.db),
    ...createProjectionActivities(deps.db),
  });
}

export type Activities = ReturnType<typeof createActivities>;
