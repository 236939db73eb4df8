// Multi-year awards on the time-skipping server: each later support year waits for
// its reporting window, is recomputed from the reported actuals under the case's own
// policy version, and is approved and paid again; missed years end the award.
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cases, notifications, payments, recoveries, yearlyReports } from '../../db/schema.js';
import { evaluate } from '../../rules/index.js';
import { caseViewQuery, confirmRepaymentUpdate, revokeUpdate } from '../../workflows/subsidy-case/messages.js';
import { committeeMember, financeClerk, useCaseHarness } from '../support/case-harness.js';
import { acceptApplication, approveMaximum, countersign, noticesForThreeYears, passPanel, publishAndPay, reportAndVerify, skipTo } from '../support/case-driver.js';
import { recordHistories } from '../support/history-recorder.js';

const harness = useCaseHarness();

const nextYear = (atLeast = 0): Promise<number> => noticesForThreeYears(harness(), atLeast);

const caseIdOf = (workflowId: string) => workflowId.replace(/^case-/, '');

async function stageInReadModel(caseId: string): Promise<string | undefined> {
  const [row] = await harness().database.db.select({ stage: cases.stage }).from(cases).where(eq(cases.id, caseId));
  return row?.stage;
}

async function paidByYear(caseId: string) {
  const rows = await harness().database.db.select().from(payments).where(eq(payments.caseId, caseId)).orderBy(asc(payments.supportYear), asc(payments.component));
  return rows.map((p) => [p.supportYear, p.component, p.amountFen, p.status]);
}

describe('multi-year awards', () => {
  it('pays an A6 platform three years from its actuals, under the version it was submitted under', async () => {
    const h = harness();
    await h.experts('platform', 3);
    const enterpriseId = await h.enterprise();
    // Submitted in 2029 or later under the draft; years 2 and 3 fall in 2030 or later, when
    // the example final version (area cap 5,000 m²) is in force. The case keeps the draft.
    const year = await nextYear(2029);
    const input = { program: 'A6-PLATFORM' as const, policyVersion: '2025-draft', noticeYear: year, submittedOn: `${year}-03-10` };
    const handle = await h.start({
      ...input,
      enterpriseId,
      qualifications: ['platform-national'],
      // Rent 6,000,000 yuan for 6,000 m²; operating costs 3,000,000 yuan.
      facts: { rentPaidFen: 600_000_000, areaUsedM2: 6000, operatingCostsFen: 300_000_000 },
    });
    await acceptApplication(h, handle);
    await passPanel(h, handle, input);
    // Year 1: rent 100% × 6,000,000 × 4,000/6,000 = 4,000,000 yuan; operating 3,000,000 yuan.
    expect(await approveMaximum(h, handle)).toBe(700_000_000);
    await publishAndPay(h, handle, 2);

    // Year 2: 7,000 m² used (above 4,000), rent 3,500,000 yuan; costs 4,000,000 yuan.
    const year2 = { rentPaidFen: 350_000_000, areaUsedM2: 7000, operatingCostsFen: 400_000_000 };
    await reportAndVerify(h, handle, enterpriseId, `${year + 1}-11-01`, year2);
    expect((await handle.query(caseViewQuery)).supportYear).toBe(2);
    // rent 3,500,000 × 4,000/7,000 = 2,000,000 yuan; operating 4,000,000 yuan → 6,000,000 yuan.
    expect(await approveMaximum(h, handle)).toBe(600_000_000);
    // Under the later version the same year would count 5,000 m²: the case does not use it.
    const later = evaluate({ program: 'A6-PLATFORM', submittedOn: `${year + 1}-11-01`, policyVersion: '2030-final-example', supportYear: 2, applicant: { registeredInDistrict: true, qualifications: ['platform-national'] }, facts: year2 });
    expect(later.amountFen).toBe(650_000_000);
    await publishAndPay(h, handle, 2);

    // Year 3: 3,000 m², rent 3,000,000 yuan; costs 6,000,000 yuan, above the 5,000,000-yuan cap.
    await reportAndVerify(h, handle, enterpriseId, `${year + 2}-11-01`, { rentPaidFen: 300_000_000, areaUsedM2: 3000, operatingCostsFen: 600_000_000 });
    // 8,000,000 against year 2's 6,000,000 yuan is +33%, beyond the default 20%: a second officer countersigns.
    await countersign(h, handle, { decision: 'confirm' });
    expect(await approveMaximum(h, handle)).toBe(800_000_000);
    await publishAndPay(h, handle, 2);

    expect(await h.outcome(handle)).toMatchObject({ status: 'completed', supportYear: 3 });
    await recordHistories(h.env, handle, 'a6-three-years');
    const caseId = caseIdOf(handle.workflowId);
    expect(await paidByYear(caseId)).toEqual([
      [1, 'operating', 300_000_000, 'paid'],
      [1, 'rent', 400_000_000, 'paid'],
      [2, 'operating', 400_000_000, 'paid'],
      [2, 'rent', 200_000_000, 'paid'],
      [3, 'operating', 500_000_000, 'paid'],
      [3, 'rent', 300_000_000, 'paid'],
    ]);
    const reports = await h.database.db.select().from(yearlyReports).where(eq(yearlyReports.caseId, caseId)).orderBy(asc(yearlyReports.supportYear));
    expect(reports.map((r) => [r.supportYear, r.status, r.verifiedBy])).toEqual([
      [2, 'verified', 'officer-2'],
      [3, 'verified', 'officer-2'],
    ]);
    const [row] = await h.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ status: 'completed', supportYear: 3, policyVersion: '2025-draft' });
  });

  it('ends an A4 award whose year-2 report is missing by the deadline', async () => {
    const h = harness();
    const enterpriseId = await h.enterprise();
    const year = await nextYear();
    const handle = await h.start({ program: 'A4-COMPUTE-FILED', enterpriseId, noticeYear: year, qualifications: ['national-genai-filing'], facts: { computeSpendFen: 1_000_000_000 } });
    await acceptApplication(h, handle);
    // 30% of 10,000,000 yuan compute spend = 3,000,000 yuan.
    expect(await approveMaximum(h, handle)).toBe(300_000_000);
    await publishAndPay(h, handle, 1);

    await skipTo(h, `${year + 1}-12-17`);
    expect(await h.outcome(handle)).toMatchObject({ status: 'ended', supportYear: 2, reason: `support year 2 missed: no report by ${year + 1}-12-15` });
    await recordHistories(h.env, handle, 'a4-year-2-missed');
    const caseId = caseIdOf(handle.workflowId);
    expect(await paidByYear(caseId)).toEqual([[1, 'compute', 300_000_000, 'paid']]);
    const [report] = await h.database.db.select().from(yearlyReports).where(eq(yearlyReports.caseId, caseId));
    expect(report).toMatchObject({ supportYear: 2, status: 'missed', dueOn: `${year + 1}-12-15` });
    const reminders = await h.database.db.select().from(notifications).where(and(eq(notifications.caseId, caseId), eq(notifications.kind, 'reminder')));
    expect(reminders.map((r) => r.recipientRole)).toContain('applicant');
  });

  it('prorates an A10 operator fund by the months operated in its first year', async () => {
    const h = harness();
    await h.experts('platform', 3);
    const input = { program: 'A10-OPERATOR' as const, policyVersion: '2025-draft', noticeYear: await nextYear() };
    // Six months of operation: fund 2,000,000 × 6/12 = 1,000,000 yuan; rent 50% × 1,000,000 = 500,000 yuan.
    const handle = await h.start({ ...input, qualifications: ['cluster-operator'], facts: { rentPaidFen: 100_000_000, monthsOperated: 6 } });
    await acceptApplication(h, handle);
    await passPanel(h, handle, input);
    expect(await approveMaximum(h, handle)).toBe(150_000_000);
    await publishAndPay(h, handle, 2);
    await expect.poll(() => stageInReadModel(caseIdOf(handle.workflowId)), { timeout: 20_000 }).toBe('yearly-report');
    expect(await paidByYear(caseIdOf(handle.workflowId))).toEqual([
      [1, 'operating', 100_000_000, 'paid'],
      [1, 'rent', 50_000_000, 'paid'],
    ]);
  });

  it('revokes an award after year 1 and recovers what was paid', async () => {
    const h = harness();
    const handle = await h.start({ program: 'A4-COMPUTE-KEY', noticeYear: await nextYear(), qualifications: ['beijing-ai-key-enterprise'], facts: { computeSpendFen: 500_000_000 } });
    await acceptApplication(h, handle);
    // 30% of 5,000,000 yuan = 1,500,000 yuan (under the 3,000,000-yuan cap).
    expect(await approveMaximum(h, handle)).toBe(150_000_000);
    await publishAndPay(h, handle, 1);
    await expect.poll(() => stageInReadModel(caseIdOf(handle.workflowId)), { timeout: 20_000 }).toBe('yearly-report');

    await handle.executeUpdate(revokeUpdate, { args: [{ actor: committeeMember, grounds: 'false-evidence', reason: 'the compute invoices were forged' }] });
    const repayment = await h.openTask(handle, 'repayment-confirmation');
    expect(repayment.subject).toBe('recovery of 150000000 fen');
    await handle.executeUpdate(confirmRepaymentUpdate, { args: [{ taskId: repayment.taskId, actor: financeClerk, reference: 'REPAY-1' }] });
    expect(await h.outcome(handle)).toMatchObject({ status: 'revoked', supportYear: 2 });
    await recordHistories(h.env, handle, 'revoked-after-year-1');

    const caseId = caseIdOf(handle.workflowId);
    const recovered = await h.database.db.select().from(recoveries).where(eq(recoveries.caseId, caseId));
    expect(recovered.map((r) => [r.supportYear, r.component, r.amountFen, r.status, r.reference])).toEqual([[1, 'compute', 150_000_000, 'repaid', 'REPAY-1']]);
  });
});
