// POST /policies/preview on the real read model: a candidate that raises A6's operating
// cap moves exactly the capped cases by the expected fen, leaves a case submitted
// before its effective date where it is, changes nothing stored, and a bad patch is a
// 400 naming the field. Also the record of a version's adoption.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments, budgetReservations, cases, yearlyReports } from '../../../db/schema.js';
import { evaluate } from '../../../rules/index.js';
import type { Facts, Qualification } from '../../../rules/index.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { seedNotice, startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let committee: TestUser;
let supervisor: TestUser;
let ops: TestUser;
let officer: TestUser;
let admin: TestUser;
let enterpriseId: string;
const ids = { raised: '', under: '', award: '', pinned: '' };

const NATIONAL: Qualification[] = ['platform-national'];

async function seedA6(values: { submittedOn: string; facts: Facts; qualifications: Qualification[] | null; supportYear?: number }): Promise<string> {
  const id = uniqueId('preview-case');
  await h.database.db.insert(cases).values({
    id,
    workflowId: `case-${id}`,
    program: 'A6-PLATFORM',
    enterpriseId,
    policyVersion: '2030-final-example',
    noticeYear: h.year,
    submittedOn: values.submittedOn,
    stage: 'committee',
    status: 'in-progress',
    supportYear: values.supportYear ?? 1,
    requestedFacts: values.facts,
    qualifications: values.qualifications,
  });
  return id;
}

/** Every table of the read model, each as one hash of its rows. */
async function snapshot(): Promise<Record<string, string>> {
  const tables = (await h.database.db.execute<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)) as unknown as { table_name: string }[];
  const out: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    const [row] = (await h.database.db.execute(sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h, count(*)::int as n from "${table}" t`))) as unknown as { h: string; n: number }[];
    out[table] = `${row!.n}:${row!.h}`;
  }
  return out;
}

const candidate = () => ({
  id: `preview-test-${h.year}`,
  effectiveFrom: `${h.year}-02-01`,
  basedOn: '2030-final-example',
  titleZh: '产业服务平台运营经费上限调整（测试）',
  titleEn: 'A6 operating cap raised to 8m yuan (test)',
  note: 'Operating funds cap 5,000,000 → 8,000,000 yuan.',
  programs: { 'A6-PLATFORM': { components: { operating: { capFen: 800_000_000 } } } },
});

beforeAll(async () => {
  h = await startHarness();
  enterpriseId = await createTestEnterprise(h.database.db);
  committee = await createTestUser(h.database.db, 'committee');
  supervisor = await createTestUser(h.database.db, 'supervisor');
  ops = await createTestUser(h.database.db, 'ops');
  officer = await createTestUser(h.database.db, 'officer');
  admin = await createTestUser(h.database.db, 'admin');
  await seedNotice(h, { 'A6-PLATFORM': { budgetFen: 900_000_000 } });

  // Operating costs 6m yuan: 5m under the cap, 6m under the candidate's 8m, for each of three years.
  ids.raised = await seedA6({ submittedOn: `${h.year}-03-10`, facts: { operatingCostsFen: 600_000_000 }, qualifications: NATIONAL });
  ids.under = await seedA6({ submittedOn: `${h.year}-03-11`, facts: { operatingCostsFen: 300_000_000 }, qualifications: NATIONAL });
  ids.pinned = await seedA6({ submittedOn: `${h.year}-01-05`, facts: { operatingCostsFen: 600_000_000 }, qualifications: NATIONAL });
  // An award in year 2: year 1 approved, year 2 verified at 7m yuan; recorded before cases kept
  // their recognitions, so the loader reads them from year 1's kept assessment.
  ids.award = await seedA6({ submittedOn: `${h.year}-03-12`, facts: { operatingCostsFen: 100_000_000 }, qualifications: null, supportYear: 2 });
  await h.database.db.insert(budgetReservations).values({ caseId: ids.award, supportYear: 1, program: 'A6-PLATFORM', budgetYear: h.year, amountFen: 100_000_000, status: 'reserved' });
  await h.database.db.insert(yearlyReports).values({ caseId: ids.award, supportYear: 2, status: 'verified', dueOn: `${h.year + 1}-12-15`, facts: { operatingCostsFen: 700_000_000 }, verifiedFacts: { operatingCostsFen: 700_000_000 } });
  const yearOne = evaluate({ program: 'A6-PLATFORM', submittedOn: `${h.year}-03-12`, policyVersion: '2030-final-example', applicant: { registeredInDistrict: true, qualifications: NATIONAL }, facts: { operatingCostsFen: 100_000_000 } });
  await h.database.db.insert(assessments).values({ caseId: ids.award, supportYear: 1, program: 'A6-PLATFORM', policyVersion: '2030-final-example', eligible: true, amountFen: yearOne.amountFen, result: yearOne });
});
afterAll(async () => {
  await h?.close();
});

type CaseView = { caseId: string; applies: boolean; ownFen: number; candidateFen: number; deltaFen: number; effectiveDeltaFen: number; change: string; touch: { code: string }; years?: { supportYear: number; deltaFen: number; figures: { source: string; fromSupportYear: number } | null }[] };

describe('POST /policies/preview', () => {
  it('moves exactly the capped cases by the expected fen, leaves a pinned case alone, and stores nothing', async () => {
    const before = await snapshot();
    const res = await h.app.inject({ method: 'POST', url: '/policies/preview', headers: committee.headers, payload: candidate() });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const mine = new Map((body.cases as CaseView[]).filter((c) => Object.values(ids).includes(c.caseId)).map((c) => [c.caseId, c]));

    expect(mine.get(ids.raised)).toMatchObject({ applies: true, ownFen: 1_500_000_000, candidateFen: 1_800_000_000, deltaFen: 300_000_000, effectiveDeltaFen: 300_000_000, change: 'gain' });
    expect(mine.get(ids.raised)!.years!.map((y) => [y.supportYear, y.deltaFen])).toEqual([[1, 100_000_000], [2, 100_000_000], [3, 100_000_000]]);
    expect(mine.get(ids.under)).toMatchObject({ applies: true, deltaFen: 0, change: 'stay' });
    expect(mine.get(ids.pinned)).toMatchObject({ applies: false, touch: { code: 'submitted-before-effective' }, deltaFen: 300_000_000, effectiveDeltaFen: 0, change: 'stay' });
    // Years 2 and 3 of the award, on year 2's verified 7m yuan: 5m → 7m each.
    expect(mine.get(ids.award)).toMatchObject({ applies: true, ownFen: 1_000_000_000, candidateFen: 1_400_000_000, effectiveDeltaFen: 400_000_000 });
    expect(mine.get(ids.award)!.years!.map((y) => [y.supportYear, y.figures?.source, y.figures?.fromSupportYear])).toEqual([[2, 'verified-report', 2], [3, 'verified-report', 2]]);

    const thisYear = body.totals.find((t: { program: string; budgetYear: number }) => t.program === 'A6-PLATFORM' && t.budgetYear === h.year);
    expect(thisYear).toEqual({
      program: 'A6-PLATFORM',
      budgetYear: h.year,
      budgetFen: 900_000_000,
      reservedFen: 100_000_000,
      ownFen: 500_000_000 + 300_000_000 + 500_000_000,
      candidateFen: 600_000_000 + 300_000_000 + 500_000_000,
      ifAppliedFen: 600_000_000 + 300_000_000 + 600_000_000,
      leftAfterOwnFen: 900_000_000 - 100_000_000 - 1_300_000_000,
      leftAfterCandidateFen: 900_000_000 - 100_000_000 - 1_400_000_000,
      cases: 3,
    });
    expect(body.candidate.changes).toEqual([{ path: 'programs.A6-PLATFORM.components.operating.capFen', from: 500_000_000, to: 800_000_000 }]);

    const csv = await h.app.inject({ method: 'POST', url: '/policies/preview.csv', headers: supervisor.headers, payload: candidate() });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const raisedRows = csv.body.split('\r\n').filter((line) => line.startsWith(`${ids.raised},`));
    expect(raisedRows.filter((line) => line.includes(',operating,5000000.00,6000000.00,1000000.00,1000000.00'))).toHaveLength(3);
    const xlsx = await h.app.inject({ method: 'POST', url: '/policies/preview.xlsx', headers: ops.headers, payload: candidate() });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    expect(await snapshot()).toEqual(before);
  });

  it('answers with the cases’ sums only when asked, and opens one case with its years and both traces', async () => {
    const sums = await h.app.inject({ method: 'POST', url: '/policies/preview?detail=cases', headers: committee.headers, payload: candidate() });
    expect(sums.statusCode, sums.body).toBe(200);
    const raised = (sums.json().cases as CaseView[]).find((c) => c.caseId === ids.raised)!;
    expect(raised).toMatchObject({ ownFen: 1_500_000_000, candidateFen: 1_800_000_000, deltaFen: 300_000_000, change: 'gain' });
    expect(raised.years).toBeUndefined();

    const opened = await h.app.inject({ method: 'POST', url: `/policies/preview/cases/${ids.raised}`, headers: ops.headers, payload: candidate() });
    expect(opened.statusCode, opened.body).toBe(200);
    const { case: one, candidate: described } = opened.json();
    expect(described.id).toBe(candidate().id);
    expect(one).toMatchObject({ caseId: ids.raised, ownFen: 1_500_000_000, candidateFen: 1_800_000_000 });
    for (const y of one.years) {
      const capStep = (trace: { step: string; parameters: { capFen?: number } }[]) => trace.find((step) => step.step.startsWith('operating') && step.parameters.capFen !== undefined)?.parameters.capFen;
      expect([y.supportYear, capStep(y.own.trace), capStep(y.candidate.trace)]).toEqual([y.supportYear, 500_000_000, 800_000_000]);
    }

    const missing = await h.app.inject({ method: 'POST', url: '/policies/preview/cases/no-such-case', headers: ops.headers, payload: candidate() });
    expect(missing.statusCode).toBe(404);
    const badPatch = await h.app.inject({ method: 'POST', url: `/policies/preview/cases/${ids.raised}`, headers: ops.headers, payload: { ...candidate(), effectiveFrom: 'soon' } });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.effectiveFrom']);
    expect((await h.app.inject({ method: 'POST', url: `/policies/preview/cases/${ids.raised}`, headers: officer.headers, payload: candidate() })).statusCode).toBe(403);
  });

  it('answers a bad patch with 400 naming each field, and refuses other roles', async () => {
    const bad = await h.app.inject({
      method: 'POST',
      url: '/policies/preview',
      headers: committee.headers,
      payload: { ...candidate(), basedOn: '1999-none', programs: { 'A6-PLATFORM': { components: { operating: { ratioBp: 5000 } } } } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.basedOn']);
    const wrongKey = await h.app.inject({ method: 'POST', url: '/policies/preview', headers: committee.headers, payload: { ...candidate(), programs: { 'A6-PLATFORM': { components: { operating: { ratioBp: 5000 } } } } } });
    expect(wrongKey.statusCode).toBe(400);
    expect(wrongKey.json().errors[0].field).toBe('body.programs.A6-PLATFORM.components.operating.ratioBp');
    const shape = await h.app.inject({ method: 'POST', url: '/policies/preview.csv', headers: committee.headers, payload: { ...candidate(), effectiveFrom: 'soon', extra: 1 } });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.effectiveFrom', 'body.extra']);
    expect((await h.app.inject({ method: 'POST', url: '/policies/preview', headers: officer.headers, payload: candidate() })).statusCode).toBe(403);
  });
});

describe('adoption of a policy version', () => {
  it('records who adopted it, the decision and its effective date, once, and lists it', async () => {
    const url = '/policies/2027-recognitions/adoption';
    const decision = { documentNumber: '石政发〔2026〕12号', decisionDate: '2026-11-20', effectiveFrom: '2027-01-01', note: 'separate recognitions adopted' };
    const wrongDate = await h.app.inject({ method: 'POST', url, headers: committee.headers, payload: { ...decision, effectiveFrom: '2027-02-01' } });
    expect(wrongDate.statusCode).toBe(422);
    expect(wrongDate.json().errors[0].field).toBe('body.effectiveFrom');
    expect((await h.app.inject({ method: 'POST', url, headers: officer.headers, payload: decision })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'POST', url: '/policies/2099-nothing/adoption', headers: admin.headers, payload: decision })).statusCode).toBe(404);

    const res = await h.app.inject({ method: 'POST', url, headers: committee.headers, payload: decision });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ policyVersion: '2027-recognitions', adoptedBy: committee.actor.userId, ...decision });
    expect((await h.app.inject({ method: 'POST', url, headers: admin.headers, payload: decision })).statusCode).toBe(409);

    const listed = await h.app.inject({ url: '/policies', headers: officer.headers });
    expect(listed.statusCode).toBe(200);
    const versions = listed.json().versions as { id: string; adoption: unknown }[];
    expect(versions.map((v) => v.id)).toEqual(['2025-draft', '2027-recognitions', '2030-final-example']);
    expect(versions.find((v) => v.id === '2027-recognitions')!.adoption).toMatchObject({ adoptedBy: committee.actor.userId, documentNumber: decision.documentNumber });
    expect(versions.find((v) => v.id === '2025-draft')!.adoption).toBeNull();
  });
});
