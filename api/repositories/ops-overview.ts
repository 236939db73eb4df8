// The read model summed for the operations dashboard: where the cases are, which
// roles' tasks are late, and how many cases started and closed each week.
import { and, eq, gte, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { cases, tasks } from '../../db/schema.js';
import type { CaseStatus, Role, Stage } from '../../domain/vocabulary.js';
import type { ProgramCode } from '../../rules/index.js';

export interface StageCount {
  program: ProgramCode;
  stage: Stage;
  status: CaseStatus;
  count: number;
}

/** Cases by program, stage and status (a closed case's stage is `closed`), optionally of one notice year. */
export async function caseCountsByStage(db: Database, year?: number): Promise<StageCount[]> {
  return db
    .select({ program: cases.program, stage: cases.stage, status: cases.status, count: sql<number>`count(*)::int`.mapWith(Number) })
    .from(cases)
    .where(year === undefined ? undefined : eq(cases.noticeYear, year))
    .groupBy(cases.program, cases.stage, cases.status)
    .orderBy(cases.program, cases.stage, cases.status);
}

export interface OverdueByRole {
  role: Role;
  open: number;
  overdue: number;
  /** Overdue tasks whose person was reminded (escalation 1) or whose supervisor was told (2). */
  reminded: number;
  escalated: number;
  oldestDueAt: Date | null;
}

/** Open tasks per role and how many are past due at `now` (the office's clock). */
export async function overdueTasksByRole(db: Database, now: Date, year?: number): Promise<OverdueByRole[]> {
  const late = sql`${tasks.dueAt} < ${now.toISOString()}::timestamptz`;
  return db
    .select({
      role: tasks.role,
      open: sql<number>`count(*)::int`.mapWith(Number),
      overdue: sql<number>`count(*) filter (where ${late})::int`.mapWith(Number),
      reminded: sql<number>`count(*) filter (where ${late} and ${tasks.escalation} = 1)::int`.mapWith(Number),
      escalated: sql<number>`count(*) filter (where ${late} and ${tasks.escalation} >= 2)::int`.mapWith(Number),
      oldestDueAt: sql<Date | null>`min(${tasks.dueAt}) filter (where ${late})`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v))),
    })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .where(and(eq(tasks.status, 'open'), year === undefined ? undefined : eq(cases.noticeYear, year)))
    .groupBy(tasks.role)
    .orderBy(tasks.role);
}

export interface WeekCount {
  /** Monday of the week, in Beijing time (YYYY-MM-DD). */
  weekStart: string;
  started: number;
  closed: number;
}

const BEIJING = 'Asia/Shanghai';
const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** Midnight (Beijing) of the Monday `back` weeks before the week of `now`, as an instant. */
function mondayOf(now: Date, back: number): Date {
  const local = new Date(now.getTime() + BEIJING_OFFSET_MS);
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  const mondayLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - sinceMonday - 7 * back);
  return new Date(mondayLocal - BEIJING_OFFSET_MS);
}
const localDate = (instant: Date) => new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Cases started (their row written, at submission) and closed per week (Monday to
 * Sunday, Beijing time), for the `weeks` weeks up to `now`, oldest first, weeks
 * without any included. A case's closing is its last change: closing sets updated_at
 * and nothing writes a closed case afterwards (the audit log's `case-closed` entry
 * carries the same moment).
 */
export async function casesPerWeek(db: Database, now: Date, weeks: number): Promise<WeekCount[]> {
  const weekOf = (column: typeof cases.createdAt | typeof cases.updatedAt) => sql<string>`to_char(date_trunc('week', ${column} at time zone ${BEIJING}), 'YYYY-MM-DD')`;
  const from = mondayOf(now, weeks - 1);
  const until = new Date(mondayOf(now, 0).getTime() + 7 * DAY_MS);
  const [started, closed] = await Promise.all([
    db
      .select({ week: weekOf(cases.createdAt), n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(cases)
      .where(and(gte(cases.createdAt, from), lt(cases.createdAt, until)))
      .groupBy(sql`1`),
    db
      .select({ week: weekOf(cases.updatedAt), n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(cases)
      .where(and(ne(cases.status, 'in-progress'), gte(cases.updatedAt, from), lt(cases.updatedAt, until)))
      .groupBy(sql`1`),
  ]);
  const startedBy = new Map(started.map((r) => [r.week, r.n]));
  const closedBy = new Map(closed.map((r) => [r.week, r.n]));
  return Array.from({ length: weeks }, (_, i) => {
    const weekStart = localDate(mondayOf(now, weeks - 1 - i));
    return { weekStart, started: startedBy.get(weekStart) ?? 0, closed: closedBy.get(weekStart) ?? 0 };
  });
}
