// Tasks in the read model (written by activities). The inbox is one indexed query:
// each branch walks a partial index on open tasks in due-date order, and the union
// keeps the first page.
import { and, asc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.js';
import { cases, tasks } from '../../db/schema.js';
import { Role } from '../../workflows/subsidy-case/messages.js';
import type { Actor } from '../../workflows/subsidy-case/messages.js';

export type TaskRow = typeof tasks.$inferSelect;

export interface TaskWithCase {
  task: TaskRow;
  enterpriseId: string;
  policyVersion: string;
  caseProgram: string;
  workflowId: string;
}

export async function findTaskWithCase(db: Database, taskId: string): Promise<TaskWithCase | undefined> {
  const [row] = await db
    .select({ task: tasks, enterpriseId: cases.enterpriseId, policyVersion: cases.policyVersion, caseProgram: cases.program, workflowId: cases.workflowId })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .where(eq(tasks.id, taskId))
    .limit(1);
  return row;
}

export async function openTasksOfCase(db: Database, caseId: string): Promise<TaskRow[]> {
  return db
    .select()
    .from(tasks)
    .where(and(eq(tasks.caseId, caseId), eq(tasks.status, 'open')))
    .orderBy(asc(tasks.dueAt), asc(tasks.id));
}

export interface InboxFilter {
  program?: string | undefined;
  stage?: string | undefined;
  kind?: string | undefined;
  dueBefore?: Date | undefined;
  /** Keyset: after (due_at as text or null, id) in the order due_at asc nulls last, id asc. */
  after?: { dueKey: string | null; id: string } | undefined;
  limit: number;
}

export interface InboxRow {
  id: string;
  caseId: string;
  kind: string;
  stage: string;
  program: string;
  role: string;
  assignee: string | null;
  dueAt: Date | null;
  dueKey: string | null;
  escalation: number;
  createdAt: Date;
}

const inboxColumns = {
  id: tasks.id,
  caseId: tasks.caseId,
  kind: tasks.kind,
  stage: tasks.stage,
  program: tasks.program,
  role: tasks.role,
  assignee: tasks.assignee,
  dueAt: tasks.dueAt,
  dueKey: sql<string | null>`${tasks.dueAt}::text`.as('due_key'),
  escalation: tasks.escalation,
  createdAt: tasks.createdAt,
};

function afterCursor(after: InboxFilter['after']): SQL | undefined {
  if (!after) return undefined;
  if (after.dueKey === null) return and(isNull(tasks.dueAt), gt(tasks.id, after.id));
  const due = sql`${after.dueKey}::timestamptz`;
  return or(sql`${tasks.dueAt} > ${due}`, and(sql`${tasks.dueAt} = ${due}`, gt(tasks.id, after.id)), isNull(tasks.dueAt));
}

/** Open tasks for the caller's role or assigned to the caller, by due date (none last). */
export async function inbox(db: Database, actor: Actor, filter: InboxFilter): Promise<InboxRow[]> {
  const common = [
    eq(tasks.status, 'open'),
    filter.program ? eq(tasks.program, filter.program) : undefined,
    filter.stage ? eq(tasks.stage, filter.stage) : undefined,
    filter.kind ? eq(tasks.kind, filter.kind) : undefined,
    filter.dueBefore ? lt(tasks.dueAt, filter.dueBefore) : undefined,
    afterCursor(filter.after),
  ];
  const order = [asc(tasks.dueAt), asc(tasks.id)];
  const assignedToMe = (...extra: (SQL | undefined)[]) =>
    db.select(inboxColumns).from(tasks).where(and(...common, eq(tasks.assignee, actor.userId), ...extra)).orderBy(...order).limit(filter.limit);

  if (actor.role === Role.Applicant) {
    // Applicants' tasks (corrections) belong to their enterprise's cases only.
    return db
      .select(inboxColumns)
      .from(tasks)
      .innerJoin(cases, eq(cases.id, tasks.caseId))
      .where(and(...common, eq(tasks.role, Role.Applicant), eq(cases.enterpriseId, actor.enterpriseId ?? '')))
      .orderBy(...order)
      .limit(filter.limit);
  }
  // An expert sees only the tasks drawn for it, never the panel's other seats.
  if (actor.role === Role.Expert) return assignedToMe();

  const forMyRole = db.select(inboxColumns).from(tasks).where(and(...common, eq(tasks.role, actor.role))).orderBy(...order).limit(filter.limit);
  return unionAll(forMyRole, assignedToMe(ne(tasks.role, actor.role)))
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(filter.limit);
}
