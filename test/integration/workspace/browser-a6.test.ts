// An A6 case from formal review to its first confirmed payment through the workspace
// alone, in Chromium: the real API serving the built workspace on a real port, the real
// worker on the run's Temporal dev server, the real PostgreSQL. Each person works in
// a browser context of their own and signs in with user id and password; only the
// application is filed through the API (the applicant's pages are part 2's). The
// amounts the committee and finance read are checked against the rules module, every
// page is checked by axe-core, and each is photographed in zh-CN and en under
// test-artifacts/workspace/.
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerApp, serverOptions } from '../../../api/app.js';
import { hashPassword } from '../../../api/sign-in/passwords.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { annualNotices, payments, users } from '../../../db/schema.js';
import { evaluate, policyVersionInForce, programDefinition } from '../../../rules/index.js';
import { createCaseWorker } from '../../../worker/create-worker.js';
import { createTestEnterprise, createTestUser, testTokens } from '../../support/api-client.js';
import { launchChromium } from '../../support/browser.js';
import type { LaunchedBrowser } from '../../support/browser.js';
import { openTestDatabase, uniqueId } from '../../support/database.js';
import { bundleCaseWorkflows } from '../../support/workflow-bundle.js';
import { capture, signIn } from '../../support/workspace-driver.js';
import type { Person } from '../../support/workspace-driver.js';
import { uniqueYear } from '../api/fixtures.js';

const PROGRAM = 'A6-PLATFORM';
const PASSWORD = 'browser-test-password';
const WEB_ROOT = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

let env: TestWorkflowEnvironment;
let database: DatabaseHandle;
let app: FastifyInstance;
let baseUrl: string;
let worker: Worker;
let workerRun: Promise<void>;
let chromium: LaunchedBrowser;
let browser: Browser;
let year: number;
const people: Person[] = [];

/** A user who signs in with PASSWORD (already chosen: no change required). */
async function personWithPassword(role: 'officer' | 'committee' | 'finance' | 'expert' | 'ops', extra: { organisation?: string; specialties?: string[] } = {}): Promise<string> {
  const user = await createTestUser(database.db, role, extra);
  await database.db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, user.actor.userId));
  return user.actor.userId;
}

async function open(userId: string, password = PASSWORD): Promise<Page> {
  const person = await signIn(browser, baseUrl, userId, password);
  people.push(person);
  await person.page.getByTestId('signed-in-as').waitFor();
  return person.page;
}

/** From the inbox, filtered to this case, opens its task of this kind (waiting for it to arrive). */
async function openTaskFromInbox(page: Page, caseId: string, kindZh: string): Promise<void> {
  await page.goto(`${baseUrl}/app/`);
  const search = page.getByLabel('案件');
  await search.fill(caseId);
  await search.press('Enter');
  await expect
    .poll(
      async () => {
        if ((await page.getByTestId('task-link').filter({ hasText: kindZh }).count()) > 0) return true;
        await page.reload();
        await page.getByLabel('案件').fill(caseId);
        await page.getByLabel('案件').press('Enter');
        await page.waitForTimeout(300);
        return false;
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
  await page.getByTestId('task-link').filter({ hasText: kindZh }).first().click();
  await page.getByTestId('decision-form').waitFor();
}

async function submitAndReturnToInbox(page: Page): Promise<void> {
  await page.getByRole('button', { name: /提\s*交/ }).click();
  await page.waitForURL(/\/app\/?$/);
}

const taskPageReady = async (page: Page) => {
  await page.getByTestId('task-summary').waitFor();
  await page.getByTestId('decision-form').waitFor();
};

beforeAll(async () => {
  const [testEnv, opened, bundle, launched] = await Promise.all([
    TestWorkflowEnvironment.createFromExistingServer({ address: inject('devServerAddress') }),
    openTestDatabase(),
    bundleCaseWorkflows(),
    launchChromium(),
  ]);
  env = testEnv;
  database = opened;
  chromium = launched;
  browser = launched.browser;
  year = await uniqueYear(database);
  const taskQueue = uniqueId('browser-a6');
  worker = await createCaseWorker({ connection: env.nativeConnection, db: database.db, taskQueue, workflowBundle: bundle });
  workerRun = worker.run();
  app = Fastify(serverOptions(false));
  // The office's clock stands in the notice year's application window; the workflow's
  // timers run on the dev server's real clock with short durations.
  await registerApp(app, { db: database.db, temporal: env.client, tokens: testTokens, taskQueue, now: () => new Date(`${year}-06-15T02:00:00Z`), webRoot: WEB_ROOT });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = address;
});

afterAll(async () => {
  for (const person of people) await person.context.close().catch(() => {});
  await chromium?.close();
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await app?.close();
  await database?.close();
  await env?.teardown();
});

describe('the workspace in Chromium', () => {
  it('takes an A6 case from formal review to its first confirmed payment', { timeout: 300_000 }, async () => {
    await database.db.insert(annualNotices).values({
      year,
      applicationOpensOn: `${year}-03-01`,
      applicationClosesOn: `${year}-09-30`,
      reportingOpensOn: `${year}-11-01`,
      reportingClosesOn: `${year}-12-15`,
      programs: { [PROGRAM]: { budgetFen: 2_000_000_000 } },
      settings: { taskDue: '2 days', noticePeriod: '3s', panelSize: 3 },
      createdBy: 'test',
    });
    const enterpriseId = await createTestEnterprise(database.db);
    const applicant = await createTestUser(database.db, 'applicant', { enterpriseId });
    const admin = await createTestUser(database.db, 'admin');
    const committee = await personWithPassword('committee');
    const finance = await personWithPassword('finance');
    const ops = await createTestUser(database.db, 'ops');
    for (let i = 1; i <= 3; i += 1) await personWithPassword('expert', { organisation: uniqueId(`browser-institute-${i}`), specialties: ['platform'] });

    // The officer is created by the admin with an initial password: the first sign-in must change it.
    const officer = uniqueId('browser-officer');
    const created = await app.inject({ method: 'POST', url: '/users', headers: admin.headers, payload: { id: officer, name: '经办人 浏览器', role: 'officer', initialPassword: 'initial-password-1' } });
    expect(created.statusCode, created.body).toBe(201);

    // The application, filed through the API (the applicant's own pages come with part 2).
    const submittedOn = `${year}-06-15`;
    const policyVersion = policyVersionInForce(submittedOn).id;
    const facts = { rentPaidFen: 300_000_000, areaUsedM2: 3000, operatingCostsFen: 200_000_000 };
    const caseId = uniqueId('browser-a6');
    const filed = await app.inject({
      method: 'POST',
      url: '/applications',
      headers: { ...applicant.headers, 'idempotency-key': uniqueId('file') },
      payload: { applicationId: caseId, program: PROGRAM, qualifications: ['platform-national'], facts, evidence: programDefinition(policyVersion, PROGRAM).evidence.map((kind, i) => ({ kind, reference: `B-${i + 1}` })) },
    });
    expect(filed.statusCode, filed.body).toBe(201);

    // What the rules allow, computed here from the same module: the amounts the pages must show.
    const rules = evaluate({ program: PROGRAM, submittedOn, policyVersion, supportYear: 1, applicant: { registeredInDistrict: true, qualifications: ['platform-national'] }, facts });
    expect(rules.amountFen).toBe(500_000_000);
    const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

    // Formal review: the officer changes the initial password, then accepts from the inbox.
    const officerPage = await signIn(browser, baseUrl, officer, 'initial-password-1').then((p) => (people.push(p), p.page));
    await officerPage.getByLabel('当前密码').fill('initial-password-1');
    await officerPage.getByLabel('新密码').fill(PASSWORD);
    await capture(officerPage, 'change-password', async (page) => void (await page.getByLabel(/新密码|New password/).waitFor()));
    await officerPage.getByLabel('新密码').fill(PASSWORD);
    await officerPage.getByLabel('当前密码').fill('initial-password-1');
    await officerPage.getByRole('button', { name: '修改密码' }).click();
    await officerPage.getByTestId('signed-in-as').waitFor();
    await openTaskFromInbox(officerPage, caseId, '形式审查');
    // The keyboard, from the inbox filtered to this case: x selects the active row, Enter opens it.
    await officerPage.goto(`${baseUrl}/app/`);
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
        const res = await app.inject({ method: 'GET', url: `/cases/${caseId}/panel`, headers: ops.headers });
        seats = (res.json() as { seats: { expertId?: string | null }[] }).seats ?? [];
        return seats.length;
      }, { timeout: 30_000, interval: 200 })
      .toBe(3);
    const criteria = programDefinition(policyVersion, PROGRAM).criteria;
    let first = true;
    for (const { expertId } of seats) {
      // Experts of other files may be drawn: give them this test's password.
      await database.db.update(users).set({ passwordHash: await hashPassword(PASSWORD), passwordMustChange: false }).where(eq(users.id, expertId!));
      const page = await open(expertId!);
      await openTaskFromInbox(page, caseId, '回避声明');
      if (first) await capture(page, 'task-expert-conflict', taskPageReady);
      await page.getByText('否', { exact: true }).click();
      await page.getByText('本人确认上述声明属实').click();
      await submitAndReturnToInbox(page);
      await openTaskFromInbox(page, caseId, '专家评分');
      for (const c of criteria) await page.getByLabel(c.nameZh).fill(String(c.maxPoints));
      await expect.poll(() => page.getByTestId('score-total').textContent()).toContain(`${criteria.reduce((s, c) => s + c.maxPoints, 0)}`);
      if (first) await capture(page, 'task-expert-scoring', taskPageReady);
      await expect(page.locator('body').textContent()).resolves.not.toContain('¥');
      await submitAndReturnToInbox(page);
      first = false;
    }

    // Committee: the maximum shown is the rules'; an amount above it is refused and the
    // form keeps what was typed; the maximum is approved.
    const committeePage = await open(committee);
    await openTaskFromInbox(committeePage, caseId, '管委会决定');
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
    expect(await committeePage.getByLabel('金额（分）').inputValue()).toBe(String(rules.amountFen + 1));
    await committeePage.getByLabel('金额（分）').fill(String(rules.amountFen));
    await expect.poll(() => committeePage.getByTestId('yuan-amountFen').textContent()).toBe(yuan(rules.amountFen));
    await submitAndReturnToInbox(committeePage);

    // Public notice (3 s), then finance sees the first payment's component and amount, and confirms it.
    const financePage = await open(finance);
    await openTaskFromInbox(financePage, caseId, '拨付确认');
    const subjectText = (await financePage.getByTestId('task-subject').textContent()) ?? '';
    const paymentRows = await database.db.select().from(payments).where(eq(payments.caseId, caseId));
    const component = rules.components.find((c) => subjectText.includes(c.name));
    expect(component, subjectText).toBeDefined();
    expect(subjectText).toContain(yuan(component!.amountFen));
    expect(paymentRows.find((p) => p.component === component!.name)?.amountFen).toBe(component!.amountFen);
    await capture(financePage, 'task-payment', taskPageReady);
    await financePage.getByText('已拨付', { exact: true }).click();
    await financePage.getByLabel('银行流水号').fill('BROWSER-BANK-1');
    await submitAndReturnToInbox(financePage);
    await capture(financePage, 'inbox-finance', async (page) => void (await page.getByTestId('inbox-table').waitFor()));
    await expect
      .poll(async () => (await database.db.select().from(payments).where(eq(payments.caseId, caseId))).filter((p) => p.status === 'paid').map((p) => p.component), { timeout: 30_000 })
      .toEqual([component!.name]);

    // The case page (timeline, money) and the decision notice, as the officer sees them.
    await officerPage.goto(`${baseUrl}/app/cases/${encodeURIComponent(caseId)}`);
    await capture(officerPage, 'case', async (page) => {
      await page.getByTestId('money-table').waitFor();
      await expect.poll(() => page.getByTestId('money-table').textContent()).toContain(yuan(component!.amountFen));
    });
    await officerPage.goto(`${baseUrl}/app/cases/${encodeURIComponent(caseId)}/notice/1`);
    await capture(officerPage, 'decision-notice', async (page) => void (await page.getByTestId('notice-date').waitFor()));
    await expect(officerPage.locator('article').textContent()).resolves.toContain(yuan(rules.amountFen));
  });
});
