// One A6 platform case from application to the end of support year 2, on the real
// servers, through the API alone: the real worker and activities on the Java
// time-skipping server (year 2 waits months for the next notice's reporting window),
// the real PostgreSQL, and every person's step an HTTP request with that person's
// bearer token. Only the first admin is seeded; the admin creates notices,
// enterprises, people and tokens through the API.
//
// The clock: the test server's clock is moved to a notice year no other file or run
// uses (annual notices are one per year; the database outlives a run), and the API's
// `now` reads that clock, so the submission date, the application window and the
// workflow's timers agree. Years from 2030 on are under the policy version
// 2030-final-example, whose A6 area cap is 5,000 m² (the draft's is 4,000 m²).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { budgetReservations, cases, payments, yearlyReports } from '../../../db/schema.js';
import { policyVersionInForce, programDefinition } from '../../../rules/index.js';
import { startTimeSkippingServer } from '../../../scripts/lib/temporal-servers.js';
import { createCaseWorker } from '../../../worker/create-worker.js';
import { buildTestApp, createTestUser } from '../../support/api-client.js';
import { openTestDatabase, uniqueId } from '../../support/database.js';
import { bundleCaseWorkflows } from '../../support/workflow-bundle.js';
import { uniqueYear } from './fixtures.js';

type Headers = Record<string, string>;
interface Person {
  id: string;
  headers: Headers;
}
interface InboxTask {
  taskId: string;
  caseId: string;
  kind: string;
  assignee?: string | null;
}

const PROGRAM = 'A6-PLATFORM';
const HOUR = 3600_000;

let env: TestWorkflowEnvironment;
let database: DatabaseHandle;
let app: FastifyInstance;
let worker: Worker;
let workerRun: Promise<void>;
/** The API's clock: the test server's, read again after every skip. */
let clockMs = 0;
let year: number;

let admin: Person;
let applicant: Person;
let foreignApplicant: Person;
let reviewingOfficer: Person;
let verifyingOfficer: Person;
let committee: Person;
let finance: Person;
let ops: Person;
const experts = new Map<string, Person>();

/** Two consecutive notice years that no other file or run uses: this year's and next year's notices. */
async function twoUnusedYears(): Promise<number> {
  let previous = await uniqueYear(database);
  for (;;) {
    const next = await uniqueYear(database);
    if (next === previous + 1) return previous;
    previous = next;
  }
}

async function call(who: Person, method: InjectOptions['method'], url: string, payload?: object, headers: Headers = {}) {
  return app.inject({ method, url, headers: { ...who.headers, ...headers }, ...(payload !== undefined && { payload }) });
}

async function ok<T = Record<string, unknown>>(who: Person, method: InjectOptions['method'], url: string, payload?: object, headers: Headers = {}): Promise<T> {
  const res = await call(who, method, url, payload, headers);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json() as T;
}

/** A person created by the admin through the API, with a token the admin issues. */
async function person(role: string, extra: { enterpriseId?: string; organisation?: string; specialties?: string[] } = {}): Promise<Person> {
  const id = uniqueId(`e2e-${role}`);
  await ok(admin, 'POST', '/users', { id, name: `E2E ${role} ${id}`, role, ...extra });
  return tokenFor(id);
}

async function tokenFor(id: string): Promise<Person> {
  const { token } = await ok<{ token: string }>(admin, 'POST', `/users/${id}/tokens`, { ttl: '8h' });
  return { id, headers: { authorization: `Bearer ${token}` } };
}

async function enterprise(): Promise<string> {
  const id = uniqueId('e2e-ent');
  await ok(admin, 'POST', '/enterprises', { id, name: `端到端平台 ${id}`, organisation: `org-${id}` });
  return id;
}

/** Moves the test server's clock to the instant (never back) and the API's with it. */
async function skipTo(instantMs: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (instantMs > now) await env.sleep(instantMs - now);
  clockMs = await env.currentTimeMs();
}

async function skip(ms: number): Promise<void> {
  await skipTo((await env.currentTimeMs()) + ms);
}

const beijing = (dateTime: string): number => Date.parse(`${dateTime}+08:00`);

/** Waits until the task appears in this person's inbox (paging through it) and returns it. */
async function fromInbox(who: Person, caseId: string, kind: string): Promise<InboxTask> {
  let found: InboxTask | undefined;
  await expect
    .poll(
      async () => {
        let cursor: string | undefined;
        do {
          const page = await ok<{ items: InboxTask[]; nextCursor: string | null }>(
            who,
            'GET',
            `/tasks?kind=${kind}&program=${PROGRAM}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
          found = page.items.find((t) => t.caseId === caseId);
          cursor = page.nextCursor ?? undefined;
        } while (!found && cursor);
        return found !== undefined;
      },
      { timeout: 30_000, interval: 100 },
    )
    .toBe(true);
  return found!;
}

const decide = (who: Person, task: InboxTask, body: object) => ok(who, 'POST', `/tasks/${encodeURIComponent(task.taskId)}/decision`, body);

interface CaseDetail {
  stage: string;
  status: string;
  supportYear: number;
  policyVersion: string;
  noticeYear: number;
  submittedOn: string;
  maximumAmountFen: number | null;
  approvedAmountFen: number | null;
  openTasks: { kind: string }[];
  payments: { supportYear: number; component: string; amountFen: number; status: string; reference: string | null }[];
}

const detail = (who: Person, caseId: string) => ok<CaseDetail>(who, 'GET', `/cases/${caseId}`);

/** Polls the read model through the API (the time-skipping server may hold a Query after a continue-as-new). */
async function waitFor(caseId: string, expected: { stage: string; supportYear: number; openTask?: string }): Promise<CaseDetail> {
  let last: CaseDetail | undefined;
  await expect
    .poll(
      async () => {
        last = await detail(ops, caseId);
        return last.stage === expected.stage && last.supportYear === expected.supportYear && (!expected.openTask || last.openTasks.some((t) => t.kind === expected.openTask));
      },
      { timeout: 30_000, interval: 100 },
    )
    .toBe(true);
  return last!;
}

/** The committee approves the maximum the case shows, after checking it against the rules preview. */
async function approveMaximum(caseId: string, expected: number, preview: object): Promise<void> {
  const atCommittee = await waitFor(caseId, { stage: 'committee', supportYear: (preview as { supportYear: number }).supportYear, openTask: 'committee-decision' });
  expect(atCommittee.maximumAmountFen).toBe(expected);
  const previewed = await ok<{ amountFen: number }>(committee, 'POST', '/rules/evaluate', preview);
  expect(previewed.amountFen).toBe(expected);
  const task = await fromInbox(committee, caseId, 'committee-decision');
  await decide(committee, task, { decision: 'approve', amountFen: expected });
}

/** The public notice (1 day) passes; finance confirms each component's payment with a bank reference. */
async function noticeAndPay(caseId: string, supportYear: number, components: number): Promise<void> {
  await waitFor(caseId, { stage: 'public-notice', supportYear });
  await skip(25 * HOUR);
  for (let paid = 0; paid < components; paid += 1) {
    await waitFor(caseId, { stage: 'disbursement', supportYear, openTask: 'payment-confirmation' });
    const task = await fromInbox(finance, caseId, 'payment-confirmation');
    await decide(finance, task, { outcome: 'paid', reference: `BANK-Y${supportYear}-${paid + 1}` });
  }
}

beforeAll(async () => {
  const [started, opened, bundle] = await Promise.all([startTimeSkippingServer(), openTestDatabase(), bundleCaseWorkflows()]);
  env = started;
  database = opened;
  const taskQueue = uniqueId('e2e-a6');
  clockMs = await env.currentTimeMs();
  app = await buildTestApp({ db: database.db, temporal: env.client, taskQueue, now: () => new Date(clockMs) });
  worker = await createCaseWorker({ connection: env.nativeConnection, db: database.db, taskQueue, workflowBundle: bundle });
  workerRun = worker.run();
  year = await twoUnusedYears();

  const seeded = await createTestUser(database.db, 'admin');
  admin = { id: seeded.actor.userId, headers: seeded.headers };
  const enterpriseId = await enterprise();
  const foreignEnterpriseId = await enterprise();
  applicant = await person('applicant', { enterpriseId });
  foreignApplicant = await person('applicant', { enterpriseId: foreignEnterpriseId });
  reviewingOfficer = await person('officer');
  verifyingOfficer = await person('officer');
  committee = await person('committee');
  finance = await person('finance');
  ops = await person('ops');
  // Three platform experts, each of its own institute, so the pool always has a panel.
  for (let i = 1; i <= 3; i += 1) {
    const expert = await person('expert', { organisation: uniqueId(`e2e-institute-${i}`), specialties: ['platform'] });
    experts.set(expert.id, expert);
  }
});

afterAll(async () => {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await app?.close();
  await database?.close();
  await env?.teardown();
});

describe('an A6 case end to end through the API', () => {
  it('runs from application to the end of support year 2, paid per year and component', { timeout: 300_000 }, async () => {
    // The annual notices of the application year and the next, with short durations
    // and a budget for A6; year 2's reporting window opens on 1 February next year.
    const settings = { noticePeriod: '1 day', taskDue: '2 days', panelSize: 3 };
    const programs = { [PROGRAM]: { budgetFen: 2_000_000_000 } };
    await ok(admin, 'POST', '/notices', {
      year,
      applicationOpensOn: `${year}-03-01`,
      applicationClosesOn: `${year}-09-30`,
      reportingOpensOn: `${year}-11-01`,
      reportingClosesOn: `${year}-12-15`,
      programs,
      settings,
    });
    await ok(admin, 'POST', '/notices', {
      year: year + 1,
      applicationOpensOn: `${year + 1}-03-01`,
      applicationClosesOn: `${year + 1}-09-30`,
      reportingOpensOn: `${year + 1}-02-01`,
      reportingClosesOn: `${year + 1}-03-31`,
      programs,
      settings,
    });

    // 10 March of the notice year, 09:00 in the district: the application window is open.
    await skipTo(beijing(`${year}-03-10T09:00:00`));
    const submittedOn = `${year}-03-10`;
    const policyVersion = policyVersionInForce(submittedOn).id;
    expect(policyVersion).toBe('2030-final-example');

    // Year 1 facts: rent 3,000,000 yuan for 3,000 m²; operating costs 2,000,000 yuan.
    const year1 = { rentPaidFen: 300_000_000, areaUsedM2: 3000, operatingCostsFen: 200_000_000 };
    const caseId = uniqueId('e2e-a6');
    const application = {
      applicationId: caseId,
      program: PROGRAM,
      qualifications: ['platform-national'],
      facts: year1,
      evidence: programDefinition(policyVersion, PROGRAM).evidence.map((kind, i) => ({ kind, reference: `E2E-${i + 1}` })),
    };
    const key = { 'idempotency-key': uniqueId('submit') };
    const accepted = await ok(applicant, 'POST', '/applications', application, key);
    expect(accepted).toEqual({ applicationId: caseId, caseId, workflowId: `case-${caseId}`, policyVersion, noticeYear: year, submittedOn });
    // A retry with the same key gets the first answer, and starts nothing new.
    expect(await ok(applicant, 'POST', '/applications', application, key)).toEqual(accepted);

    // Formal review: the officer accepts from the inbox.
    await decide(reviewingOfficer, await fromInbox(reviewingOfficer, caseId, 'formal-review'), { decision: 'accept' });

    // Expert panel: three drawn from the platform pool (other files' experts may be drawn
    // too: the admin issues tokens to whoever sits). Each declares no conflict and scores.
    let seats: { expertId?: string }[] = [];
    await expect
      .poll(
        async () => {
          seats = (await ok<{ seats: { expertId?: string }[] }>(ops, 'GET', `/cases/${caseId}/panel`)).seats;
          return seats.length;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBe(3);
    const fullMarks = Object.fromEntries(programDefinition(policyVersion, PROGRAM).criteria.map((c) => [c.name, c.maxPoints]));
    for (const { expertId } of seats) {
      const expert = experts.get(expertId!) ?? (await tokenFor(expertId!));
      await decide(expert, await fromInbox(expert, caseId, 'expert-conflict'), { hasConflict: false });
      await decide(expert, await fromInbox(expert, caseId, 'expert-scoring'), { scores: fullMarks });
    }

    // Year 1, A6 national level (100% of rent):
    //   rent      = floor(R × min(A, 5,000) / A) = 300,000,000 × 3,000 / 3,000 = 300,000,000 fen
    //   operating = min(costs, 5,000,000 yuan)   = min(200,000,000, 500,000,000) = 200,000,000 fen
    //   maximum   = 500,000,000 fen (5,000,000 yuan)
    const applicantFacts = { registeredInDistrict: true, qualifications: ['platform-national'] };
    await approveMaximum(caseId, 500_000_000, { program: PROGRAM, submittedOn, policyVersion, supportYear: 1, applicant: applicantFacts, facts: year1 });
    await noticeAndPay(caseId, 1, 2);

    // Year 2 waits for next year's reporting window (1 February): the case continues as new.
    await waitFor(caseId, { stage: 'yearly-report', supportYear: 2 });
    expect((await detail(applicant, caseId)).openTasks).toEqual([]);
    await skipTo(beijing(`${year + 1}-02-01T10:00:00`));
    await fromInbox(applicant, caseId, 'yearly-report');
    // Year 2 actuals: 7,000 m² (above the cap), rent 4,321,000 yuan; costs 6,120,000 yuan (above the cap).
    const year2 = { rentPaidFen: 432_100_000, areaUsedM2: 7000, operatingCostsFen: 612_000_000 };
    expect((await call(foreignApplicant, 'POST', `/cases/${caseId}/yearly-reports`, { facts: year2 })).statusCode).toBe(404);
    await ok(applicant, 'POST', `/cases/${caseId}/yearly-reports`, { facts: year2, note: '第二年度实际发生数' });

    // Another officer verifies the report.
    await decide(verifyingOfficer, await fromInbox(verifyingOfficer, caseId, 'yearly-verification'), { outcome: 'verified' });

    // Year 2 pays 61.72% more than year 1, beyond the default 20%: a second officer countersigns.
    const countersignTask = await fromInbox(reviewingOfficer, caseId, 'yearly-countersign');
    const moved = await ok<{ previousSupportYear: number; thresholdBp: number; secondOfficerRequired: boolean; yearOverYear: { changeFen: number; changeBp: number; lines: { step: string; deltaFen: number }[] } }>(
      committee,
      'GET',
      `/cases/${caseId}/year-over-year`,
    );
    expect(moved).toMatchObject({ previousSupportYear: 1, thresholdBp: 2000, secondOfficerRequired: true, yearOverYear: { changeFen: 308_642_857, changeBp: 6172 } });
    expect(moved.yearOverYear.lines.map((l) => [l.step, l.deltaFen])).toEqual([
      ['rent.amount', 8_642_857],
      ['operating.amount', 300_000_000],
    ]);
    // Year 1 has nothing to compare with; a year the case has not reached is not there.
    expect(await ok(committee, 'GET', `/cases/${caseId}/year-over-year?supportYear=1`)).toMatchObject({ supportYear: 1, yearOverYear: null, why: 'the first support year has no previous year' });
    expect((await call(committee, 'GET', `/cases/${caseId}/year-over-year?supportYear=3`)).statusCode).toBe(404);
    // The officer who verified may neither claim nor decide it (403, saying why); another officer confirms.
    const countersignPath = `/tasks/${encodeURIComponent(countersignTask.taskId)}`;
    for (const [path, body] of [[`${countersignPath}/claim`, undefined], [`${countersignPath}/decision`, { decision: 'confirm' }]] as const) {
      const refused = await call(verifyingOfficer, 'POST', path, body);
      expect(refused.statusCode).toBe(403);
      expect(JSON.parse(refused.body).detail).toMatch(/officer who verified this year’s report cannot also countersign it/);
    }
    await decide(reviewingOfficer, countersignTask, { decision: 'confirm' });

    // Year 2, recomputed from the actuals under the case's own version:
    //   rent      = floor(432,100,000 × min(7,000, 5,000) / 7,000) = floor(308,642,857.14…) = 308,642,857 fen
    //   operating = min(612,000,000, 500,000,000) = 500,000,000 fen
    //   maximum   = 808,642,857 fen
    await approveMaximum(caseId, 808_642_857, {
      program: PROGRAM,
      submittedOn,
      policyVersion,
      supportYear: 2,
      priorYears: [{ supportYear: 1, outcome: 'verified' }],
      applicant: applicantFacts,
      facts: year2,
    });
    await noticeAndPay(caseId, 2, 2);

    // Year 3 waits for the reporting window of a notice not yet published.
    const atYear3 = await waitFor(caseId, { stage: 'yearly-report', supportYear: 3 });
    expect(atYear3).toMatchObject({ status: 'in-progress', policyVersion, noticeYear: year, submittedOn, approvedAmountFen: 808_642_857, openTasks: [] });

    // What the applicant sees: every payment, per year and component, with finance's reference.
    const seen = await detail(applicant, caseId);
    expect(seen.payments.map((p) => [p.supportYear, p.component, p.amountFen, p.status]).sort()).toEqual([
      [1, 'operating', 200_000_000, 'paid'],
      [1, 'rent', 300_000_000, 'paid'],
      [2, 'operating', 500_000_000, 'paid'],
      [2, 'rent', 308_642_857, 'paid'],
    ]);
    expect(seen.payments.every((p) => p.reference?.startsWith(`BANK-Y${p.supportYear}-`))).toBe(true);

    // The read model agrees.
    const db = database.db;
    const paid = await db.select().from(payments).where(eq(payments.caseId, caseId)).orderBy(asc(payments.supportYear), asc(payments.component));
    expect(paid.map((p) => [p.supportYear, p.component, p.amountFen, p.status, p.noticeYear])).toEqual([
      [1, 'operating', 200_000_000, 'paid', year],
      [1, 'rent', 300_000_000, 'paid', year],
      [2, 'operating', 500_000_000, 'paid', year],
      [2, 'rent', 308_642_857, 'paid', year],
    ]);
    const reserved = await db.select().from(budgetReservations).where(eq(budgetReservations.caseId, caseId)).orderBy(asc(budgetReservations.supportYear));
    expect(reserved.map((r) => [r.supportYear, r.budgetYear, r.amountFen, r.status])).toEqual([
      [1, year, 500_000_000, 'reserved'],
      [2, year + 1, 808_642_857, 'reserved'],
    ]);
    const [report] = await db.select().from(yearlyReports).where(and(eq(yearlyReports.caseId, caseId), eq(yearlyReports.supportYear, 2)));
    expect(report).toMatchObject({ status: 'verified', verifiedBy: verifyingOfficer.id, dueOn: `${year + 1}-03-31`, facts: year2 });
    const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ stage: 'yearly-report', status: 'in-progress', supportYear: 3 });

    // Totals by budget year: each support year counts in its own year's budget.
    for (const [budgetYear, fen] of [
      [year, 500_000_000],
      [year + 1, 808_642_857],
    ] as const) {
      const totals = await ok<{ items: { program: string; budgetFen: number; approvedFen: number; paidFen: number; remainingBudgetFen: number }[] }>(
        finance,
        'GET',
        `/ops/totals?year=${budgetYear}`,
      );
      expect(totals.items.find((r) => r.program === PROGRAM)).toMatchObject({ budgetFen: 2_000_000_000, approvedFen: fen, paidFen: fen, remainingBudgetFen: 2_000_000_000 - fen });
    }

    // The public notice of each year lists that year's approval of the award.
    for (const [noticeYear, supportYear, yuan] of [
      [year, 1, '5000000.00'],
      [year + 1, 2, '8086428.57'],
    ] as const) {
      const res = await call(ops, 'GET', `/exports/public-notice.csv?year=${noticeYear}`);
      expect(res.statusCode).toBe(200);
      const row = res.body.split('\r\n').find((line) => line.includes(caseId));
      expect(row?.split(',').slice(-2)).toEqual([String(supportYear), yuan]);
    }

    // The timeline: every run's history (years 1, 2 and the running year 3) and the audit log of every year's decisions.
    const timeline = await ok<{ workflowHistoryAvailable: boolean; entries: { source: string; what: string; actor?: string; run?: number }[] }>(ops, 'GET', `/cases/${caseId}/timeline`);
    expect(timeline.workflowHistoryAvailable).toBe(true);
    const workflowEvents = timeline.entries.filter((e) => e.source === 'workflow');
    expect(workflowEvents.filter((e) => e.what === 'workflow-execution-started').map((e) => e.run)).toEqual([1, 2, 3]);
    expect(workflowEvents.filter((e) => e.what === 'workflow-execution-continued-as-new').map((e) => e.run)).toEqual([1, 2]);
    const deciders = new Set(timeline.entries.filter((e) => e.what === 'task-decided').map((e) => e.actor));
    for (const who of [applicant, reviewingOfficer, verifyingOfficer, committee, finance]) expect(deciders).toContain(who.id);
    for (const { expertId } of seats) expect(deciders).toContain(expertId);
    const whats = timeline.entries.map((e) => e.what);
    expect(whats).toEqual(expect.arrayContaining(['application-submitted', 'budget-reserved', 'payment-instructed', 'payment-confirmed']));

    // Another enterprise's applicant does not learn the case exists.
    expect((await call(foreignApplicant, 'GET', `/cases/${caseId}`)).statusCode).toBe(404);
    expect((await call(foreignApplicant, 'GET', `/cases?year=${year}`)).json().items).toEqual([]);
  });
});
