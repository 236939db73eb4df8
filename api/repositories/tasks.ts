// Tasks in the read model (written by activities). The inbox is one indexed query:
// each branch walks a partial index on open tasks in due-date order, and the union
// keeps the first page.
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.js';
import { cases, payments, recoveries, tasks } from '../../db/schema.js';
import { oncePerDatabase } from './once-per-database.js';
import { Role } from '../../domain/vocabulary.js';
import type { Actor, Stage, TaskKind } from '../../domain/vocabulary.js';
import type { ProgramCode } from '../../rules/index.js';

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

/** The open tasks of several cases, for the stuck-case report. */
export async function openTasksOfCases(db: Database, caseIds: string[]): Promise<TaskRow[]> {
  if (caseIds.length === 0) return [];
  return db
    .select()
    .from(tasks)
    .where(and(inArray(tasks.caseId, caseIds), eq(tasks.status, 'open')))
    .orderBy(asc(tasks.dueAt), asc(tasks.id));
}

export interface InboxFilter {
  program?: string | undefined;
  stage?: string | undefined;
  kind?: string | undefined;
  caseId?: string | undefined;
  dueBefore?: Date | undefined;
  /** 'due': soonest due first, undated last (the default); '-due': the reverse. */
  sort?: InboxSort | undefined;
  /** Keyset: after (due_at as text or null, id) in the page's order. */
  after?: { dueKey: string | null; id: string } | undefined;
  limit: number;
}

export const INBOX_SORTS = ['due', '-due'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

export interface InboxRow {
  id: string;
  caseId: string;
  kind: TaskKind;
  stage: Stage;
  program: ProgramCode;
  role: Role;
  assignee: string | null;
  subject: string | null;
  /** ISO 8601 in UTC, formatted by PostgreSQL. */
  dueAt: string | null;
  dueKey: string | null;
  escalation: number;
  createdAt: string;
}

// PostgreSQL writes the API's date-times itself: parsing a timestamp into a Date and
// formatting it again was a tenth of the inbox's CPU (bench/results/inbox-*.json).
const isoUtc = (column: typeof tasks.dueAt | typeof tasks.createdAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const inboxColumns = {
  id: tasks.id,
  caseId: tasks.caseId,
  kind: tasks.kind,
  stage: tasks.stage,
  program: tasks.program,
  role: tasks.role,
  assignee: tasks.assignee,
  subject: tasks.subject,
  dueAt: isoUtc(tasks.dueAt).as('due_at_iso'),
  // The raw due_at (drizzle's drivers hand timestamps over as PostgreSQL's text) is
  // both the keyset cursor and, by its column name, the union's sort key.
  dueKey: sql<string | null>`${tasks.dueAt}`.as('due_at'),
  escalation: tasks.escalation,
  createdAt: isoUtc(tasks.createdAt).as('created_at_iso'),
};

// The inbox is the API's busiest query. Its SQL depends only on the caller's branch
// (applicant, expert, other) and on which filters are present, so each such shape is
// built once per database and prepared, and every call only binds values (building
// the union in drizzle cost more CPU than running it).
const p = {
  userId: sql.placeholder('userId'),
  role: sql.placeholder('role'),
  enterpriseId: sql.placeholder('enterpriseId'),
  program: sql.placeholder('program'),
  stage: sql.placeholder('stage'),
  kind: sql.placeholder('kind'),
  caseId: sql.placeholder('caseId'),
  dueBefore: sql.placeholder('dueBefore'),
  afterDue: sql.placeholder('afterDue'),
  afterId: sql.placeholder('afterId'),
  limit: sql.placeholder('limit'),
};

function afterCursor(after: InboxFilter['after'], sort: InboxSort): SQL | undefined {
  if (!after) return undefined;
  const due = sql`${p.afterDue}::timestamptz`;
  if (sort === '-due') {
    // Latest due first, undated before all: the exact reverse of 'due'.
    if (after.dueKey === null) return or(and(isNull(tasks.dueAt), lt(tasks.id, p.afterId)), isNotNull(tasks.dueAt));
    return or(sql`${tasks.dueAt} < ${due}`, and(sql`${tasks.dueAt} = ${due}`, lt(tasks.id, p.afterId)));
  }
  if (after.dueKey === null) return and(isNull(tasks.dueAt), gt(tasks.id, p.afterId));
  return or(sql`${tasks.dueAt} > ${due}`, and(sql`${tasks.dueAt} = ${due}`, gt(tasks.id, p.afterId)), isNull(tasks.dueAt));
}

type Branch = 'applicant' | 'expert' | 'staff';

function buildInbox(db: Database, branch: Branch, filter: InboxFilter, name: string) {
  const sort = filter.sort ?? 'due';
  const common = [
    // A literal, so that even a generic plan matches the partial indexes' predicate.
    sql`${tasks.status} = 'open'`,
    filter.program ? eq(tasks.program, p.program) : undefined,
    filter.stage ? eq(tasks.stage, p.stage) : undefined,
    filter.kind ? eq(tasks.kind, p.kind) : undefined,
    filter.caseId ? eq(tasks.caseId, p.caseId) : undefined,
    filter.dueBefore ? lt(tasks.dueAt, p.dueBefore) : undefined,
    afterCursor(filter.after, sort),
  ];
  const order = sort === '-due' ? [desc(tasks.dueAt), desc(tasks.id)] : [asc(tasks.dueAt), asc(tasks.id)];
  const assignedToMe = (...extra: (SQL | undefined)[]) =>
    db.select(inboxColumns).from(tasks).where(and(...common, eq(tasks.assignee, p.userId), ...extra)).orderBy(...order).limit(p.limit);

  if (branch === 'applicant') {
    // Applicants' tasks (corrections) belong to their enterprise's cases only.
    return db
      .select(inboxColumns)
      .from(tasks)
      .innerJoin(cases, eq(cases.id, tasks.caseId))
      .where(and(...common, eq(tasks.role, Role.Applicant), eq(cases.enterpriseId, p.enterpriseId)))
      .orderBy(...order)
      .limit(p.limit)
      .prepare(name);
  }
  // An expert sees only the tasks drawn for it, never the panel's other seats.
  if (branch === 'expert') return assignedToMe().prepare(name);

  const forMyRole = db.select(inboxColumns).from(tasks).where(and(...common, eq(tasks.role, p.role))).orderBy(...order).limit(p.limit);
  return unionAll(forMyRole, assignedToMe(ne(tasks.role, p.role)))
    .orderBy(...order)
    .limit(p.limit)
    .prepare(name);
}

/** A row as the driver returns it, keyed by column name. */
interface RawInboxRow {
  id: string;
  case_id: string;
  kind: TaskKind;
  stage: Stage;
  program: ProgramCode;
  role: Role;
  assignee: string | null;
  subject: string | null;
  due_at_iso: string | null;
  due_at: string | null;
  escalation: number;
  created_at_iso: string;
}

// drizzle's execute() decodes every field of every row through its column, and for a
// computed field it tests the field against three classes first: that was a quarter
// of the inbox's CPU. These fields need no decoding, so the inbox takes the driver's
// rows as they are through the prepared query's all() (postgres.js and PGlite alike;
// the repository tests run on both).
type RawRowsQuery = { all(values: Record<string, unknown>): Promise<RawInboxRow[]> };

const inboxQueriesOf = oncePerDatabase(() => new Map<string, RawRowsQuery>());

/** Open tasks for the caller's role or assigned to the caller, by due date (none last). */
export async function inbox(db: Database, actor: Actor, filter: InboxFilter): Promise<InboxRow[]> {
  const branch: Branch = actor.role === Role.Applicant ? 'applicant' : actor.role === Role.Expert ? 'expert' : 'staff';
  const shape = [
    branch,
    filter.program ? 'program' : '',
    filter.stage ? 'stage' : '',
    filter.kind ? 'kind' : '',
    filter.caseId ? 'case' : '',
    filter.dueBefore ? 'due' : '',
    filter.sort === '-due' ? 'desc' : '',
    filter.after ? (filter.after.dueKey === null ? 'after-undated' : 'after') : '',
  ].join('_');
  const queries = inboxQueriesOf(db);
  let query = queries.get(shape);
  if (!query) queries.set(shape, (query = buildInbox(db, branch, filter, `inbox_${shape}`) as unknown as RawRowsQuery));
  const rows = await query.all({
    userId: actor.userId,
    role: actor.role,
    enterpriseId: actor.enterpriseId ?? '',
    program: filter.program,
    stage: filter.stage,
    kind: filter.kind,
    caseId: filter.caseId,
    dueBefore: filter.dueBefore?.toISOString(),
    afterDue: filter.after?.dueKey,
    afterId: filter.after?.id,
    limit: filter.limit,
  });
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    stage: row.stage,
    program: row.program,
    role: row.role,
    assignee: row.assignee,
    subject: row.subject,
    dueAt: row.due_at_iso,
    dueKey: row.due_at,
    escalation: row.escalation,
    createdAt: row.created_at_iso,
  }));
}

/** What a task is about, where a case has several: the payment, or what is to be repaid. */
export interface TaskSubject {
  kind: 'payment' | 'repayment';
  items: { supportYear: number; component: string; amountFen: number }[];
  totalFen: number;
}

/**
 * Subjects of the money tasks among these rows (payment confirmations name their
 * payment key; a repayment covers the case's open recoveries), in two queries at
 * most, and only when the page has such tasks.
 */
export async function subjectsOf(db: Database, rows: { id: string; caseId: string; kind: string; subject: string | null }[]): Promise<Map<string, TaskSubject>> {
  const found = new Map<string, TaskSubject>();
  const subjectKeys = new Map(rows.map((r) => [r.id, r.subject]));
  const paymentTasks = rows.filter((r) => r.kind === 'payment-confirmation' && r.subject);
  const repaymentTasks = rows.filter((r) => r.kind === 'repayment-confirmation');
  if (paymentTasks.length > 0) {
    const keys = paymentTasks.map((r) => subjectKeys.get(r.id) as string);
    const paid = await db.select({ key: payments.paymentKey, supportYear: payments.supportYear, component: payments.component, amountFen: payments.amountFen }).from(payments).where(inArray(payments.paymentKey, keys));
    const byKey = new Map(paid.map((p) => [p.key, p]));
    for (const r of paymentTasks) {
      const p = byKey.get(subjectKeys.get(r.id) as string);
      if (p) found.set(r.id, { kind: 'payment', items: [{ supportYear: p.supportYear, component: p.component, amountFen: p.amountFen }], totalFen: p.amountFen });
    }
  }
  if (repaymentTasks.length > 0) {
    const owed = await db
      .select({ caseId: recoveries.caseId, supportYear: recoveries.supportYear, component: recoveries.component, amountFen: recoveries.amountFen })
      .from(recoveries)
      .where(and(inArray(recoveries.caseId, repaymentTasks.map((r) => r.caseId)), eq(recoveries.status, 'open')))
      .orderBy(asc(recoveries.supportYear), asc(recoveries.component));
    for (const r of repaymentTasks) {
      const items = owed.filter((o) => o.caseId === r.caseId).map(({ supportYear, component, amountFen }) => ({ supportYear, component, amountFen }));
      found.set(r.id, { kind: 'repayment', items, totalFen: items.reduce((sum, i) => sum + i.amountFen, 0) });
    }
  }
  return found;
}

export interface InboxCounts {
  total: number;
  overdue: number;
  byProgram: Record<string, number>;
  byStage: Record<string, number>;
  byKind: Record<string, number>;
}

/**
 * How many of the caller's open tasks fall under each filter value (the inbox's
 * badges): grouped once over the same tasks the inbox shows, capped so a pool of
 * any size answers quickly.
 */
export async function inboxCounts(db: Database, actor: Actor, now: Date): Promise<InboxCounts> {
  const mine =
    actor.role === Role.Applicant
      ? and(eq(tasks.role, Role.Applicant), sql`${tasks.caseId} in (select ${cases.id} from ${cases} where ${cases.enterpriseId} = ${actor.enterpriseId ?? ''})`)
      : actor.role === Role.Expert
        ? eq(tasks.assignee, actor.userId)
        : or(eq(tasks.role, actor.role), eq(tasks.assignee, actor.userId));
  const rows = await db
    .select({
      program: tasks.program,
      stage: tasks.stage,
      kind: tasks.kind,
      count: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${tasks.dueAt} < ${now.toISOString()}::timestamptz))::int`,
    })
    .from(tasks)
    .where(and(sql`${tasks.status} = 'open'`, mine))
    .groupBy(tasks.program, tasks.stage, tasks.kind);
  const counts: InboxCounts = { total: 0, overdue: 0, byProgram: {}, byStage: {}, byKind: {} };
  for (const r of rows) {
    counts.total += r.count;
    counts.overdue += r.overdue;
    counts.byProgram[r.program] = (counts.byProgram[r.program] ?? 0) + r.count;
    counts.byStage[r.stage] = (counts.byStage[r.stage] ?? 0) + r.count;
    counts.byKind[r.kind] = (counts.byKind[r.kind] ?? 0) + r.count;
  }
  return counts;
}
