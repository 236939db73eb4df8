// What the assessment activity hands the rules as earlier awards, read from the real
// read model: the enterprise's approvals recorded per component with cost category
// and period, older years from their payments, the officers' register; revoked
// cases and withdrawn entries stand for nothing. Each assessment is kept.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.js';
import { assessments, cases, otherPolicyAwards, payments } from '../../db/schema.js';
import { createActivities } from '../../activities/index.js';
import { earlierAwardsOf } from '../../activities/earlier-awards.js';
import type { ProgramCode } from '../../rules/index.js';
import type { CaseStatus } from '../../domain/vocabulary.js';
import { createTestEnterprise } from '../support/api-client.js';
import { openTestDatabase, uniqueId } from '../support/database.js';

let database: DatabaseHandle;
let activities: ReturnType<typeof createActivities>;

beforeAll(async () => {
  database = await openTestDatabase();
  activities = createActivities({ db: database.db });
});
afterAll(async () => {
  await database?.close();
});

async function seedCase(enterpriseId: string, program: ProgramCode, noticeYear: number, status: CaseStatus = 'in-progress'): Promise<string> {
  const id = uniqueId('awards-case');
  await database.db.insert(cases).values({ id, workflowId: `case-${id}`, program, enterpriseId, policyVersion: '2025-draft', noticeYear, submittedOn: `${noticeYear}-03-10`, stage: 'committee', status, requestedFacts: {} });
  return id;
}

const a6Request = (caseId: string, enterpriseId: string) => ({
  caseId,
  enterpriseId,
  program: 'A6-PLATFORM' as const,
  submittedOn: '2026-03-10',
  policyVersion: '2025-draft',
  supportYear: 1,
  priorYears: [],
  registeredInDistrict: true,
  qualifications: ['platform-national' as const],
  // rent 100% × 300,000,000 (2,000 m²) = 300,000,000; operating 200,000,000
  facts: { rentPaidFen: 300_000_000, areaUsedM2: 2000, operatingCostsFen: 200_000_000 },
});

const a10Request = (caseId: string, enterpriseId: string, submittedOn = '2026-04-01') => ({
  caseId,
  enterpriseId,
  program: 'A10-OPERATOR' as const,
  submittedOn,
  policyVersion: '2025-draft',
  supportYear: 1,
  priorYears: [],
  registeredInDistrict: true,
  qualifications: ['cluster-operator' as const],
  // rent 50% × 500,000,000 = 250,000,000; fund 200,000,000
  facts: { rentPaidFen: 500_000_000, monthsOperated: 12 },
});

describe('earlier awards for 从优不重复', () => {
  it('records an approval per component and sets the A6 rent against the A10 rent once, never the fund', async () => {
    const enterpriseId = await createTestEnterprise(database.db);
    const a6 = await seedCase(enterpriseId, 'A6-PLATFORM', 2026);
    expect((await activities.assessAmount(a6Request(a6, enterpriseId))).amountFen).toBe(500_000_000);
    // Reduced approval: 450,000,000 → rent 300,000,000, operating 150,000,000 (last components first).
    await activities.reserveBudget({ program: 'A6-PLATFORM', budgetYear: 2026, caseId: a6, supportYear: 1, amountFen: 450_000_000, actor: 'committee-1' });
    const recorded = [
      { program: 'A6-PLATFORM', supportYear: 1, costCategory: 'operating', periodStart: '2026-01-01', periodEnd: '2026-12-31', amountFen: 150_000_000 },
      { program: 'A6-PLATFORM', supportYear: 1, costCategory: 'rent', periodStart: '2026-01-01', periodEnd: '2026-12-31', amountFen: 300_000_000 },
    ];
    expect(await earlierAwardsOf(database.db, enterpriseId, 'another-case')).toEqual(recorded);
    // Once paid, the payments of a recorded year are not counted a second time.
    await database.db.insert(payments).values([
      { paymentKey: `${a6}:y1:rent`, caseId: a6, program: 'A6-PLATFORM', noticeYear: 2026, supportYear: 1, component: 'rent', amountFen: 300_000_000, status: 'paid' },
      { paymentKey: `${a6}:y1:operating`, caseId: a6, program: 'A6-PLATFORM', noticeYear: 2026, supportYear: 1, component: 'operating', amountFen: 150_000_000, status: 'instructed' },
    ]);
    expect(await earlierAwardsOf(database.db, enterpriseId, 'another-case')).toEqual(recorded);

    const a10 = await seedCase(enterpriseId, 'A10-OPERATOR', 2026);
    const result = await activities.assessAmount(a10Request(a10, enterpriseId));
    // rent 250,000,000 ≤ A6 rent 300,000,000 → 0; operating: A6 operating 150,000,000 < fund 200,000,000 → 50,000,000.
    expect(result.components.map((c) => [c.name, c.amountFen])).toEqual([
      ['rent', 0],
      ['operating', 50_000_000],
    ]);
    expect(result.overlaps.map((o) => [o.component, o.costCategory, o.stands])).toEqual([
      ['rent', 'rent', 'existing'],
      ['operating', 'operating', 'this'],
    ]);
    const [kept] = await database.db.select().from(assessments).where(and(eq(assessments.caseId, a10), eq(assessments.supportYear, 1)));
    expect(kept).toMatchObject({ program: 'A10-OPERATOR', policyVersion: '2025-draft', amountFen: 50_000_000, eligible: true });
    expect((kept?.result as { trace: { step: string }[] }).trace.map((s) => s.step)).toContain('rent.no-duplication');
  });

  it('does not set a case’s awards of another year against a claim for a later year', async () => {
    const enterpriseId = await createTestEnterprise(database.db);
    const a6 = await seedCase(enterpriseId, 'A6-PLATFORM', 2026);
    await activities.assessAmount(a6Request(a6, enterpriseId));
    await activities.reserveBudget({ program: 'A6-PLATFORM', budgetYear: 2026, caseId: a6, supportYear: 1, amountFen: 500_000_000, actor: 'committee-1' });
    const a10 = await seedCase(enterpriseId, 'A10-OPERATOR', 2027);
    const result = await activities.assessAmount(a10Request(a10, enterpriseId, '2026-12-20'));
    expect(result).toMatchObject({ amountFen: 450_000_000, overlaps: [] });
  });

  it('reads years approved before awards were recorded from their payments, and skips revoked cases, cancelled payments and withdrawn register entries', async () => {
    const enterpriseId = await createTestEnterprise(database.db);
    const paidBefore = await seedCase(enterpriseId, 'A6-PLATFORM', 2026);
    await database.db.insert(payments).values({ paymentKey: `${paidBefore}:y1:rent`, caseId: paidBefore, program: 'A6-PLATFORM', noticeYear: 2026, supportYear: 1, component: 'rent', amountFen: 123_000, status: 'paid' });
    const revoked = await seedCase(enterpriseId, 'A6-PLATFORM', 2026, 'revoked');
    await database.db.insert(payments).values({ paymentKey: `${revoked}:y1:rent`, caseId: revoked, program: 'A6-PLATFORM', noticeYear: 2026, supportYear: 1, component: 'rent', amountFen: 999, status: 'paid' });
    const cancelled = await seedCase(enterpriseId, 'A6-PLATFORM', 2026);
    await database.db.insert(payments).values({ paymentKey: `${cancelled}:y1:rent`, caseId: cancelled, program: 'A6-PLATFORM', noticeYear: 2026, supportYear: 1, component: 'rent', amountFen: 777, status: 'cancelled' });
    await database.db.insert(otherPolicyAwards).values([
      { enterpriseId, policyName: '区租金补贴', documentNumber: 'D-1', costCategory: 'rent', periodStart: '2026-01-01', periodEnd: '2026-06-30', amountFen: 4_000, recordedBy: 'officer-1' },
      { enterpriseId, policyName: '区租金补贴', documentNumber: 'D-2', costCategory: 'rent', periodStart: '2026-01-01', periodEnd: '2026-06-30', amountFen: 5_000, recordedBy: 'officer-1', withdrawnAt: new Date(), withdrawnBy: 'officer-1' },
    ]);
    expect(await earlierAwardsOf(database.db, enterpriseId, 'another-case')).toEqual([
      { program: 'A6-PLATFORM', supportYear: 1, costCategory: 'rent', periodStart: '2026-01-01', periodEnd: '2026-12-31', amountFen: 123_000 },
      { policy: '区租金补贴（D-1）', costCategory: 'rent', periodStart: '2026-01-01', periodEnd: '2026-06-30', amountFen: 4_000 },
    ]);
  });
});
