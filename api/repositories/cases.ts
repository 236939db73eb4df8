// Cases in the read model (written by activities; the API only reads them).
import { and, asc, desc, eq, gt, ilike, inArray, like, lt, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { cases, enterprises, panelSeats, tasks } from '../../db/schema.js';
import { sittingSeatOf } from './panel.js';
import type { CaseStatus, Stage } from '../../domain/vocabulary.js';
import type { ProgramCode } from '../../rules/index.js';

export type CaseRow = typeof cases.$inferSelect;

export async function findCase(db: Database, id: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id)).limit(1);
  return row;
}

export interface CaseFilter {
  program?: ProgramCode | undefined;
  stage?: Stage | undefined;
  status?: CaseStatus | undefined;
  year?: number | undefined;
  overdue?: boolean | undefined;
  /** Ids starting with this. */
  caseId?: string | undefined;
  /** The enterprise's id, or a part of its name. */
  enterprise?: string | undefined;
  /** Applicants: only their enterprise's cases. */
  enterpriseId?: string | undefined;
  /** Experts: only cases whose panel they sit on. */
  expertId?: string | undefined;
  /** Keyset: after this (submittedOn, id) in the order submitted_on desc, id asc. */
  after?: { submittedOn: string; id: string } | undefined;
  limit: number;
  now: Date;
}

export interface CaseListRow {
  id: string;
  workflowId: string;
  program: ProgramCode;
  enterpriseId: string;
  enterpriseName: string | null;
  noticeYear: number;
  submittedOn: string;
  stage: Stage;
  status: CaseStatus;
  supportYear: number;
  approvedAmountFen: number | null;
  updatedAt: Date;
}

/** Text searched for as itself: LIKE's wildcards and escape character escaped. */
const likePattern = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listCases(db: Database, filter: CaseFilter): Promise<CaseListRow[]> {
  const conditions: (SQL | undefined)[] = [
    filter.program ? eq(cases.program, filter.program) : undefined,
    filter.stage ? eq(cases.stage, filter.stage) : undefined,
    filter.status ? eq(cases.status, filter.status) : undefined,
    filter.year !== undefined ? eq(cases.noticeYear, filter.year) : undefined,
    filter.enterpriseId !== undefined ? eq(cases.enterpriseId, filter.enterpriseId) : undefined,
    filter.expertId !== undefined
      ? inArray(cases.id, db.select({ id: panelSeats.caseId }).from(panelSeats).where(sittingSeatOf(filter.expertId)))
      : undefined,
    filter.caseId !== undefined ? like(cases.id, `${likePattern(filter.caseId)}%`) : undefined,
    filter.enterprise !== undefined ? or(eq(cases.enterpriseId, filter.enterprise), ilike(enterprises.name, `%${likePattern(filter.enterprise)}%`)) : undefined,
    filter.overdue
      ? sql`exists (select 1 from ${tasks} where ${tasks.caseId} = ${cases.id} and ${tasks.status} = 'open' and ${tasks.dueAt} < ${filter.now.toISOString()}::timestamptz)`
      : undefined,
    filter.after
      ? or(lt(cases.submittedOn, filter.after.submittedOn), and(eq(cases.submittedOn, filter.after.submittedOn), gt(cases.id, filter.after.id)))
      : undefined,
  ];
  return db
    .select({
      id: cases.id,
      workflowId: cases.workflowId,
      program: cases.program,
      enterpriseId: cases.enterpriseId,
      enterpriseName: enterprises.name,
      noticeYear: cases.noticeYear,
      submittedOn: cases.submittedOn,
      stage: cases.stage,
      status: cases.status,
      supportYear: cases.supportYear,
      approvedAmountFen: cases.approvedAmountFen,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .leftJoin(enterprises, eq(enterprises.id, cases.enterpriseId))
    .where(and(...conditions))
    .orderBy(desc(cases.submittedOn), asc(cases.id))
    .limit(filter.limit);
}

/** Running cases touched in the last `days` days by the database's clock, newest first (for the stuck-activity report). */
export async function runningCasesSince(db: Database, days: number, limit: number): Promise<Pick<CaseRow, 'id' | 'workflowId' | 'program' | 'stage'>[]> {
  return db
    .select({ id: cases.id, workflowId: cases.workflowId, program: cases.program, stage: cases.stage })
    .from(cases)
    .where(and(eq(cases.status, 'in-progress'), sql`${cases.updatedAt} >= now() - make_interval(days => ${days})`))
    .orderBy(desc(cases.updatedAt))
    .limit(limit);
}

export type RunningCase = Pick<CaseRow, 'id' | 'workflowId' | 'program' | 'stage' | 'updatedAt'> & {
  /** updated_at as PostgreSQL prints it (microseconds kept), for the keyset cursor. */
  updatedKey: string;
};

/**
 * One page of running cases, most recently changed first, keyset-paged on
 * (updated_at, id) for the stuck-case report. A case that changes while the pages are
 * read moves to the front and is passed over: it has just moved.
 */
export async function runningCasesPage(db: Database, page: { after?: { updatedKey: string; id: string } | undefined; limit: number }): Promise<RunningCase[]> {
  const after = page.after;
  return db
    .select({ id: cases.id, workflowId: cases.workflowId, program: cases.program, stage: cases.stage, updatedAt: cases.updatedAt, updatedKey: sql<string>`${cases.updatedAt}::text` })
    .from(cases)
    .where(and(eq(cases.status, 'in-progress'), after && sql`(${cases.updatedAt}, ${cases.id}) < (${after.updatedKey}::timestamptz, ${after.id})`))
    .orderBy(desc(cases.updatedAt), desc(cases.id))
    .limit(page.limit);
}
