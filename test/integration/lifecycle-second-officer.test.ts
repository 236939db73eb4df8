// 复核 on the time-skipping server: a later support year whose amount moved beyond the
// notice's share against the previous year (default 20%) waits for a second officer,
// never the one who verified, before the committee and payment; below it, it does not.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, payments, tasks, yearlyReports } from '../../db/schema.js';
import { caseViewQuery, claimTaskUpdate, countersignYearlyVerificationUpdate, verifyYearlyReportUpdate } from '../../workflows/subsidy-case/messages.js';
import { officer, secondOfficer, useCaseHarness } from '../support/case-harness.js';
import { recordHistories } from '../support/history-recorder.js';
import { acceptApplication, approveMaximum, countersign, noticesForThreeYears, passPanel, publishAndPay, reportAndVerify } from '../support/case-driver.js';

const harness = useCaseHarness();

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return String((error as WorkflowUpdateFailedError).cause?.message);
}

describe('a second officer on a yearly verification', () => {
  it('is needed above the threshold of change, from another officer, before payment; not below it', async () => {
    const h = harness();
    await h.experts('platform', 3);
    const enterpriseId = await h.enterprise();
    const year = await noticesForThreeYears(h);
    const input = { program: 'A6-PLATFORM' as const, policyVersion: '2025-draft', noticeYear: year, submittedOn: `${year}-03-10` };
    const handle = await h.start({ ...input, enterpriseId, qualifications: ['platform-national'], facts: { rentPaidFen: 600_000_000, areaUsedM2: 6000, operatingCostsFen: 300_000_000 } });
    const caseId = handle.workflowId.replace(/^case-/, '');
    await acceptApplication(h, handle);
    await passPanel(h, handle, input);
    // Year 1: rent 4,000,000 + operating 3,000,000 = 7,000,000 yuan.
    expect(await approveMaximum(h, handle)).toBe(700_000_000);
    await publishAndPay(h, handle, 2);

    // Year 2: rent 3,500,000 × 4,000/7,000 = 2,000,000 + operating 4,000,000 = 6,000,000 yuan: -14.28%, below 20%.
    await reportAndVerify(h, handle, enterpriseId, `${year + 1}-11-01`, { rentPaidFen: 350_000_000, areaUsedM2: 7000, operatingCostsFen: 400_000_000 });
    await h.openTask(handle, 'committee-decision');
    expect((await handle.query(caseViewQuery)).openTasks.map((t) => t.kind)).toEqual(['committee-decision']);
    expect(await approveMaximum(h, handle)).toBe(600_000_000);
    await publishAndPay(h, handle, 2);

    // Year 3: rent 3,000,000 + operating 6,000,000 capped at 5,000,000 = 8,000,000 yuan: +33.33%, above 20%.
    await reportAndVerify(h, handle, enterpriseId, `${year + 2}-11-01`, { rentPaidFen: 300_000_000, areaUsedM2: 3000, operatingCostsFen: 600_000_000 });
    const first = await h.openTask(handle, 'yearly-countersign');
    expect((await handle.query(caseViewQuery)).openTasks.map((t) => t.kind)).toEqual(['yearly-countersign']);
    // The officer who verified may neither take nor decide it.
    expect(await refusal(handle.executeUpdate(claimTaskUpdate, { args: [{ taskId: first.taskId, actor: secondOfficer }] }))).toMatch(/cannot also countersign/);
    expect(await refusal(handle.executeUpdate(countersignYearlyVerificationUpdate, { args: [{ taskId: first.taskId, actor: secondOfficer, decision: 'confirm' }] }))).toMatch(
      /officer who verified this year’s report cannot also countersign it/,
    );
    // Another officer returns it; the report is verified again, this time by that officer, at lower operating costs.
    await countersign(h, handle, { decision: 'return', reason: '运营经费票据需重新核对' }, officer);
    const again = await h.openTask(handle, 'yearly-verification');
    await handle.executeUpdate(verifyYearlyReportUpdate, { args: [{ taskId: again.taskId, actor: officer, outcome: 'verified', verifiedFacts: { operatingCostsFen: 450_000_000 } }] });
    // 3,000,000 + 4,500,000 = 7,500,000 yuan: +25%, still above: countersigned again, now by the other officer.
    const second = await h.openTask(handle, 'yearly-countersign');
    expect(await refusal(handle.executeUpdate(countersignYearlyVerificationUpdate, { args: [{ taskId: second.taskId, actor: officer, decision: 'confirm' }] }))).toMatch(/cannot also countersign/);
    await h.settled(handle);
    expect(await db().select().from(payments).where(and(eq(payments.caseId, caseId), eq(payments.supportYear, 3)))).toEqual([]);
    await countersign(h, handle, { decision: 'confirm' }, secondOfficer);

    expect(await approveMaximum(h, handle)).toBe(750_000_000);
    await publishAndPay(h, handle, 2);
    expect(await h.outcome(handle)).toMatchObject({ status: 'completed', supportYear: 3 });
    await recordHistories(h.env, handle, 'second-officer-countersign');

    const paid = await db().select().from(payments).where(and(eq(payments.caseId, caseId), eq(payments.supportYear, 3))).orderBy(asc(payments.component));
    expect(paid.map((p) => [p.component, p.amountFen, p.status])).toEqual([
      ['operating', 450_000_000, 'paid'],
      ['rent', 300_000_000, 'paid'],
    ]);
    const required = await db().select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, 'second-officer-required'))).orderBy(asc(auditLog.id));
    expect(required.map((e) => e.detail)).toEqual([
      { previousSupportYear: 2, previousFen: 600_000_000, currentFen: 800_000_000, changeBp: 3333, thresholdBp: 2000, verifiedBy: secondOfficer.userId },
      { previousSupportYear: 2, previousFen: 600_000_000, currentFen: 750_000_000, changeBp: 2500, thresholdBp: 2000, verifiedBy: officer.userId },
    ]);
    const countersigns = await db().select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.kind, 'yearly-countersign'))).orderBy(asc(tasks.createdAt));
    expect(countersigns.map((t) => [t.status, t.closedBy])).toEqual([
      ['done', officer.userId],
      ['done', secondOfficer.userId],
    ]);
    const [report] = await db().select().from(yearlyReports).where(and(eq(yearlyReports.caseId, caseId), eq(yearlyReports.supportYear, 3)));
    expect(report).toMatchObject({ status: 'verified', verifiedBy: officer.userId, verifiedFacts: { operatingCostsFen: 450_000_000 } });
  });
});

const db = () => harness().database.db;
