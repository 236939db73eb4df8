// Shared set-up for the API's app.inject tests: the real app over the test
// PostgreSQL and the run's Temporal dev server, a notice year no other file uses
// (annual notices are one per year), and read-model rows seeded directly.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { annualNotices, cases, panelSeats, payments, tasks } from '../../../db/schema.js';
import type { TaskStatus } from '../../../db/schema.js';
import type { ProgramCode } from '../../../rules/index.js';
import type { CaseStatus, Role, Stage, TaskKind } from '../../../domain/vocabulary.js';
import { buildTestApp } from '../../support/api-client.js';
import { openTestDatabase, uniqueId } from '../../support/database.js';

export interface ApiHarness {
  env: TestWorkflowEnvironment;
  database: DatabaseHandle;
  app: FastifyInstance;
  year: number;
  taskQueue: string;
  close(): Promise<void>;
}

/**
 * A year far from the real ones that no other file or run uses (annual notices are
 * one per year): a database sequence hands each caller its own.
 */
export async function uniqueYear(database: DatabaseHandle): Promise<number> {
  await database.db.execute(sql`create sequence if not exists test_notice_years start 2100`);
  const rows = await database.db.execute<{ year: string }>(sql`select nextval('test_notice_years')::text as year`);
  const row = (Array.isArray(rows) ? rows[0] : (rows as { rows: { year: string }[] }).rows[0]) as { year: string };
  return Number(row.year);
}

export async function startHarness(options: { year?: number; taskQueue?: string; caseAnswerWithinMs?: number } = {}): Promise<ApiHarness> {
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address: inject('devServerAddress') });
  const database = await openTestDatabase();
  const year = options.year ?? (await uniqueYear(database));
  const taskQueue = options.taskQueue ?? uniqueId('api');
  // The office's clock: mid-June of the test year, Beijing time.
  const app = await buildTestApp({
    db: database.db,
    temporal: env.client,
    taskQueue,
    now: () => new Date(`${year}-06-15T02:00:00Z`),
    ...(options.caseAnswerWithinMs !== undefined && { caseAnswerWithinMs: options.caseAnswerWithinMs }),
  });
  return {
    env,
    database,
    app,
    year,
    taskQueue,
    async close() {
      await app.close();
      await database.close();
      await env.teardown();
    },
  };
}

export async function seedNotice(
  h: Pick<ApiHarness, 'database' | 'year'>,
  programs: Partial<Record<ProgramCode, { budgetFen: number }>> = { 'A5-DATA-REGISTER': { budgetFen: 100_000_000 }, 'A6-PLATFORM': { budgetFen: 900_000_000 } },
  window: { opens?: string; closes?: string } = {},
  settings: Record<string, string | number> = { taskDue: '2 days', panelSize: 3 },
): Promise<void> {
  await h.database.db
    .insert(annualNotices)
    .values({
      year: h.year,
      applicationOpensOn: window.opens ?? `${h.year}-03-01`,
      applicationClosesOn: window.closes ?? `${h.year}-09-30`,
      reportingOpensOn: `${h.year}-11-01`,
      reportingClosesOn: `${h.year}-12-15`,
      programs,
      settings,
      createdBy: 'test',
    })
    .onConflictDoNothing();
}

/** Cases seeded by these tests (not started as workflows) have ids with this prefix. */
export const SEEDED_CASE_PREFIX = 'seeded-case-';

export interface SeededCase {
  caseId: string;
  enterpriseId: string;
}

export async function seedCase(
  h: Pick<ApiHarness, 'database' | 'year'>,
  enterpriseId: string,
  values: { program?: ProgramCode; stage?: Stage; status?: CaseStatus; approvedAmountFen?: number | null; submittedOn?: string; id?: string } = {},
): Promise<SeededCase> {
  const caseId = values.id ?? uniqueId(SEEDED_CASE_PREFIX.slice(0, -1));
  await h.database.db.insert(cases).values({
    id: caseId,
    workflowId: `case-${caseId}`,
    program: values.program ?? 'A5-DATA-REGISTER',
    enterpriseId,
    policyVersion: '2030-final-example',
    noticeYear: h.year,
    submittedOn: values.submittedOn ?? `${h.year}-06-15`,
    stage: values.stage ?? 'formal-review',
    status: values.status ?? 'in-progress',
    requestedFacts: { registrationFeesFen: 1_000_000 },
    evidence: [{ kind: 'business-licence', reference: 'BL-1' }],
    approvedAmountFen: values.approvedAmountFen ?? null,
  });
  return { caseId, enterpriseId };
}

export async function seedTask(
  h: Pick<ApiHarness, 'database'>,
  caseId: string,
  values: { kind: TaskKind; role: Role; stage?: Stage; program?: ProgramCode; assignee?: string | null; status?: TaskStatus; dueAt?: Date | null; id?: string },
): Promise<string> {
  const id = values.id ?? `${caseId}:${values.kind}:${uniqueId('t')}`;
  await h.database.db.insert(tasks).values({
    id,
    caseId,
    kind: values.kind,
    stage: values.stage ?? 'formal-review',
    program: values.program ?? 'A5-DATA-REGISTER',
    role: values.role,
    assignee: values.assignee ?? null,
    status: values.status ?? 'open',
    dueAt: values.dueAt === undefined ? new Date(Date.now() + 86_400_000) : values.dueAt,
  });
  return id;
}

export async function seedSeat(
  h: Pick<ApiHarness, 'database'>,
  caseId: string,
  values: { expertId: string; seat: number; status?: string; scores?: Record<string, number> | null; totalPoints?: number | null; panelClosed?: boolean },
): Promise<void> {
  await h.database.db.insert(panelSeats).values({
    caseId,
    expertId: values.expertId,
    seat: values.seat,
    status: values.status ?? 'accepted',
    scores: values.scores ?? null,
    totalPoints: values.totalPoints ?? null,
    panelClosed: values.panelClosed ?? false,
  });
}

export async function seedPayment(
  h: Pick<ApiHarness, 'database' | 'year'>,
  caseId: string,
  values: { program?: string; amountFen: number; status?: string; component?: string; reference?: string | null },
): Promise<string> {
  const component = values.component ?? 'one-off';
  const paymentKey = `${caseId}:y1:${component}`;
  await h.database.db.insert(payments).values({
    paymentKey,
    caseId,
    program: values.program ?? 'A5-DATA-REGISTER',
    noticeYear: h.year,
    supportYear: 1,
    component,
    amountFen: values.amountFen,
    status: values.status ?? 'instructed',
    reference: values.reference ?? null,
  });
  return paymentKey;
}

/** A valid A5-DATA-REGISTER application body. */
export function registerApplication(applicationId = uniqueId('app')) {
  return {
    applicationId,
    program: 'A5-DATA-REGISTER',
    qualifications: [],
    facts: { registrationFeesFen: 12_345_678 },
    evidence: [
      { kind: 'business-licence', reference: 'BL-2025-001' },
      { kind: 'registration-certificate', reference: 'REG-77' },
      { kind: 'fee-invoices', reference: 'INV-1..3' },
    ],
  };
}
