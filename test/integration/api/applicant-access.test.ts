// What an applicant reaches through the API: the public program catalogue, the live
// estimate before filing, its own enterprise's cases only (another's answer 404 on
// every route an applicant uses), and in its cases neither the experts' names nor the
// staff's notes — but the officer's request for correction, with its deadline.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetReservations, tasks } from '../../../db/schema.js';
import { evaluate, FACT_LABELS, policyVersionInForce, programDefinition } from '../../../rules/index.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { seedCase, seedNotice, seedSeat, seedTask, startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let applicant: TestUser;
let otherApplicant: TestUser;
let officer: TestUser;
let expert: TestUser;
let ownEnterprise: string;

beforeAll(async () => {
  h = await startHarness();
  await seedNotice(h);
  ownEnterprise = await createTestEnterprise(h.database.db);
  const otherEnterprise = await createTestEnterprise(h.database.db);
  applicant = await createTestUser(h.database.db, 'applicant', { enterpriseId: ownEnterprise });
  otherApplicant = await createTestUser(h.database.db, 'applicant', { enterpriseId: otherEnterprise });
  officer = await createTestUser(h.database.db, 'officer');
  expert = await createTestUser(h.database.db, 'expert');
});
afterAll(async () => {
  await h?.close();
});

describe('the program catalogue', () => {
  it('serves every program of the version in force to anyone, with names, units, caps and the panel', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/programs' });
    expect(res.statusCode, res.body).toBe(200);
    const catalogue = res.json();
    const version = policyVersionInForce(`${h.year}-06-15`);
    expect(catalogue.policyVersion).toBe(version.id);
    expect(catalogue.asOf).toBe(`${h.year}-06-15`);
    expect(catalogue.programs).toHaveLength(15);
    const a6 = catalogue.programs.find((p: { program: string }) => p.program === 'A6-PLATFORM');
    const def = programDefinition(version.id, 'A6-PLATFORM');
    expect(a6.articleName).toEqual({ zh: '第六条', en: 'Article 6' });
    expect(a6.evidence.map((e: { kind: string }) => e.kind)).toEqual(def.evidence);
    expect(a6.evidence[0].name).toEqual({ zh: '营业执照', en: 'Business licence' });
    expect(a6.applicationFacts.required).toContainEqual({ fact: 'areaUsedM2', name: { zh: FACT_LABELS.areaUsedM2.zh, en: FACT_LABELS.areaUsedM2.en }, unit: 'm2' });
    expect(a6.applicationFacts.atLeastOneOf).toEqual(['rentPaidFen', 'operatingCostsFen']);
    expect(a6.yearlyReportFacts.required.map((f: { fact: string }) => f.fact)).toEqual(def.reportFacts.laterYears);
    expect(a6.supportYears).toMatchObject({ years: 3, consecutive: true });
    expect(a6.evaluation).toMatchObject({ expertsDrawn: true, specialty: { code: 'platform' }, passMark: 60 });
    expect(a6.evaluation.criteria.reduce((s: number, c: { maxPoints: number }) => s + c.maxPoints, 0)).toBe(100);
    expect(a6.components.find((c: { component: string }) => c.component === 'rent').areaCapM2).toBe(def.components.find((c) => c.kind === 'area-rent')!.areaCapM2);
    // A decided amount is the committee's: never among the facts an applicant states.
    const a9 = catalogue.programs.find((p: { program: string }) => p.program === 'A9-CASE-BY-CASE');
    expect(a9.committeeDecidesAmount).toBe(true);
    expect(JSON.stringify(a9.applicationFacts)).not.toContain('decidedAmountFen');
    const a5 = catalogue.programs.find((p: { program: string }) => p.program === 'A5-DATA-REGISTER');
    expect(a5.evaluation).toMatchObject({ expertsDrawn: false, specialty: null });
    expect(a5.yearlyReportFacts).toBeNull();
  });

  it('serves one program, and names a date before the first version as the bad field', async () => {
    const one = await h.app.inject({ method: 'GET', url: '/programs/A4-COMPUTE-KEY?on=2026-01-01' });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ program: 'A4-COMPUTE-KEY', policyVersion: '2025-draft', supportYears: { continuationFact: 'modelIterated' } });
    expect(one.json().yearlyReportFacts.required.map((f: { fact: string }) => f.fact)).toContain('modelIterated');
    const early = await h.app.inject({ method: 'GET', url: '/programs?on=2020-01-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].field).toBe('querystring.on');
    expect((await h.app.inject({ method: 'GET', url: '/programs/A99' })).statusCode).toBe(400);
  });
});

describe('the live estimate', () => {
  const facts = { rentPaidFen: 300_000_000, areaUsedM2: 3000, operatingCostsFen: 200_000_000 };

  it('gives the rules’ amount with the explanation, on the office’s record of the enterprise', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/applications/estimate?lang=zh', headers: applicant.headers, payload: { program: 'A6-PLATFORM', qualifications: ['platform-national'], facts } });
    expect(res.statusCode, res.body).toBe(200);
    const submittedOn = `${h.year}-06-15`;
    const rules = evaluate({ program: 'A6-PLATFORM', submittedOn, policyVersion: policyVersionInForce(submittedOn).id, applicant: { registeredInDistrict: true, qualifications: ['platform-national'] }, facts });
    expect(res.json().missing).toEqual([]);
    expect(res.json().estimate.amountFen).toBe(rules.amountFen);
    expect(res.json().estimate.explanation).toContain('第六条');
  });

  it('names the facts still missing, and refuses a fact foreign to the program by name', async () => {
    const partial = await h.app.inject({ method: 'POST', url: '/applications/estimate', headers: applicant.headers, payload: { program: 'A5-DATA-REGISTER', facts: {} } });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json()).toMatchObject({ estimate: null, missing: [{ field: 'body.facts.registrationFeesFen' }] });
    const foreign = await h.app.inject({ method: 'POST', url: '/applications/estimate', headers: applicant.headers, payload: { program: 'A5-DATA-REGISTER', facts: { rentPaidFen: 1 } } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.facts.rentPaidFen']);
    expect((await h.app.inject({ method: 'POST', url: '/applications/estimate', headers: officer.headers, payload: { program: 'A5-DATA-REGISTER', facts: {} } })).statusCode).toBe(403);
  });
});

describe('an applicant and another enterprise’s case', () => {
  it('gets 404 on every route it uses for a case of another enterprise, and lists only its own', async () => {
    const { caseId } = await seedCase(h, ownEnterprise);
    const correction = await seedTask(h, caseId, { kind: 'correction', role: 'applicant', stage: 'correction' });
    const routes = [
      { method: 'GET' as const, url: `/cases/${caseId}` },
      { method: 'POST' as const, url: `/cases/${caseId}/withdraw`, payload: {} },
      { method: 'POST' as const, url: `/cases/${caseId}/yearly-reports`, payload: { facts: { registrationFeesFen: 1 } } },
      { method: 'GET' as const, url: `/tasks/${encodeURIComponent(correction)}` },
      { method: 'POST' as const, url: `/tasks/${encodeURIComponent(correction)}/decision`, payload: { note: '补正' } },
      { method: 'POST' as const, url: `/tasks/${encodeURIComponent(correction)}/decision/correction`, payload: { note: '补正' } },
    ];
    for (const route of routes) {
      const res = await h.app.inject({ ...route, headers: { ...otherApplicant.headers, 'idempotency-key': `k-${route.url}` } });
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body}`).toBe(404);
      expect(res.body).not.toContain(ownEnterprise);
    }
    const listed = await h.app.inject({ method: 'GET', url: '/cases?limit=200', headers: otherApplicant.headers });
    expect(listed.json().items.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);
    const tasksListed = await h.app.inject({ method: 'GET', url: `/tasks?caseId=${caseId}`, headers: otherApplicant.headers });
    expect(tasksListed.json().items).toEqual([]);
  });
});

describe('what an applicant receives of its own case', () => {
  it('holds no expert’s name and no staff note, but the officer’s request for correction and its deadline', async () => {
    const { caseId } = await seedCase(h, ownEnterprise, { stage: 'correction' });
    await seedSeat(h, caseId, { expertId: expert.actor.userId, seat: 1, scores: { x: 10 }, totalPoints: 10, panelClosed: true });
    const review = await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', assignee: officer.actor.userId, status: 'done' });
    const returnReason = '请补充登记证书的清晰扫描件';
    await h.database.db
      .update(tasks)
      .set({ closedAt: new Date(), closedBy: officer.actor.userId, outcome: { decision: 'return', reason: returnReason } })
      .where(eq(tasks.id, review));
    const staffNote = 'STAFF-NOTE-internal-only';
    const verification = await seedTask(h, caseId, { kind: 'yearly-verification', role: 'officer', stage: 'yearly-verification', assignee: officer.actor.userId, status: 'done' });
    await h.database.db.update(tasks).set({ closedAt: new Date(), closedBy: officer.actor.userId, outcome: { outcome: 'verified', reason: staffNote } }).where(eq(tasks.id, verification));
    const overBudgetNote = 'OVER-BUDGET-committee-note';
    await h.database.db.insert(budgetReservations).values({ caseId, supportYear: 1, program: 'A5-DATA-REGISTER', budgetYear: h.year, amountFen: 300_000, overBudgetReason: overBudgetNote, status: 'reserved' });
    const due = new Date(Date.now() + 5 * 86_400_000);
    const correction = await seedTask(h, caseId, { kind: 'correction', role: 'applicant', stage: 'correction', dueAt: due });
    await seedTask(h, caseId, { kind: 'expert-scoring', role: 'expert', stage: 'expert-evaluation', assignee: expert.actor.userId });

    const answers = [
      await h.app.inject({ method: 'GET', url: `/cases/${caseId}`, headers: applicant.headers }),
      await h.app.inject({ method: 'GET', url: '/cases?limit=200', headers: applicant.headers }),
      await h.app.inject({ method: 'GET', url: `/tasks?caseId=${caseId}`, headers: applicant.headers }),
      await h.app.inject({ method: 'GET', url: `/tasks/${encodeURIComponent(review)}`, headers: applicant.headers }),
      await h.app.inject({ method: 'GET', url: `/tasks/${encodeURIComponent(correction)}`, headers: applicant.headers }),
    ];
    for (const res of answers) {
      expect(res.statusCode, res.body).toBe(200);
      for (const secret of [expert.actor.userId, officer.actor.userId, staffNote, overBudgetNote, `Test expert`, `Test officer`]) expect(res.body).not.toContain(secret);
    }
    const detail = answers[0]!.json();
    expect(detail.correctionRequest).toEqual({ reason: returnReason, requestedAt: expect.any(String), dueAt: due.toISOString() });
    expect(detail.openTasks.map((t: { kind: string }) => t.kind)).toEqual(['correction']);
    expect(detail).not.toHaveProperty('doneTasks');
    expect(detail).not.toHaveProperty('assessments');
    expect(detail.approvals).toMatchObject([{ supportYear: 1, amountFen: 300_000, overBudgetReason: null }]);
    // Staff still read the committee's note.
    expect((await h.app.inject({ method: 'GET', url: `/cases/${caseId}`, headers: officer.headers })).json().approvals[0].overBudgetReason).toBe(overBudgetNote);
    // The panel is the staff's and the seated expert's, never the applicant's.
    expect((await h.app.inject({ method: 'GET', url: `/cases/${caseId}/panel`, headers: applicant.headers })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: `/cases/${caseId}/timeline`, headers: applicant.headers })).statusCode).toBe(403);
  });
});
