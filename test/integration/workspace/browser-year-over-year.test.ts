// 年度对比 in Chromium: an A4 award's second year pays 60% more than its first, so the
// officers' verification and countersign pages show what moved the amount, line by
// line with the input that changed, and that a second officer must countersign; the
// officer who verified is refused on the countersign (403, shown at the form) and
// another officer confirms it from the page. Year 1 and the report are sent to the
// case directly (the browser flow of year 1 is browser-a6's); each page is checked by
// axe-core and photographed in zh-CN and en under test-artifacts/workspace/.
import type { WorkflowHandle } from '@temporalio/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualNotices } from '../../../db/schema.js';
import { policyVersionInForce } from '../../../rules/index.js';
import {
  CASE_WORKFLOW_TYPE,
  caseViewQuery,
  caseWorkflowId,
  committeeDecisionUpdate,
  DEFAULT_CASE_SETTINGS,
  formalReviewUpdate,
  settlePaymentUpdate,
  submitYearlyReportUpdate,
  verifyYearlyReportUpdate,
} from '../../../workflows/subsidy-case/messages.js';
import type { Actor, CaseInput, TaskKind, TaskView } from '../../../workflows/subsidy-case/messages.js';
import { createTestEnterprise } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { expectAmountsOnOneLine } from '../../support/amounts-on-one-line.js';
import { capture } from '../../support/workspace-driver.js';
import { startWorkspaceEnv } from '../../support/workspace-env.js';
import type { WorkspaceEnv } from '../../support/workspace-env.js';

const PROGRAM = 'A4-COMPUTE-FILED';

let w: WorkspaceEnv;

async function staff(role: 'officer' | 'committee' | 'finance'): Promise<Actor> {
  return (await w.person(role)).actor;
}

async function openTask(handle: WorkflowHandle, kind: TaskKind): Promise<TaskView> {
  let found: TaskView | undefined;
  await expect
    .poll(async () => (found = (await handle.query(caseViewQuery)).openTasks.find((t) => t.kind === kind)) !== undefined, { timeout: 30_000, interval: 100 })
    .toBe(true);
  return found!;
}

/** Signs in and opens the task's page once the inbox holds it. */
async function taskPage(actor: Actor, taskId: string): Promise<Page> {
  const page = await w.open(actor.userId);
  await page.goto(`${w.baseUrl}/app/tasks/${encodeURIComponent(taskId)}`);
  await page.getByTestId('decision-form').waitFor({ timeout: 30_000 });
  return page;
}

const cardReady = async (page: Page) => {
  await page.getByTestId('task-summary').waitFor();
  await page.getByTestId('year-over-year').waitFor({ timeout: 15_000 });
};

/** The countersign page in each language: the year-over-year card and the earlier decisions, every amount on one line. */
const countersignReady = async (page: Page) => {
  await cardReady(page);
  await page.getByTestId('earlier-decisions').waitFor();
  await expectAmountsOnOneLine(page, 'earlier-decisions');
  await expectAmountsOnOneLine(page, 'year-over-year');
};

beforeAll(async () => {
  // Two consecutive unused notice years: the award's year 2 runs under the second one's
  // notice, and the office's clock stands in that year.
  w = await startWorkspaceEnv('browser-yoy', { consecutiveYears: true, clockInNextYear: true });
});

afterAll(async () => {
  await w?.close();
});

describe('the year-over-year card in Chromium', () => {
  it('shows what moved a second year’s amount and takes the countersign from another officer', { timeout: 300_000 }, async () => {
    // Year 2's reporting window is open on the dev server's real clock, and stays open.
    const year = w.year;
    await w.database.db.insert(annualNotices).values([
      { year, applicationOpensOn: `${year}-03-01`, applicationClosesOn: `${year}-09-30`, reportingOpensOn: `${year}-11-01`, reportingClosesOn: `${year}-12-15`, programs: { [PROGRAM]: { budgetFen: 10_000_000_000 } }, settings: {}, createdBy: 'test' },
      { year: year + 1, applicationOpensOn: `${year + 1}-03-01`, applicationClosesOn: `${year + 1}-09-30`, reportingOpensOn: '2020-01-01', reportingClosesOn: '2999-12-31', programs: { [PROGRAM]: { budgetFen: 10_000_000_000 } }, settings: {}, createdBy: 'test' },
    ]);
    const enterpriseId = await createTestEnterprise(w.database.db);
    const [verifier, countersigner, committee, finance] = [await staff('officer'), await staff('officer'), await staff('committee'), await staff('finance')];
    const submittedOn = `${year}-06-15`;
    const input: CaseInput = {
      applicationId: uniqueId('browser-yoy'),
      program: PROGRAM,
      enterpriseId,
      noticeYear: year,
      submittedOn,
      policyVersion: policyVersionInForce(submittedOn).id,
      registeredInDistrict: true,
      qualifications: ['national-genai-filing'],
      // 30% of 5,000,000 yuan compute spend = 1,500,000 yuan.
      facts: { computeSpendFen: 500_000_000 },
      evidence: [],
      settings: { ...DEFAULT_CASE_SETTINGS, noticePeriod: '2s' },
    };
    const handle = await w.env.client.workflow.start(CASE_WORKFLOW_TYPE, { taskQueue: w.taskQueue, workflowId: caseWorkflowId(input.applicationId), args: [input] });
    const decide = async (kind: TaskKind, update: { name: string }, body: object) => {
      const task = await openTask(handle, kind);
      await handle.executeUpdate(update.name, { args: [{ taskId: task.taskId, ...body }] });
    };
    await decide('formal-review', formalReviewUpdate, { actor: verifier, decision: 'accept' });
    await decide('committee-decision', committeeDecisionUpdate, { actor: committee, decision: 'approve', amountFen: 150_000_000 });
    await decide('payment-confirmation', settlePaymentUpdate, { actor: finance, outcome: 'paid', reference: 'BANK-1' });
    // Year 2: 8,000,000 yuan compute spend → 2,400,000 yuan, +900,000 yuan (+60%).
    await decide('yearly-report', submitYearlyReportUpdate, { actor: { userId: `user-${enterpriseId}`, role: 'applicant', enterpriseId }, facts: { computeSpendFen: 800_000_000, modelIterated: true } });

    // The verifying officer sees the change computed from the report, before verifying.
    const verification = await openTask(handle, 'yearly-verification');
    const verifierPage = await taskPage(verifier, verification.taskId);
    await capture(verifierPage, 'task-yearly-verification-year-over-year', cardReady);
    const card = verifierPage.getByTestId('year-over-year');
    await expect(card.textContent()).resolves.toContain('算力采购或租赁费用 5,000,000.00元 → 8,000,000.00元');
    await expect(card.textContent()).resolves.toContain('+¥900,000.00');
    await expect(card.textContent()).resolves.toContain('须由另一位经办人复核');
    await expect(card.textContent()).resolves.toContain('本年按年度报告试算');
    await handle.executeUpdate(verifyYearlyReportUpdate, { args: [{ taskId: verification.taskId, actor: verifier, outcome: 'verified' }] });

    // The countersign: the officer who verified is refused at the form; another officer confirms.
    const countersign = await openTask(handle, 'yearly-countersign');
    await verifierPage.goto(`${w.baseUrl}/app/tasks/${encodeURIComponent(countersign.taskId)}`);
    await verifierPage.getByTestId('decision-form').waitFor({ timeout: 30_000 });
    await verifierPage.getByText('确认', { exact: true }).click();
    await verifierPage.getByRole('button', { name: /提\s*交/ }).click();
    await verifierPage.getByTestId('decision-problem').waitFor({ timeout: 15_000 });
    await expect(verifierPage.getByTestId('decision-problem').textContent()).resolves.toMatch(/403.*cannot also countersign/);

    const countersignerPage = await taskPage(countersigner, countersign.taskId);
    await capture(countersignerPage, 'task-yearly-countersign', countersignReady);
    await expect(countersignerPage.getByTestId('year-over-year').textContent()).resolves.not.toContain('本年按年度报告试算');
    await countersignerPage.getByText('确认', { exact: true }).click();
    await countersignerPage.getByRole('button', { name: /提\s*交/ }).click();
    await countersignerPage.waitForURL(/\/app\/?$/);
    const atCommittee = await openTask(handle, 'committee-decision');
    expect((await handle.query(caseViewQuery)).maximumFen).toBe(240_000_000);

    // The committee reads the same card beside the rules' maximum.
    const committeePage = await taskPage(committee, atCommittee.taskId);
    await capture(committeePage, 'task-committee-year-over-year', async (page) => {
      await cardReady(page);
      await page.getByTestId('assessment').waitFor();
    });
    await handle.terminate('the test has seen what it needs');
  });
});
