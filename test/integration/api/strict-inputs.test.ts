// Strict inputs at every door (issue 13, item 5): unknown keys at any level, facts
// foreign to the program, recognitions the version in force does not know, amounts
// beyond 10^13 fen, missing required facts and a policy version not in force are
// each a 400 naming the field, never ignored and never a 500.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments, cases } from '../../../db/schema.js';
import { evaluate } from '../../../rules/index.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { registerApplication, seedCase, seedNotice, seedTask, startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let applicant: TestUser;
let officer: TestUser;
let committee: TestUser;
let enterpriseId: string;

beforeAll(async () => {
  h = await startHarness();
  await seedNotice(h, { 'A5-DATA-REGISTER': { budgetFen: 100_000_000 }, 'A10-OPERATOR': { budgetFen: 900_000_000 }, 'A3-COMPUTE-MUNI': { budgetFen: 900_000_000 } });
  enterpriseId = await createTestEnterprise(h.database.db);
  applicant = await createTestUser(h.database.db, 'applicant', { enterpriseId });
  officer = await createTestUser(h.database.db, 'officer');
  committee = await createTestUser(h.database.db, 'committee');
});
afterAll(async () => {
  await h?.close();
});

const post = (user: TestUser, url: string, payload: object) => h.app.inject({ method: 'POST', url, headers: user.headers, payload });

async function refused(user: TestUser, url: string, payload: object, field: string): Promise<void> {
  const res = await post(user, url, payload);
  expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
  expect(res.json().errors.map((e: { field: string }) => e.field), res.body).toContain(field);
}

describe('POST /applications', () => {
  it('refuses unknown keys at any level, naming them', async () => {
    await refused(applicant, '/applications', { ...registerApplication(), blackListed: false }, 'body.blackListed');
    const body = registerApplication();
    await refused(applicant, '/applications', { ...body, facts: { ...body.facts, registrationFeeFen: 1 } }, 'body.facts.registrationFeeFen');
    await refused(applicant, '/applications', { ...body, evidence: [...body.evidence, { kind: 'x', reference: 'y', page: 3 }] }, 'body.evidence.3.page');
  });
  it('refuses a fact that is not the program’s', async () => {
    const body = registerApplication();
    await refused(applicant, '/applications', { ...body, facts: { ...body.facts, rentPaidFen: 100 } }, 'body.facts.rentPaidFen');
  });
  it('refuses an amount above 10^13 fen, and one near 2^53, with a 400', async () => {
    const body = registerApplication();
    await refused(applicant, '/applications', { ...body, facts: { registrationFeesFen: 10_000_000_000_001 } }, 'body.facts.registrationFeesFen');
    await refused(applicant, '/applications', { ...body, facts: { registrationFeesFen: 9_007_199_254_740_991 } }, 'body.facts.registrationFeesFen');
  });
  it('requires A10’s months operated', async () => {
    const evidence = ['business-licence', 'operator-appointment', 'lease-contract', 'rent-invoices', 'operation-report'].map((kind) => ({ kind, reference: `R-${kind}` }));
    await refused(applicant, '/applications', { applicationId: `a10-${h.year}-x`, program: 'A10-OPERATOR', qualifications: ['cluster-operator'], facts: { rentPaidFen: 100_000 }, evidence }, 'body.facts.monthsOperated');
  });
  it('refuses a recognition the version in force does not know (municipal-support was split)', async () => {
    const evidence = ['business-licence', 'municipal-award-letter', 'construction-contracts', 'invoices'].map((kind) => ({ kind, reference: `R-${kind}` }));
    await refused(applicant, '/applications', { applicationId: `a3-${h.year}-x`, program: 'A3-COMPUTE-MUNI', qualifications: ['municipal-support'], facts: { municipalSupportFen: 100_000 }, evidence }, 'body.qualifications[0]');
  });
});

describe('POST /rules/evaluate', () => {
  const input = { program: 'A5-DATA-TRADE', submittedOn: '2025-03-10', applicant: { registeredInDistrict: true }, facts: { contractAmountFen: 1_000_000 } };
  it('refuses a misspelt blacklist flag and a misspelt support year instead of dropping them', async () => {
    await refused(officer, '/rules/evaluate', { ...input, applicant: { ...input.applicant, blackListed: true } }, 'body.applicant.blackListed');
    await refused(officer, '/rules/evaluate', { ...input, supportyear: 3 }, 'body.supportyear');
  });
  it('answers 400, not 500, for an amount near 2^53', async () => {
    await refused(officer, '/rules/evaluate', { ...input, facts: { contractAmountFen: 9_007_199_254_740_991 } }, 'body.facts.contractAmountFen');
  });
  it('refuses a policy version not in force on the submission day', async () => {
    await refused(officer, '/rules/evaluate', { ...input, policyVersion: '2030-final-example' }, 'body.policyVersion');
  });
  it('refuses a fact of another program and A10 without its months', async () => {
    await refused(officer, '/rules/evaluate', { ...input, facts: { contractAmountFen: 1, areaUsedM2: 5 } }, 'body.facts.areaUsedM2');
    await refused(officer, '/rules/evaluate', { program: 'A10-OPERATOR', submittedOn: '2025-03-10', applicant: { registeredInDistrict: true, qualifications: ['cluster-operator'] }, facts: { rentPaidFen: 1 } }, 'body.facts.monthsOperated');
  });
});

describe('corrections and yearly reports', () => {
  // The generic decision route and the workspace's route for the kind decide through the same checks.
  it.each(['decision', 'decision/correction'])('refuses a correction whose merged result fails the program’s checks, leaving the case unchanged (POST /tasks/{id}/%s)', async (route) => {
    const { caseId } = await seedCase(h, enterpriseId, { stage: 'correction' });
    const taskId = await seedTask(h, caseId, { kind: 'correction', role: 'applicant', stage: 'correction' });
    const before = (await h.database.db.select().from(cases).where(eq(cases.id, caseId)))[0];
    const url = `/tasks/${encodeURIComponent(taskId)}/${route}`;
    const decide = (payload: object) => post(applicant, url, payload);
    await refused(applicant, url, { facts: { rentPaidFen: 5 } }, 'body.facts.rentPaidFen');
    await refused(applicant, url, { facts: { registrationFeesFen: 10_000_000_000_001 } }, 'body.facts.registrationFeesFen');
    // The seeded application holds only the licence: the merged evidence lacks the rest of the checklist.
    const partial = await decide({ evidence: [{ kind: 'registration-certificate', reference: 'REG-2' }] });
    expect(partial.statusCode, partial.body).toBe(400);
    expect(partial.json().errors).toContainEqual({ field: 'body.evidence', message: 'missing "fee-invoices"' });
    const after = (await h.database.db.select().from(cases).where(eq(cases.id, caseId)))[0];
    expect(after?.requestedFacts).toEqual(before?.requestedFacts);
    expect(after?.evidence).toEqual(before?.evidence);
  });
  it('refuses a yearly report with a fact foreign to the program or one missing for the year', async () => {
    const { caseId } = await seedCase(h, enterpriseId, { program: 'A10-OPERATOR', stage: 'yearly-report' });
    await h.database.db.update(cases).set({ supportYear: 2, policyVersion: '2030-final-example' }).where(eq(cases.id, caseId));
    await seedTask(h, caseId, { kind: 'yearly-report', role: 'applicant', stage: 'yearly-report', program: 'A10-OPERATOR' });
    await refused(applicant, `/cases/${caseId}/yearly-reports`, { facts: { rentPaidFen: 5, monthsOperated: 12, computeSpendFen: 1 } }, 'body.facts.computeSpendFen');
    await refused(applicant, `/cases/${caseId}/yearly-reports`, { facts: { rentPaidFen: 5 } }, 'body.facts.monthsOperated');
  });
});

describe('the committee decision where a more favourable program exists (第十三条)', () => {
  it.each(['decision', 'decision/committee-decision'])('must say which program stands, one of the case’s program and the alternatives its assessment lists (POST /tasks/{id}/%s)', async (route) => {
    const { caseId } = await seedCase(h, enterpriseId, { program: 'A4-COMPUTE-KEY', stage: 'committee' });
    // KEY 300,000,000 (capped); FILED 600,000,000: the assessment lists FILED as more favourable.
    const result = evaluate({
      program: 'A4-COMPUTE-KEY',
      submittedOn: `${h.year}-06-15`,
      policyVersion: '2030-final-example',
      applicant: { registeredInDistrict: true, qualifications: ['beijing-ai-key-enterprise', 'national-genai-filing'] },
      facts: { computeSpendFen: 2_000_000_000 },
    });
    expect(result.alternatives.map((a) => a.program)).toEqual(['A4-COMPUTE-FILED']);
    await h.database.db.insert(assessments).values({ caseId, supportYear: 1, program: 'A4-COMPUTE-KEY', policyVersion: result.policyVersion, eligible: true, amountFen: result.amountFen, result });
    const taskId = await seedTask(h, caseId, { kind: 'committee-decision', role: 'committee', stage: 'committee', program: 'A4-COMPUTE-KEY' });
    // The committee's task page reads the kept assessment (a seeded case has no workflow to compute one from).
    const shown = await h.app.inject({ method: 'GET', url: `/cases/${caseId}/assessment`, headers: committee.headers });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({ amountFen: result.amountFen, alternatives: [{ program: 'A4-COMPUTE-FILED' }] });
    const url = `/tasks/${encodeURIComponent(taskId)}/${route}`;
    await refused(committee, url, { decision: 'approve', amountFen: result.amountFen }, 'body.standingProgram');
    await refused(committee, url, { decision: 'approve', amountFen: result.amountFen, standingProgram: 'A6-PLATFORM' }, 'body.standingProgram');
    // A valid choice passes the API's checks and goes on to the case (none runs for a seeded case: 409).
    const chosen = await post(committee, url, { decision: 'approve', amountFen: result.amountFen, standingProgram: 'A4-COMPUTE-FILED' });
    expect(chosen.statusCode, chosen.body).toBe(409);
    // Rejecting needs no choice.
    expect((await post(committee, url, { decision: 'reject', reason: '材料不符' })).statusCode).toBe(409);
  });
});
