// Set-up for the workspace's browser tests: an A6 case brought to the stage a test
// looks at through the API, as an integrator would, so each test spends its browser
// time on the step it is about. Every step is a request with that person's bearer token.
import { expect } from 'vitest';
import { annualNotices } from '../../db/schema.js';
import { evaluate, policyVersionInForce, programDefinition } from '../../rules/index.js';
import type { EvaluationResult } from '../../rules/index.js';
import type { Role } from '../../domain/vocabulary.js';
import { bearer, createTestEnterprise } from './api-client.js';
import type { TestUser } from './api-client.js';
import { uniqueId } from './database.js';
import type { WorkspaceEnv } from './workspace-env.js';

export const PROGRAM = 'A6-PLATFORM';
export const A6_FACTS = { rentPaidFen: 300_000_000, areaUsedM2: 3000, operatingCostsFen: 200_000_000 };

export interface A6Case {
  caseId: string;
  enterpriseId: string;
  applicant: TestUser;
  officer: TestUser;
  committee: TestUser;
  finance: TestUser;
  ops: TestUser;
  /** What the rules allow in support year 1: the amounts the pages must show. */
  rules: EvaluationResult;
}

type Headers = Record<string, string>;
interface InboxTask {
  taskId: string;
  kind: string;
  subject?: { items: { supportYear: number; component: string; amountFen: number }[] };
}

/** ¥ amounts as the workspace writes them (zh-CN currency format). */
export const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

async function call<T>(w: WorkspaceEnv, headers: Headers, method: 'GET' | 'POST', url: string, payload?: object): Promise<T> {
  const res = await w.app.inject({ method, url, headers: { ...headers, ...(method === 'POST' && { 'idempotency-key': uniqueId('setup') }) }, ...(payload !== undefined && { payload }) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json() as T;
}

/** Waits for the case's open task of this kind in the person's inbox. */
export async function waitForTask(w: WorkspaceEnv, headers: Headers, caseId: string, kind: string): Promise<InboxTask> {
  let found: InboxTask | undefined;
  await expect
    .poll(
      async () => {
        const page = await call<{ items: InboxTask[] }>(w, headers, 'GET', `/tasks?caseId=${encodeURIComponent(caseId)}&kind=${kind}`);
        found = page.items[0];
        return found !== undefined;
      },
      { timeout: 60_000, interval: 300 },
    )
    .toBe(true);
  return found!;
}

/** The case's open tasks of this kind in the person's inbox, as they are now. */
export async function openTasksOf(w: WorkspaceEnv, headers: Headers, caseId: string, kind: string): Promise<InboxTask[]> {
  return (await call<{ items: InboxTask[] }>(w, headers, 'GET', `/tasks?caseId=${encodeURIComponent(caseId)}&kind=${kind}`)).items;
}

export async function decide(w: WorkspaceEnv, headers: Headers, task: InboxTask, body: object): Promise<void> {
  await call(w, headers, 'POST', `/tasks/${encodeURIComponent(task.taskId)}/decision/${task.kind}`, body);
}

/** Waits until the case is in this stage. */
export async function waitForStage(w: WorkspaceEnv, headers: Headers, caseId: string, stage: string, status?: string): Promise<void> {
  await expect
    .poll(async () => {
      const c = await call<{ stage: string; status: string }>(w, headers, 'GET', `/cases/${encodeURIComponent(caseId)}`);
      return status ? `${c.stage}/${c.status}` : c.stage;
    }, { timeout: 60_000, interval: 300 })
    .toBe(status ? `${stage}/${status}` : stage);
}

/** This year's notice for A6 (and the next year's, whose reporting window is open now), then an A6 application filed by its enterprise. */
export async function fileA6Case(w: WorkspaceEnv, options: { noticePeriod?: string; nextYearReporting?: boolean } = {}): Promise<A6Case> {
  const notice = (year: number) => ({
    year,
    applicationOpensOn: `${year}-03-01`,
    applicationClosesOn: `${year}-09-30`,
    // The workflow waits for the reporting window on the dev server's real clock: open it now.
    reportingOpensOn: options.nextYearReporting ? '2000-01-01' : `${year}-11-01`,
    reportingClosesOn: options.nextYearReporting ? '2999-12-31' : `${year}-12-15`,
    programs: { [PROGRAM]: { budgetFen: 2_000_000_000 } },
    settings: { taskDue: '2 days', noticePeriod: options.noticePeriod ?? '3s', panelSize: 3 },
    createdBy: 'test',
  });
  await w.database.db.insert(annualNotices).values(notice(w.year)).onConflictDoNothing();
  if (options.nextYearReporting) await w.database.db.insert(annualNotices).values(notice(w.year + 1)).onConflictDoNothing();
  const enterpriseId = await createTestEnterprise(w.database.db);
  const person = (role: Role, extra: { enterpriseId?: string } = {}) => w.person(role, extra);
  const [applicant, officer, committee, finance, ops] = await Promise.all([person('applicant', { enterpriseId }), person('officer'), person('committee'), person('finance'), person('ops')]);
  for (let i = 1; i <= 3; i += 1) await w.person('expert', { organisation: uniqueId(`browser-institute-${i}`), specialties: ['platform'] });

  const submittedOn = `${w.year}-06-15`;
  const policyVersion = policyVersionInForce(submittedOn).id;
  const caseId = uniqueId('browser-a6');
  await call(w, applicant.headers, 'POST', '/applications', {
    applicationId: caseId,
    program: PROGRAM,
    qualifications: ['platform-national'],
    facts: A6_FACTS,
    evidence: programDefinition(policyVersion, PROGRAM).evidence.map((kind, i) => ({ kind, reference: `B-${i + 1}` })),
  });
  const rules = evaluate({ program: PROGRAM, submittedOn, policyVersion, supportYear: 1, applicant: { registeredInDistrict: true, qualifications: ['platform-national'] }, facts: A6_FACTS });
  return { caseId, enterpriseId, applicant, officer, committee, finance, ops, rules };
}

/** Formal review, the panel (full marks) and the committee's approval of the maximum: the case goes into its public notice. */
export async function approveA6Case(w: WorkspaceEnv, c: A6Case): Promise<void> {
  await decide(w, c.officer.headers, await waitForTask(w, c.officer.headers, c.caseId, 'formal-review'), { decision: 'accept' });
  let seats: { expertId?: string | null }[] = [];
  await expect
    .poll(async () => {
      seats = (await call<{ seats: { expertId?: string | null }[] }>(w, c.ops.headers, 'GET', `/cases/${c.caseId}/panel`)).seats;
      return seats.length;
    }, { timeout: 60_000, interval: 300 })
    .toBe(3);
  const fullMarks = Object.fromEntries(programDefinition(c.rules.policyVersion, PROGRAM).criteria.map((k) => [k.name, k.maxPoints]));
  for (const { expertId } of seats) {
    const expert = await bearer({ userId: expertId!, role: 'expert' });
    await decide(w, expert, await waitForTask(w, expert, c.caseId, 'expert-conflict'), { hasConflict: false });
    await decide(w, expert, await waitForTask(w, expert, c.caseId, 'expert-scoring'), { scores: fullMarks });
  }
  await decide(w, c.committee.headers, await waitForTask(w, c.committee.headers, c.caseId, 'committee-decision'), { decision: 'approve', amountFen: c.rules.amountFen });
}

/** After the public notice, finance confirms every payment of the year. */
export async function payA6Case(w: WorkspaceEnv, c: A6Case): Promise<void> {
  for (let paid = 0; paid < c.rules.components.length; paid += 1) {
    const task = await waitForTask(w, c.finance.headers, c.caseId, 'payment-confirmation');
    await decide(w, c.finance.headers, task, { outcome: 'paid', reference: uniqueId('BANK') });
    await expect.poll(async () => (await call<{ items: InboxTask[] }>(w, c.finance.headers, 'GET', `/tasks?caseId=${c.caseId}&kind=payment-confirmation`)).items.some((t) => t.taskId === task.taskId), { timeout: 30_000 }).toBe(false);
  }
}

/** The committee revokes the award (false evidence): recovery of what was paid follows. */
export async function revokeA6Case(w: WorkspaceEnv, c: A6Case): Promise<void> {
  await call(w, c.committee.headers, 'POST', `/cases/${encodeURIComponent(c.caseId)}/revocation`, { grounds: 'false-evidence', reason: 'set-up: revoked to test what follows' });
  await waitForStage(w, c.ops.headers, c.caseId, 'recovery');
}
