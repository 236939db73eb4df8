// Applies a case's read-model writes in the order the case made them. The workflow
// queues every projection and sends what has gathered as one regular activity: it is
// scheduled only once the workflow task that decided it is in the history, so the read
// model never shows what a failed workflow task may still lose, and a case has at most
// one batch in flight, so writes never overtake each other. A retried batch runs again
// from its first item; every item is idempotent (keyed rows and audit entries), so the
// database ends as one attempt would leave it.
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { tasks } from '../db/schema.js';
import { changeWithAudit, createAuditActivities } from './audit.js';
import { createCaseRecordActivities } from './case-records.js';
import { createPanelActivities } from './panel-records.js';
import type { TaskToOpen } from './task-records.js';
import { createTaskRecordActivities } from './task-records.js';
import { createYearlyReportActivities } from './yearly-reports.js';

/** The tasks a case holds open, written over whatever the read model shows for it. */
export interface OpenTasksOfCase {
  caseId: string;
  /** Why the read model is brought in line (shown in the audit log). */
  reason: string;
  open: TaskToOpen[];
}

function createProjectionWriters(db: Database) {
  const { openTask, closeTask, assignTask, escalateTask, notify } = createTaskRecordActivities(db);
  const { recordStage, recordCorrection, closeCase } = createCaseRecordActivities(db);
  const { recordSeat, closePanel } = createPanelActivities(db);
  const { recordYearlyReport } = createYearlyReportActivities(db);
  const { recordAudit } = createAuditActivities(db);
  return {
    openTask,
    closeTask,
    assignTask,
    escalateTask,
    notify,
    recordStage,
    recordCorrection,
    closeCase,
    recordSeat,
    closePanel,
    recordYearlyReport,
    recordAudit,
    /**
     * After a repair (a reset) or when a case that began on the old write path moves to
     * this one: the case's word is the truth. Its open tasks are open in the read model
     * (reopened if a lost workflow task had closed them); any other open task of the
     * case is closed as superseded.
     */
    async reconcileOpenTasks(held: OpenTasksOfCase): Promise<void> {
      const heldIds = held.open.map((t) => t.taskId);
      const superseded = db.$with('superseded_tasks').as(
        db
          .update(tasks)
          .set({ status: 'cancelled', closedAt: sql`now()`, closedBy: 'system' })
          .where(and(eq(tasks.caseId, held.caseId), eq(tasks.status, 'open'), heldIds.length > 0 ? notInArray(tasks.id, heldIds) : undefined))
          .returning({ id: tasks.id }),
      );
      for (const task of held.open) {
        await openTask(task);
        await db
          .update(tasks)
          .set({ status: 'open', closedAt: null, closedBy: null, outcome: null, assignee: task.assignee ?? null })
          .where(eq(tasks.id, task.taskId));
      }
      await changeWithAudit(db, [superseded], {
        eventKey: `${held.caseId}:reconciled:${heldIds.join(',') || 'none'}`,
        caseId: held.caseId,
        actor: 'system',
        action: 'tasks-reconciled',
        detail: { open: heldIds },
        reason: held.reason,
      });
    },
  };
}

type Writers = ReturnType<typeof createProjectionWriters>;
export type ProjectionName = keyof Writers;
export type ProjectionArgs<K extends ProjectionName> = Parameters<Writers[K]>[0];
/** One queued write: which projection, with what. */
export type Projection = { [K in ProjectionName]: { write: K; args: ProjectionArgs<K> } }[ProjectionName];

export interface ProjectionBatch {
  caseId: string;
  /** Position of the batch's first item in the run's queue (for logs and the audit of failures). */
  from: number;
  items: Projection[];
}

export function createProjectionActivities(db: Database) {
  const writers = createProjectionWriters(db);
  return {
    async applyProjections(batch: ProjectionBatch): Promise<void> {
      for (const item of batch.items) {
        await (writers[item.write] as (args: unknown) => Promise<void>)(item.args);
      }
    },
  };
}
