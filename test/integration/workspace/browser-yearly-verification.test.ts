// The yearly verification (年度核验) of an A6 award's second support year through the
// workspace: the officer reads the beneficiary's report among the earlier decisions,
// corrects one figure and verifies it; the rules recompute the year from the verified
// figures, and the committee's task for year 2 shows that maximum. Set-up through the
// API: year 1 approved and paid, the next notice's reporting window open, the report
// filed by the beneficiary (the applicant's pages are part 2's). Axe and screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../../rules/index.js';
import { capture, openTaskFromInbox, submitAndReturnToInbox, taskPageReady } from '../../support/workspace-driver.js';
import { A6_FACTS, approveA6Case, decide, fileA6Case, PROGRAM, payA6Case, waitForTask, yuan } from '../../support/workspace-cases.js';
import { startWorkspaceEnv } from '../../support/workspace-env.js';
import type { WorkspaceEnv } from '../../support/workspace-env.js';

let w: WorkspaceEnv;
beforeAll(async () => {
  w = await startWorkspaceEnv('browser-yearly', { consecutiveYears: true });
});
afterAll(async () => {
  await w?.close();
});

describe('a yearly verification in the workspace', () => {
  it('verifies the second year with a corrected figure, and the committee sees the recomputed maximum', { timeout: 300_000 }, async () => {
    const c = await fileA6Case(w, { nextYearReporting: true });
    await approveA6Case(w, c);
    await payA6Case(w, c);
    const reported = { ...A6_FACTS, rentPaidFen: 280_000_000, operatingCostsFen: 150_000_000 };
    await decide(w, c.applicant.headers, await waitForTask(w, c.applicant.headers, c.caseId, 'yearly-report'), { facts: reported });

    // Another officer than the one who reviewed the application verifies the year.
    const verifier = await w.person('officer');
    const officer = await w.open(verifier.actor.userId);
    await openTaskFromInbox(officer, w.baseUrl, c.caseId, '年度核验');
    // The report, readable among the earlier decisions: the figures in yuan.
    await expect.poll(() => officer.locator('body').textContent(), { timeout: 15_000 }).toContain(yuan(reported.rentPaidFen));
    await officer.getByText('核验通过', { exact: true }).click();
    // The operating costs as verified against the ledger are lower than reported.
    const verifiedOperating = 120_000_000;
    await officer.getByLabel('运营费用（分）', { exact: true }).fill(String(verifiedOperating));
    await expect.poll(() => officer.getByTestId('yuan-verifiedFacts.operatingCostsFen').textContent()).toBe(yuan(verifiedOperating));
    await capture(officer, 'task-yearly-verification', taskPageReady);
    await submitAndReturnToInbox(officer);

    // Year 2 is recomputed from the verified figures under the case's policy version.
    const year2 = evaluate({
      program: PROGRAM,
      submittedOn: `${w.year}-06-15`,
      policyVersion: c.rules.policyVersion,
      supportYear: 2,
      applicant: { registeredInDistrict: true, qualifications: ['platform-national'] },
      facts: { ...reported, operatingCostsFen: verifiedOperating },
      priorYears: [{ supportYear: 1, outcome: 'verified' }],
    });
    const committee = await w.open(c.committee.actor.userId);
    await openTaskFromInbox(committee, w.baseUrl, c.caseId, '管委会决定');
    await expect.poll(() => committee.getByTestId('case-maximum').textContent(), { timeout: 30_000 }).toBe(yuan(year2.amountFen));
    await capture(committee, 'task-committee-year-2', async (page) => {
      await taskPageReady(page);
      await page.getByTestId('assessment').waitFor();
    });
  });
});
