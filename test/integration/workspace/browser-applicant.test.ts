// An enterprise's year through the workspace, in Chromium: it signs in and lands on its
// cases, reads the program guide, applies to A4-COMPUTE-FILED watching the live
// estimate (checked against the rules module), answers the officer's request for
// correction from a form that starts from what it filed, reads its decision notice, and
// files the second support year's report in that year's reporting window. The office's
// decisions go through the API (their pages are part 1's test); the real worker runs the
// case on the run's Temporal dev server. Every applicant page is checked by axe-core and
// photographed in zh-CN and en under test-artifacts/workspace/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualNotices } from '../../../db/schema.js';
import { evaluate, EVIDENCE_LABELS, FACT_LABELS, policyVersionInForce, programDefinition, QUALIFICATION_LABELS } from '../../../rules/index.js';
import { createTestEnterprise } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { capture } from '../../support/workspace-driver.js';
import { PASSWORD, startWorkspaceEnv } from '../../support/workspace-env.js';
import type { WorkspaceEnv } from '../../support/workspace-env.js';

const PROGRAM = 'A4-COMPUTE-FILED';

let w: WorkspaceEnv;
let applicant: TestUser;

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
const beijingDay = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** The open task of this kind on the case, as the staff member sees it (waiting for the case to open it). */
async function taskOf(who: TestUser, caseId: string, kind: string): Promise<string> {
  let taskId = '';
  await expect
    .poll(
      async () => {
        const res = await w.app.inject({ method: 'GET', url: `/tasks?caseId=${encodeURIComponent(caseId)}&kind=${kind}`, headers: who.headers });
        taskId = (res.json() as { items: { taskId: string }[] }).items[0]?.taskId ?? '';
        return taskId;
      },
      { timeout: 60_000, interval: 300 },
    )
    .not.toBe('');
  return taskId;
}

async function decide(who: TestUser, caseId: string, kind: string, body: object): Promise<void> {
  const taskId = await taskOf(who, caseId, kind);
  const res = await w.app.inject({ method: 'POST', url: `/tasks/${encodeURIComponent(taskId)}/decision/${kind}`, headers: who.headers, payload: body });
  expect(res.statusCode, res.body).toBe(200);
}

/** Reloads the page until `testId` shows (the case moves on its own time). */
async function reloadUntil(page: Page, testId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        if (await page.getByTestId(testId).isVisible()) return true;
        await page.reload();
        await page.getByTestId('next-step').waitFor({ timeout: 10_000 }).catch(() => {});
        return page.getByTestId(testId).isVisible();
      },
      { timeout: 90_000, interval: 1_000 },
    )
    .toBe(true);
}

beforeAll(async () => {
  // Two consecutive notice years: the application's and the second support year's.
  w = await startWorkspaceEnv('browser-applicant', { consecutiveYears: true });
  const year = w.year;
  const settings = { taskDue: '2 days', correctionPeriod: '2 days', noticePeriod: '2s', panelSize: 3 };
  await w.database.db.insert(annualNotices).values({
    year,
    applicationOpensOn: `${year}-03-01`,
    applicationClosesOn: `${year}-09-30`,
    reportingOpensOn: `${year}-11-01`,
    reportingClosesOn: `${year}-12-15`,
    programs: { [PROGRAM]: { budgetFen: 2_000_000_000 }, 'A5-DATA-REGISTER': { budgetFen: 100_000_000 } },
    settings,
    createdBy: 'test',
  });
  // Support year 2 falls under next year's notice; its reporting window is open on the
  // real clock the case's timers run on, so the report is asked for at once.
  await w.database.db.insert(annualNotices).values({
    year: year + 1,
    applicationOpensOn: `${year + 1}-03-01`,
    applicationClosesOn: `${year + 1}-09-30`,
    reportingOpensOn: beijingDay(-1),
    reportingClosesOn: beijingDay(30),
    programs: { [PROGRAM]: { budgetFen: 2_000_000_000 } },
    settings,
    createdBy: 'test',
  });
  const enterpriseId = await createTestEnterprise(w.database.db);
  applicant = await w.person('applicant', { enterpriseId });
});

afterAll(async () => {
  await w?.close();
});

describe('an applicant in Chromium', () => {
  it('applies with a live estimate, answers a correction, reads its decision notice and files a yearly report', { timeout: 400_000 }, async () => {
    const officer = await w.person('officer');
    const committee = await w.person('committee');
    const finance = await w.person('finance');
    const staffIds = [officer, committee, finance].map((s) => s.actor.userId);

    const submittedOn = `${w.year}-06-15`;
    const policyVersion = policyVersionInForce(submittedOn).id;
    const definition = programDefinition(policyVersion, PROGRAM);
    const facts = { computeSpendFen: 123_456_789 };
    const rules = evaluate({ program: PROGRAM, submittedOn, policyVersion, applicant: { registeredInDistrict: true, qualifications: ['national-genai-filing'] }, facts });
    // 30% of 1,234,567.89 yuan, floored to the fen, under the 10 million yuan cap.
    expect(rules.amountFen).toBe(37_037_036);

    // Signed in, the applicant lands on its cases, not on the staff inbox.
    const page = await w.signInOnly(applicant.actor.userId, PASSWORD);
    await page.getByTestId('my-cases').waitFor();
    expect(await page.getByTestId('inbox-table').count()).toBe(0);
    await capture(page, 'applicant-my-cases', async (p) => void (await p.getByTestId('my-cases').waitFor()));

    // The guides, reached from the header; the program's guide; "apply" from there.
    await page.getByRole('link', { name: '办事指南' }).first().click();
    await page.getByTestId('program-list').waitFor();
    await capture(page, 'programs', async (p) => void (await p.getByTestId('program-list').waitFor()));
    await page.getByRole('link', { name: definition.titleZh }).click();
    await page.getByTestId('guide-summary').waitFor();
    for (const kind of definition.evidence) await expect(page.getByTestId('guide-evidence').textContent()).resolves.toContain(EVIDENCE_LABELS[kind]!.zh);
    await capture(page, 'program-guide', async (p) => void (await p.getByTestId('guide-report-facts').waitFor()));
    await page.getByRole('button', { name: '申报此项目' }).click();
    await page.getByTestId('apply-form').waitFor();

    // The live estimate: without the recognition, not eligible and the figure still missing;
    // with both, the rules' amount.
    await expect.poll(() => page.getByTestId('estimate').textContent(), { timeout: 15_000 }).toContain('不符合申报条件');
    await expect(page.getByTestId('estimate-missing').textContent()).resolves.toContain(FACT_LABELS.computeSpendFen.zh);
    await page.getByLabel(QUALIFICATION_LABELS['national-genai-filing'].zh).check();
    await page.getByLabel(FACT_LABELS.computeSpendFen.zh).fill('1234567.89');
    await expect.poll(() => page.getByTestId('estimate-amount').textContent(), { timeout: 15_000 }).toBe(yuan(rules.amountFen));
    await expect(page.getByTestId('estimate-trace').textContent()).resolves.toContain('第四条');
    await definition.evidence.reduce(async (done, kind, i) => {
      await done;
      await page.getByLabel(`${i + 1}. ${EVIDENCE_LABELS[kind]!.zh}`).fill(`DOC-${i + 1}`);
    }, Promise.resolve());
    await capture(page, 'apply', async (p) => {
      await p.getByTestId('estimate-amount').waitFor();
      await expect.poll(() => p.getByTestId('estimate-amount').textContent()).toBe(yuan(rules.amountFen));
    });
    await page.getByRole('button', { name: /提\s*交\s*申\s*报/ }).click();
    await page.waitForURL(/\/app\/my-cases\/.+/);
    const caseId = decodeURIComponent(page.url().split('/my-cases/')[1]!);
    await page.getByTestId('next-step').waitFor();
    await capture(page, 'my-case', async (p) => void (await p.getByTestId('filed-facts').waitFor()));

    // The officer returns the application: the applicant reads what to correct and by when,
    // in a form holding what it filed, and corrects one evidence item.
    const asked = '付款凭证请提供银行回单编号';
    await decide(officer, caseId, 'formal-review', { decision: 'return', reason: asked });
    await reloadUntil(page, 'correction');
    await expect(page.getByTestId('correction-reason').textContent()).resolves.toBe(asked);
    const correction = page.getByTestId('correction');
    await expect(correction.getByLabel(FACT_LABELS.computeSpendFen.zh).inputValue()).resolves.toContain('1234567.89');
    const proofIndex = definition.evidence.indexOf('payment-proof');
    const proof = correction.getByLabel(`${proofIndex + 1}. ${EVIDENCE_LABELS['payment-proof']!.zh}`);
    await expect(proof.inputValue()).resolves.toBe(`DOC-${proofIndex + 1}`);
    await proof.fill('BANK-RECEIPT-2');
    await correction.getByLabel('补正说明').fill('已补充银行回单编号');
    await capture(page, 'correction', async (p) => void (await p.getByTestId('correction-reason').waitFor()));
    await correction.getByRole('button', { name: /提\s*交\s*补\s*正/ }).click();
    await expect
      .poll(async () => {
        const res = await w.app.inject({ method: 'GET', url: `/cases/${caseId}`, headers: officer.headers });
        return (res.json() as { evidence: { kind: string; reference: string }[] }).evidence.find((e) => e.kind === 'payment-proof')?.reference;
      }, { timeout: 30_000 })
      .toBe('BANK-RECEIPT-2');

    // The office accepts, the committee approves the rules' maximum, the notice passes, finance pays.
    await decide(officer, caseId, 'formal-review', { decision: 'accept' });
    await decide(committee, caseId, 'committee-decision', { decision: 'approve', amountFen: rules.amountFen });
    await decide(finance, caseId, 'payment-confirmation', { outcome: 'paid', reference: 'BANK-1' });

    // The decision notice of support year 1, from the case page.
    await reloadUntil(page, 'decision-notice-link');
    await page.getByTestId('decision-notice-link').first().click();
    await page.getByTestId('notice-date').waitFor();
    await expect(page.locator('article').textContent()).resolves.toContain(yuan(rules.amountFen));
    await capture(page, 'applicant-decision-notice', async (p) => void (await p.getByTestId('notice-date').waitFor()));
    await page.goBack();

    // Support year 2: the report is asked for in next year's reporting window.
    await reloadUntil(page, 'yearly-report');
    const report = page.getByTestId('yearly-report');
    await report.getByLabel(FACT_LABELS.computeSpendFen.zh).fill('2000000');
    await report.getByText('是', { exact: true }).click();
    await capture(page, 'yearly-report', async (p) => void (await p.getByTestId('yearly-report').waitFor()));
    await report.getByRole('button', { name: /提\s*交\s*年\s*度\s*报\s*告/ }).click();
    await expect
      .poll(async () => {
        const res = await w.app.inject({ method: 'GET', url: `/cases/${caseId}`, headers: officer.headers });
        const c = res.json() as { stage: string; supportYear: number };
        return `${c.supportYear}:${c.stage}`;
      }, { timeout: 30_000 })
      .toBe('2:yearly-verification');
    await expect.poll(() => page.getByTestId('next-step').textContent(), { timeout: 15_000 }).toContain('经办人正在核验年度报告');
    await expect(page.getByTestId('yearly-report').count()).resolves.toBe(0);

    // Nothing the applicant was shown names the office's people.
    const seen = (await page.locator('body').textContent()) ?? '';
    for (const id of staffIds) expect(seen).not.toContain(id);
  });

  it('withdraws an application before any payment', { timeout: 120_000 }, async () => {
    const caseId = uniqueId('browser-withdraw');
    const filed = await w.app.inject({
      method: 'POST',
      url: '/applications',
      headers: applicant.headers,
      payload: {
        applicationId: caseId,
        program: 'A5-DATA-REGISTER',
        facts: { registrationFeesFen: 1_000_000 },
        evidence: programDefinition(policyVersionInForce(`${w.year}-06-15`).id, 'A5-DATA-REGISTER').evidence.map((kind, i) => ({ kind, reference: `W-${i + 1}` })),
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const page = await w.signInOnly(applicant.actor.userId, PASSWORD);
    await page.getByTestId('my-cases').waitFor();
    await expect.poll(() => page.getByTestId('my-case-link').filter({ hasText: caseId }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('my-case-link').filter({ hasText: caseId }).click();
    await page.getByLabel('撤回原因').fill('项目计划调整');
    await page.getByRole('button', { name: /撤\s*回\s*申\s*请/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => page.getByTestId('next-step').textContent(), { timeout: 15_000 }).toContain('案件已结束');
    const res = await w.app.inject({ method: 'GET', url: `/cases/${caseId}`, headers: applicant.headers });
    expect(res.json()).toMatchObject({ status: 'withdrawn', stage: 'closed' });
  });
});
