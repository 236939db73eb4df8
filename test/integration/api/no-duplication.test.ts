// 从优不重复 (第十三条) and corrections on real servers, through the API alone: real
// case workflows on the dev server, the real worker and activities, PostgreSQL. An
// enterprise whose earlier award under another district policy covers another
// period is paid in full; one whose award overlaps is flagged, the award is set
// against the claim once, and the committee decides on the reduced maximum; a
// second claim for the same program and period is flagged and rejected. A
// correction changes only what it names and the audit log records from what to what.
import type { Worker } from '@temporalio/worker';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, awards } from '../../../db/schema.js';
import { createCaseWorker } from '../../../worker/create-worker.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { bundleCaseWorkflows } from '../../support/workflow-bundle.js';
import { registerApplication, seedNotice, startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let worker: Worker;
let workerRun: Promise<void>;
let officer: TestUser;
let committee: TestUser;
let finance: TestUser;

beforeAll(async () => {
  h = await startHarness();
  await seedNotice(h, { 'A5-DATA-REGISTER': { budgetFen: 1_000_000_000 } }, undefined, { taskDue: '1 day', noticePeriod: '1s', panelSize: 3 });
  worker = await createCaseWorker({ connection: h.env.nativeConnection, db: h.database.db, taskQueue: h.taskQueue, workflowBundle: await bundleCaseWorkflows() });
  workerRun = worker.run();
  officer = await createTestUser(h.database.db, 'officer');
  committee = await createTestUser(h.database.db, 'committee');
  finance = await createTestUser(h.database.db, 'finance');
});
afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await h?.close();
});

type OpenTask = { taskId: string; kind: string };
type Detail = { openTasks: OpenTask[]; stage: string; status: string; requestedFacts: Record<string, unknown>; evidence: { kind: string; reference: string }[]; assessments?: { supportYear: number; amountFen: number; result: Assessment }[] };
type Assessment = { amountFen: number; reasons: { code: string; article: string }[]; overlaps: { component: string; costCategory: string; stands: string; payableFen: number; policy: string | null; sameProgram: boolean }[]; trace: { step: string; article: string; textZh: string; textEn: string }[] };

const post = (user: TestUser, url: string, payload?: object) => h.app.inject({ method: 'POST', url, headers: user.headers, ...(payload && { payload }) });
const decide = (user: TestUser, taskId: string, payload: object) => post(user, `/tasks/${encodeURIComponent(taskId)}/decision`, payload);
const detail = async (caseId: string, as: TestUser = officer): Promise<Detail> => (await h.app.inject({ url: `/cases/${caseId}`, headers: as.headers })).json();

async function openTaskOf(caseId: string, kind: string): Promise<OpenTask> {
  let found: OpenTask | undefined;
  await expect
    .poll(
      async () => {
        found = (await detail(caseId, officer)).openTasks.find((t) => t.kind === kind);
        return found?.kind;
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBe(kind);
  return found!;
}

async function applicantOfNewEnterprise(): Promise<{ applicant: TestUser; enterpriseId: string }> {
  const enterpriseId = await createTestEnterprise(h.database.db);
  return { enterpriseId, applicant: await createTestUser(h.database.db, 'applicant', { enterpriseId }) };
}

async function submitAndAccept(applicant: TestUser): Promise<string> {
  const body = registerApplication();
  const res = await post(applicant, '/applications', body);
  expect(res.statusCode, res.body).toBe(201);
  const review = await openTaskOf(body.applicationId, 'formal-review');
  expect((await decide(officer, review.taskId, { decision: 'accept' })).statusCode).toBe(200);
  return body.applicationId;
}

async function recordOtherPolicyAward(enterpriseId: string, period: string, amountFen: number): Promise<void> {
  const res = await post(officer, '/other-policy-awards', {
    enterpriseId,
    policyName: '石景山区数据要素发展支持办法',
    documentNumber: '石科发〔2099〕3号',
    costCategory: 'data-registration',
    periodStart: `${period}-01-01`,
    periodEnd: `${period}-12-31`,
    amountFen,
  });
  expect(res.statusCode, res.body).toBe(201);
}

/** The committee's task, and the assessment it decides on (kept in the read model). */
async function assessmentAtCommittee(caseId: string): Promise<{ task: OpenTask; assessment: Assessment }> {
  const task = await openTaskOf(caseId, 'committee-decision');
  const assessed = (await detail(caseId)).assessments ?? [];
  expect(assessed.map((a) => a.supportYear)).toEqual([1]);
  return { task, assessment: assessed[0]!.result };
}

async function approveAndPay(caseId: string, task: OpenTask, amountFen: number): Promise<void> {
  const approved = await decide(committee, task.taskId, { decision: 'approve', amountFen });
  expect(approved.statusCode, approved.body).toBe(200);
  const payment = await openTaskOf(caseId, 'payment-confirmation');
  expect((await decide(finance, payment.taskId, { outcome: 'paid', reference: `BANK-${caseId}` })).statusCode).toBe(200);
  await h.env.client.workflow.getHandle(`case-${caseId}`).result();
}

// Registration fees 12,345,678 fen × 50% (2030-final-example, in force in the test's
// far year) = 6,172,839 fen, under the 10,000,000-fen cap.
const FULL = 6_172_839;

describe('从优不重复 in the running case (第十三条)', () => {
  it('pays in full an enterprise whose other-policy award for the same cost covers another period', async () => {
    const { applicant, enterpriseId } = await applicantOfNewEnterprise();
    await recordOtherPolicyAward(enterpriseId, String(h.year - 1), 5_000_000);
    const caseId = await submitAndAccept(applicant);
    const { task, assessment } = await assessmentAtCommittee(caseId);
    expect(assessment).toMatchObject({ amountFen: FULL, overlaps: [], reasons: [] });
    await approveAndPay(caseId, task, FULL);
    expect(await h.database.db.select({ costCategory: awards.costCategory, periodStart: awards.periodStart, periodEnd: awards.periodEnd, amountFen: awards.amountFen }).from(awards).where(eq(awards.caseId, caseId))).toEqual([
      { costCategory: 'data-registration', periodStart: `${h.year}-01-01`, periodEnd: `${h.year}-12-31`, amountFen: FULL },
    ]);
  });

  it('flags an overlapping award, sets it against the claim once, and the committee decides on the rest; a second claim is flagged', async () => {
    const { applicant, enterpriseId } = await applicantOfNewEnterprise();
    await recordOtherPolicyAward(enterpriseId, String(h.year), 2_000_000);
    const caseId = await submitAndAccept(applicant);
    const { task, assessment } = await assessmentAtCommittee(caseId);
    // 6,172,839 − 2,000,000 = 4,172,839: the more favourable amount, the other award counted once.
    expect(assessment.amountFen).toBe(FULL - 2_000_000);
    expect(assessment.overlaps).toEqual([expect.objectContaining({ component: 'one-off', costCategory: 'data-registration', stands: 'this', payableFen: FULL - 2_000_000, sameProgram: false })]);
    expect(assessment.reasons).toEqual([expect.objectContaining({ code: 'duplicate-support-reduced', article: '第十三条' })]);
    const step = assessment.trace.find((s) => s.step === 'one-off.no-duplication');
    expect(step).toMatchObject({ article: '第十三条' });
    expect(step?.textZh).toContain('石景山区数据要素发展支持办法');
    // Above the reduced maximum is the case's refusal; the committee decides within it.
    expect((await decide(committee, task.taskId, { decision: 'approve', amountFen: FULL })).statusCode).toBe(422);
    await approveAndPay(caseId, task, FULL - 2_000_000);

    // The same enterprise claims again for the same program and period: its award and
    // the other policy's together cover the whole claim; it is flagged and not paid.
    const second = await submitAndAccept(applicant);
    const again = await assessmentAtCommittee(second);
    expect(again.assessment.amountFen).toBe(0);
    expect(again.assessment.reasons.map((r) => r.code)).toContain('second-claim-same-program-period');
    expect(again.assessment.overlaps.find((o) => o.sameProgram)).toMatchObject({ stands: 'existing', payableFen: 0 });
    expect((await decide(committee, again.task.taskId, { decision: 'reject', reason: '同一项目同一期间重复申报（第十三条）' })).statusCode).toBe(200);
    await expect(h.env.client.workflow.getHandle(`case-${second}`).result()).resolves.toMatchObject({ status: 'rejected' });

    // The explanation leaves the system too: the year's assessments export carries it.
    const exported = await h.app.inject({ url: `/exports/assessments.csv?year=${h.year}`, headers: officer.headers });
    expect(exported.statusCode).toBe(200);
    const line = exported.body.split('\r\n').find((l) => l.startsWith(`${caseId},`));
    expect(line).toContain('A5-DATA-REGISTER,2030-final-example,1,是,41728.39');
    expect(exported.body).toContain('[第十三条]');
    expect(exported.body).toContain('石景山区数据要素发展支持办法');
  });
});

describe('corrections (补正)', () => {
  it('changes only what a correction names, and the audit log records from what to what', async () => {
    const { applicant } = await applicantOfNewEnterprise();
    const body = registerApplication();
    expect((await post(applicant, '/applications', body)).statusCode).toBe(201);
    const caseId = body.applicationId;

    const returnForCorrection = async () => {
      const review = await openTaskOf(caseId, 'formal-review');
      expect((await decide(officer, review.taskId, { decision: 'return', reason: 'fee invoices unreadable' })).statusCode).toBe(200);
      return openTaskOf(caseId, 'correction');
    };

    const first = await returnForCorrection();
    const corrected = await decide(applicant, first.taskId, { facts: { registrationFeesFen: 20_000_000 }, note: 'fees restated' });
    expect(corrected.statusCode, corrected.body).toBe(200);
    await expect.poll(async () => (await detail(caseId)).requestedFacts).toEqual({ registrationFeesFen: 20_000_000 });
    expect((await detail(caseId)).evidence).toEqual(body.evidence);

    const second = await returnForCorrection();
    expect((await decide(applicant, second.taskId, { evidence: [{ kind: 'fee-invoices', reference: 'INV-9' }] })).statusCode).toBe(200);
    await expect.poll(async () => (await detail(caseId)).evidence.find((e) => e.kind === 'fee-invoices')?.reference).toBe('INV-9');
    expect((await detail(caseId)).evidence.map((e) => e.kind).sort()).toEqual(['business-licence', 'fee-invoices', 'registration-certificate']);
    expect((await detail(caseId)).requestedFacts).toEqual({ registrationFeesFen: 20_000_000 });

    const entries = await h.database.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, 'application-corrected'))).orderBy(asc(auditLog.id));
    expect(entries.map((e) => (e.detail as { changes: unknown }).changes)).toEqual([
      { facts: { registrationFeesFen: { from: 12_345_678, to: 20_000_000 } }, evidence: {} },
      { facts: {}, evidence: { 'fee-invoices': { from: ['INV-1..3'], to: ['INV-9'] } } },
    ]);
    expect(entries[0]?.reason).toBe('fees restated');
    const handle = h.env.client.workflow.getHandle(`case-${caseId}`);
    await post(applicant, `/cases/${caseId}/withdraw`, {});
    await handle.result();
  });
});
