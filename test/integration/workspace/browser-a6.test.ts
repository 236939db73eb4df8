// An A6 case from formal review to its first confirmed payment through the workspace
// alone, in Chromium: the real API serving the built workspace on a real port, the real
// worker on the run's Temporal dev server, the real PostgreSQL. Each person works in
// a browser context of their own and signs in with user id and password; only the
// application is filed through the API (the applicant's pages are part 2's). The
// amounts the committee and finance read are checked against the rules module, every
// page is checked by axe-core, and each is photographed in zh-CN and en under
// test-artifacts/workspace/.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payments } from '../../../db/schema.js';
import { programDefinition } from '../../../rules/index.js';
import { createTestUser } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { artifactPath, capture, fieldError, openTaskFromInbox, submitAndReturnToInbox, taskPageReady } from '../../support/workspace-driver.js';
import { PASSWORD, startWorkspaceEnv } from '../../support/workspace-env.js';
import type { WorkspaceEnv } from '../../support/workspace-env.js';
import { fileA6Case, PROGRAM, yuan } from '../../support/workspace-cases.js';

let w: WorkspaceEnv;

beforeAll(async () => {
  w = await startWorkspaceEnv('browser-a6');
});

afterAll(async () => {
  await w?.close();
});

describe('the workspace in Chromium', () => {
  it('takes an A6 case from formal review to its first confirmed payment', { timeout: 300_000 }, async () => {
    // The notice and the application, filed through the API (the applicant's own pages
    // are part 2's); the rules' result is what the pages must show.
    const { caseId, rules, ...people } = await fileA6Case(w);
    expect(rules.amountFen).toBe(500_000_000);
    const committee = people.committee.actor.userId;
    const finance = people.finance.actor.userId;
    const ops = people.ops;
    const admin = await createTestUser(w.database.db, 'admin');

    // The officer is created by the admin with an initial password: the first sign-in must change it.
    const officer = uniqueId('browser-officer');
    const created = await w.app.inject({ method: 'POST', url: '/users', headers: admin.headers, payload: { id: officer, name: '经办人 浏览器', role: 'officer', initialPassword: 'initial-password-1' } });
    expect(created.statusCode, created.body).toBe(201);

    // Formal review: the officer changes the initial password, then accepts from the inbox.
    const officerPage = await w.signInOnly(officer, 'initial-password-1');
    await officerPage.getByLabel('当前密码').fill('initial-password-1');
    await officerPage.getByLabel('新密码').fill(PASSWORD);
    await capture(officerPage, 'change-password', async (page) => void (await page.getByLabel(/新密码|New password/).waitFor()));
    await officerPage.getByLabel('新密码').fill(PASSWORD);
    await officerPage.getByLabel('当前密码').fill('initial-password-1');
    await officerPage.getByRole('button', { name: '修改密码' }).click();
    await officerPage.getByTestId('signed-in-as').waitFor();
    await openTaskFromInbox(officerPage, w.baseUrl, caseId, '形式审查');
    // The keyboard, from the inbox filtered to this case: x selects the active row, Enter opens it.
    await officerPage.goto(`${w.baseUrl}/app/`);
    await officerPage.getByLabel('案件').fill(caseId);
    await officerPage.getByLabel('案件').press('Enter');
    await expect.poll(() => officerPage.getByTestId('task-link').count()).toBe(1);
    await officerPage.locator('body').click({ position: { x: 5, y: 5 } });
    await officerPage.keyboard.press('x');
    await officerPage.getByText('1 已选').waitFor();
    await officerPage.keyboard.press('x');
    await officerPage.getByText('1 已选').waitFor({ state: 'detached' });
    await officerPage.keyboard.press('j');
    await officerPage.keyboard.press('k');
    await officerPage.keyboard.press('Enter');
    await officerPage.getByTestId('decision-form').waitFor();
    await capture(officerPage, 'task-formal-review', taskPageReady);
    await officerPage.getByText('受理', { exact: true }).click();
    await submitAndReturnToInbox(officerPage);
    await capture(officerPage, 'inbox-officer', async (page) => void (await page.getByTestId('inbox-table').waitFor()));

    // The panel: each drawn expert declares (an attestation) and scores by criterion.
    let seats: { expertId?: string | null }[] = [];
    await expect
      .poll(async () => {
        const res = await w.app.inject({ method: 'GET', url: `/cases/${caseId}/panel`, headers: ops.headers });
        seats = (res.json() as { seats: { expertId?: string | null }[] }).seats ?? [];
        return seats.length;
      }, { timeout: 30_000, interval: 200 })
      .toBe(3);
    const criteria = programDefinition(rules.policyVersion, PROGRAM).criteria;
    let first = true;
    for (const { expertId } of seats) {
      // Experts of other files may be drawn: give them this test's password.
      await w.givePassword(expertId!);
      const page = await w.open(expertId!);
      await openTaskFromInbox(page, w.baseUrl, caseId, '回避声明');
      if (first) await capture(page, 'task-expert-conflict', taskPageReady);
      await page.getByText('否', { exact: true }).click();
      await page.getByText('本人确认上述声明属实').click();
      await submitAndReturnToInbox(page);
      await openTaskFromInbox(page, w.baseUrl, caseId, '专家评分');
      for (const c of criteria) await page.getByLabel(c.nameZh).fill(String(c.maxPoints));
      await expect.poll(() => page.getByTestId('score-total').textContent()).toContain(`${criteria.reduce((s, c) => s + c.maxPoints, 0)}`);
      if (first) await capture(page, 'task-expert-scoring', taskPageReady);
      await expect(page.locator('body').textContent()).resolves.not.toContain('¥');
      await submitAndReturnToInbox(page);
      first = false;
    }

    // Committee: the maximum shown is the rules'; an amount above it is refused and the
    // form keeps what was typed; the maximum is approved.
    const committeePage = await w.open(committee);
    await openTaskFromInbox(committeePage, w.baseUrl, caseId, '管委会决定');
    await expect.poll(() => committeePage.getByTestId('assessment').textContent(), { timeout: 15_000 }).toContain(yuan(rules.amountFen));
    await expect(committeePage.getByTestId('case-maximum').textContent()).resolves.toBe(yuan(rules.amountFen));
    await capture(committeePage, 'task-committee', async (page) => {
      await taskPageReady(page);
      await page.getByTestId('assessment').waitFor();
    });
    await committeePage.getByText('批准', { exact: true }).click();
    await committeePage.getByLabel('金额（分）').fill(String(rules.amountFen + 1));
    await committeePage.getByRole('button', { name: /提\s*交/ }).click();
    await committeePage.getByTestId('decision-problem').waitFor({ timeout: 15_000 });
    // The case's refusal names the amount: it is shown at that field, and the form keeps what was typed.
    await expect.poll(() => fieldError(committeePage, '金额（分）').textContent()).toContain(String(rules.amountFen));
    expect(await committeePage.getByLabel('金额（分）').inputValue()).toBe(String(rules.amountFen + 1));
    await committeePage.getByLabel('金额（分）').fill(String(rules.amountFen));
    await expect.poll(() => committeePage.getByTestId('yuan-amountFen').textContent()).toBe(yuan(rules.amountFen));
    await submitAndReturnToInbox(committeePage);

    // Public notice (3 s), then finance sees the first payment's component and amount, and confirms it.
    const financePage = await w.open(finance);
    await openTaskFromInbox(financePage, w.baseUrl, caseId, '拨付确认');
    const subjectText = (await financePage.getByTestId('task-subject').textContent()) ?? '';
    const paymentRows = await w.database.db.select().from(payments).where(eq(payments.caseId, caseId));
    // The subject names the component in words and its amount: the amount tells which one it is.
    const component = rules.components.find((c) => subjectText.includes(yuan(c.amountFen)));
    expect(component, subjectText).toBeDefined();
    expect(subjectText).toContain(yuan(component!.amountFen));
    expect(paymentRows.find((p) => p.component === component!.name)?.amountFen).toBe(component!.amountFen);
    await capture(financePage, 'task-payment', taskPageReady);
    await financePage.getByText('已拨付', { exact: true }).click();
    await financePage.getByLabel('银行流水号').fill('BROWSER-BANK-1');
    await submitAndReturnToInbox(financePage);
    await capture(financePage, 'inbox-finance', async (page) => void (await page.getByTestId('inbox-table').waitFor()));
    await expect
      .poll(async () => (await w.database.db.select().from(payments).where(eq(payments.caseId, caseId))).filter((p) => p.status === 'paid').map((p) => p.component), { timeout: 30_000 })
      .toEqual([component!.name]);

    // The case page (timeline, money) and the decision notice, as the officer sees them.
    await officerPage.goto(`${w.baseUrl}/app/cases/${encodeURIComponent(caseId)}`);
    await capture(officerPage, 'case', async (page) => {
      await page.getByTestId('money-table').waitFor();
      await expect.poll(() => page.getByTestId('money-table').textContent()).toContain(yuan(component!.amountFen));
    });
    await officerPage.goto(`${w.baseUrl}/app/cases/${encodeURIComponent(caseId)}/notice/1`);
    await capture(officerPage, 'decision-notice', async (page) => void (await page.getByTestId('notice-date').waitFor()));
    // On paper: without the workspace's header and the print button.
    await officerPage.emulateMedia({ media: 'print' });
    await officerPage.screenshot({ path: artifactPath('decision-notice.print.zh.png'), fullPage: true });
    expect(await officerPage.locator('header').isVisible()).toBe(false);
    expect(await officerPage.getByRole('button', { name: /打\s*印/ }).isVisible()).toBe(false);
    await officerPage.emulateMedia({ media: 'screen' });
    await expect(officerPage.locator('article').textContent()).resolves.toContain(yuan(rules.amountFen));
  });
});
