// Open tasks projected into the read model, so an inbox is one indexed query; and
// the reminders and escalations of overdue tasks.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { cases, notifications, tasks } from '../db/schema.js';
import { Role } from '../domain/vocabulary.js';
import type { Actor, Stage, TaskKind } from '../domain/vocabulary.js';
import type { ProgramCode } from '../rules/index.js';
import { changeWithAudit } from './audit.js';

export interface TaskToOpen {
  taskId: string;
  caseId: string;
  kind: TaskKind;
  stage: Stage;
  program: ProgramCode;
  role: Role;
  assignee?: string;
  subject?: string;
  dueAt?: string;
  /** The most the case may be awarded, recorded with the committee's task. */
  maximumAmountFen?: number;
}

export interface TaskToClose {
  taskId: string;
  caseId: string;
  /** done: decided; expired: its deadline passed; cancelled: the case moved on. */
  status: 'done' | 'expired' | 'cancelled';
  actor?: Actor;
  outcome?: Record<string, unknown>;
  reason?: string;
}

export interface TaskAssignment {
  eventKey: string;
  taskId: string;
  caseId: string;
  actor: Actor;
  assignee: string | null;
}

export interface TaskEscalation {
  taskId: string;
  caseId: string;
  /** 1: reminder to the task's role or assignee; 2: escalation to the program's supervisor. */
  level: 1 | 2;
  role: Role;
  assignee?: string;
  message: string;
}

export interface Notice {
  eventKey: string;
  caseId: string;
  recipientRole: Role;
  recipientUser?: string;
  kind: string;
  message: string;
}

export function createTaskRecordActivities(db: Database) {
  return {
    async openTask(task: TaskToOpen): Promise<void> {
      const opened = { stage: task.stage, assignee: task.assignee ?? null, subject: task.subject ?? null, dueAt: task.dueAt ? new Date(task.dueAt) : null };
      const taskRow = db.$with('opened_task').as(
        db
          .insert(tasks)
          .values({ id: task.taskId, caseId: task.caseId, kind: task.kind, program: task.program, role: task.role, status: 'open', ...opened })
          // A local activity's write outlives a workflow task that then fails; the
          // retried workflow task opens the task again, possibly for another expert
          // (concurrent seats may number their tasks in another order) or with
          // another due date. Its word is the one the case keeps, so it wins here
          // too, while the task is still open.
          .onConflictDoUpdate({ target: tasks.id, set: opened, setWhere: eq(tasks.status, 'open') })
          .returning({ id: tasks.id }),
      );
      const caseRow = db.$with('staged_case').as(
        db
          .update(cases)
          .set({ stage: task.stage, updatedAt: sql`now()`, ...(task.maximumAmountFen !== undefined && { maximumAmountFen: task.maximumAmountFen }) })
          .where(eq(cases.id, task.caseId))
          .returning({ id: cases.id }),
      );
      // What is asked of an applicant (a correction, a yearly report) reaches them as a
      // notification too: they have no inbox to watch.
      const request =
        task.role === Role.Applicant
          ? [
              db.$with('applicant_notice').as(
                db
                  .insert(notifications)
                  .values({
                    eventKey: `${task.taskId}:requested`,
                    caseId: task.caseId,
                    taskId: task.taskId,
                    recipientRole: Role.Applicant,
                    kind: 'task-opened',
                    message: `Requested on case ${task.caseId}: ${task.kind}${task.dueAt ? `, due ${task.dueAt}` : ''}`,
                  })
                  .onConflictDoNothing({ target: notifications.eventKey })
                  .returning({ eventKey: notifications.eventKey }),
              ),
            ]
          : [];
      await changeWithAudit(db, [taskRow, caseRow, ...request], {
        eventKey: `${task.taskId}:opened`,
        caseId: task.caseId,
        actor: 'system',
        action: 'task-opened',
        detail: { kind: task.kind, role: task.role, assignee: task.assignee ?? null, dueAt: task.dueAt ?? null },
      });
    },

    async closeTask(close: TaskToClose): Promise<void> {
      const taskRow = db.$with('closed_task').as(
        db
          .update(tasks)
          .set({ status: close.status, closedAt: sql`now()`, closedBy: close.actor?.userId ?? 'system', outcome: close.outcome ?? null })
          .where(and(eq(tasks.id, close.taskId), eq(tasks.status, 'open')))
          .returning({ id: tasks.id }),
      );
      // The committee's approval is news for the applicant (a rejection closes the case, which tells it).
      const approvedAmount = close.status === 'done' && close.outcome?.decision === 'approve' ? close.outcome.amountFen : undefined;
      const approval =
        approvedAmount !== undefined
          ? [
              db.$with('approval_notice').as(
                db
                  .insert(notifications)
                  .values({
                    eventKey: `${close.taskId}:approved`,
                    caseId: close.caseId,
                    taskId: close.taskId,
                    recipientRole: Role.Applicant,
                    kind: 'approved',
                    message: `Case ${close.caseId} approved: ${String(approvedAmount)} fen, now in public notice`,
                  })
                  .onConflictDoNothing({ target: notifications.eventKey })
                  .returning({ eventKey: notifications.eventKey }),
              ),
            ]
          : [];
      await changeWithAudit(db, [taskRow, ...approval], {
        eventKey: `${close.taskId}:closed`,
        caseId: close.caseId,
        actor: close.actor?.userId ?? 'system',
        action: close.status === 'done' ? 'task-decided' : `task-${close.status}`,
        detail: close.outcome ?? null,
        reason: close.reason,
      });
    },

    async assignTask(assignment: TaskAssignment): Promise<void> {
      const taskRow = db.$with('assigned_task').as(db.update(tasks).set({ assignee: assignment.assignee }).where(eq(tasks.id, assignment.taskId)).returning({ id: tasks.id }));
      await changeWithAudit(db, [taskRow], {
        eventKey: assignment.eventKey,
        caseId: assignment.caseId,
        actor: assignment.actor.userId,
        action: assignment.assignee ? 'task-claimed' : 'task-released',
        detail: { taskId: assignment.taskId },
      });
    },

    /** Tells someone about their case; sent once per event key. */
    async notify(notice: Notice): Promise<void> {
      await db
        .insert(notifications)
        .values({
          eventKey: notice.eventKey,
          caseId: notice.caseId,
          recipientRole: notice.recipientRole,
          recipientUser: notice.recipientUser ?? null,
          kind: notice.kind,
          message: notice.message,
        })
        .onConflictDoNothing({ target: notifications.eventKey });
    },

    async escalateTask(escalation: TaskEscalation): Promise<void> {
      const eventKey = `${escalation.taskId}:escalation-${escalation.level}`;
      const taskRow = db.$with('escalated_task').as(db.update(tasks).set({ escalation: escalation.level }).where(eq(tasks.id, escalation.taskId)).returning({ id: tasks.id }));
      const notice = db.$with('escalation_notice').as(
        db
          .insert(notifications)
          .values({
            eventKey,
            caseId: escalation.caseId,
            taskId: escalation.taskId,
            kind: escalation.level === 1 ? 'reminder' : 'escalation',
            recipientRole: escalation.level === 1 ? escalation.role : 'supervisor',
            recipientUser: escalation.level === 1 ? (escalation.assignee ?? null) : null,
            message: escalation.message,
          })
          .onConflictDoNothing({ target: notifications.eventKey })
          .returning({ eventKey: notifications.eventKey }),
      );
      await changeWithAudit(db, [taskRow, notice], {
        eventKey,
        caseId: escalation.caseId,
        actor: 'system',
        action: escalation.level === 1 ? 'task-reminded' : 'task-escalated',
        detail: { taskId: escalation.taskId },
      });
    },
  };
}
