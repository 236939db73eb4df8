// Projects a case's life into the read model. Every write is keyed so that an
// activity retry leaves the database as one attempt would.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { auditLog, cases, tasks } from '../db/schema.js';
import type { Actor, CaseInput, CaseStatus, Role, Stage } from '../workflows/subsidy-case/messages.js';

export interface TaskToOpen {
  taskId: string;
  caseId: string;
  kind: string;
  stage: Stage;
  program: string;
  role: Role;
  assignee?: string;
  dueAt?: string;
}

export interface TaskToClose {
  taskId: string;
  caseId: string;
  actor: Actor;
  outcome: Record<string, unknown>;
  reason?: string;
}

export interface CaseClosing {
  caseId: string;
  status: CaseStatus;
  reason?: string;
}

const systemActor = 'system';

export function createCaseRecordActivities(db: Database) {
  async function audit(eventKey: string, caseId: string | null, actor: string, action: string, detail: unknown, reason?: string) {
    await db
      .insert(auditLog)
      .values({ eventKey, caseId, actor, action, detail, reason })
      .onConflictDoNothing({ target: auditLog.eventKey });
  }

  return {
    async recordApplication(input: CaseInput, workflowId: string): Promise<void> {
      await db
        .insert(cases)
        .values({
          id: input.applicationId,
          workflowId,
          program: input.program,
          enterpriseId: input.enterpriseId,
          policyVersion: input.policyVersion,
          submittedOn: input.submittedOn,
          stage: 'application',
          status: 'in-progress',
          requestedFacts: input.facts,
        })
        .onConflictDoNothing({ target: cases.id });
      await audit(`application:${input.applicationId}`, input.applicationId, input.enterpriseId, 'application-submitted', {
        program: input.program,
        policyVersion: input.policyVersion,
        facts: input.facts,
      });
    },

    async openTask(task: TaskToOpen): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .insert(tasks)
          .values({
            id: task.taskId,
            caseId: task.caseId,
            kind: task.kind,
            stage: task.stage,
            program: task.program,
            role: task.role,
            assignee: task.assignee ?? null,
            status: 'open',
            dueAt: task.dueAt ? new Date(task.dueAt) : null,
          })
          .onConflictDoNothing({ target: tasks.id });
        await tx.update(cases).set({ stage: task.stage, updatedAt: sql`now()` }).where(eq(cases.id, task.caseId));
      });
      await audit(`task-opened:${task.taskId}`, task.caseId, systemActor, 'task-opened', { kind: task.kind, role: task.role });
    },

    async closeTask(close: TaskToClose): Promise<void> {
      await db
        .update(tasks)
        .set({ status: 'done', closedAt: sql`now()`, closedBy: close.actor.userId, outcome: close.outcome })
        .where(and(eq(tasks.id, close.taskId), eq(tasks.status, 'open')));
      await audit(`task-closed:${close.taskId}`, close.caseId, close.actor.userId, 'task-decided', close.outcome, close.reason);
    },

    async recordApprovedAmount(caseId: string, amountFen: number): Promise<void> {
      await db.update(cases).set({ approvedAmountFen: amountFen, updatedAt: sql`now()` }).where(eq(cases.id, caseId));
      await audit(`approved:${caseId}`, caseId, systemActor, 'amount-approved', { amountFen });
    },

    async closeCase(closing: CaseClosing): Promise<void> {
      await db
        .update(cases)
        .set({ stage: 'closed', status: closing.status, updatedAt: sql`now()` })
        .where(eq(cases.id, closing.caseId));
      await audit(`closed:${closing.caseId}`, closing.caseId, systemActor, 'case-closed', { status: closing.status }, closing.reason);
    },
  };
}
