// A reminder written by a real case reaches its recipient's feed in Chromium: an A5
// case is filed under a notice whose tasks fall due after 3 seconds, the case's own
// timer writes the officers' reminder, and an officer finds it behind the header's
// bell, opens the feed (axe-clean, photographed in zh-CN and en), marks it read (the
// count drops by one), follows it to the task, and marks the rest read (the bell empties).
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { and, eq, inArray } from 'drizzle-orm';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerApp, serverOptions } from '../../../api/app.js';
import { hashPassword } from '../../../api/sign-in/passwords.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { annualNotices, mailSettings, notifications, tasks, users } from '../../../db/schema.js';
import { createCaseWorker } from '../../../worker/create-worker.js';
import { caseWorkflowId } from '../../../workflows/subsidy-case/messages.js';
import { createTestEnterprise, createTestUser, TEST_SECRET, testTokens } from '../../support/api-client.js';
import { launchChromium } from '../../support/browser.js';
import type { LaunchedBrowser } from '../../support/browser.js';
import { openTestDatabase, uniqueId } from '../../support/database.js';
import { bundleCaseWorkflows } from '../../support/workflow-bundle.js';
import { capture, signIn } from '../../support/workspace-driver.js';
import type { Person } from '../../support/workspace-driver.js';
import { registerApplication, uniqueYear } from '../api/fixtures.js';

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
const started: string[] = [];

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
  const taskQueue = uniqueId('browser-notifications');
  worker = await createCaseWorker({ connection: env.nativeConnection, db: database.db, taskQueue, workflowBundle: bundle });
  workerRun = worker.run();
  app = Fastify(serverOptions(false));
  await registerApp(app, { db: database.db, temporal: env.client, tokens: testTokens, mailSecret: TEST_SECRET, taskQueue, now: () => new Date(`${year}-06-15T02:00:00Z`), webRoot: WEB_ROOT });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  // No SMTP settings left for the files after this one (they are one row).
  await database?.db.delete(mailSettings);
  for (const person of people) await person.context.close().catch(() => {});
  await chromium?.close();
  // The case would remind and escalate on; it has shown what it had to.
  for (const workflowId of started) await env.client.workflow.getHandle(workflowId).terminate('test over').catch(() => {});
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await app?.close();
  await database?.close();
  await env?.teardown();
});

const bellCount = async (page: Page): Promise<number> => {
  const label = (await page.getByTestId('notification-bell').getAttribute('aria-label')) ?? '';
  return Number(/(\d+)/.exec(label)?.[1] ?? NaN);
};

describe('notifications in Chromium', () => {
  it('the administrator sets the SMTP server: a bad port is shown at its field, the password is never shown', { timeout: 120_000 }, async () => {
    const admin = await createTestUser(database.db, 'admin');
    await database.db.update(users).set({ passwordHash: await hashPassword(PASSWORD), name: '管理员 邮件' }).where(eq(users.id, admin.actor.userId));
    await database.db.delete(mailSettings);
    const person = await signIn(browser, baseUrl, admin.actor.userId, PASSWORD);
    people.push(person);
    const page = person.page;
    await page.getByTestId('signed-in-as').waitFor();
    await page.getByRole('link', { name: '邮件设置' }).click();
    await page.getByTestId('mail-settings-form').waitFor();
    await page.getByLabel('SMTP 服务器').fill('smtp.example.gov.cn');
    await page.getByLabel('端口').fill('70000');
    await page.getByLabel('登录用户名').fill('office');
    await page.getByLabel('登录密码').fill('smtp-password-1');
    await page.getByLabel('发件人地址').fill('noreply@example.gov.cn');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    // The API's 400 names body.port; the form shows it there.
    await page.locator('.ant-form-item-has-error').filter({ hasText: '端口' }).waitFor();
    await page.getByLabel('端口').fill('587');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存', { exact: true }).waitFor();
    await page.reload();
    await page.getByText('已设置密码；留空则保留原密码').waitFor();
    expect(await page.getByLabel('登录密码').inputValue()).toBe('');
    expect(await page.content()).not.toContain('smtp-password-1');
    await capture(page, 'mail-settings-admin', async (p) => void (await p.getByTestId('mail-settings-form').waitFor()));
  });


  it('a reminder the case writes appears in the officer’s feed; marking it read lowers the count', { timeout: 180_000 }, async () => {
    await database.db.insert(annualNotices).values({
      year,
      applicationOpensOn: `${year}-03-01`,
      applicationClosesOn: `${year}-09-30`,
      reportingOpensOn: `${year}-11-01`,
      reportingClosesOn: `${year}-12-15`,
      programs: { 'A5-DATA-REGISTER': { budgetFen: 100_000_000 } },
      // Due after 3 s: the formal review's reminder comes from the case's own timer.
      settings: { taskDue: '3s', escalationStep: '1 hour', panelSize: 3 },
      createdBy: 'test',
    });
    const enterpriseId = await createTestEnterprise(database.db);
    const applicant = await createTestUser(database.db, 'applicant', { enterpriseId });
    const officer = await createTestUser(database.db, 'officer');
    await database.db.update(users).set({ passwordHash: await hashPassword(PASSWORD), name: '经办人 提醒' }).where(eq(users.id, officer.actor.userId));

    // Two cases, so the officers' pool holds two reminders of this file's own whatever
    // ran before: one is marked read alone, then "mark all read" takes the other.
    const application = registerApplication(uniqueId('reminded'));
    const filed = await app.inject({ method: 'POST', url: '/applications', headers: { ...applicant.headers, 'idempotency-key': uniqueId('file') }, payload: application });
    expect(filed.statusCode, filed.body).toBe(201);
    const caseId = application.applicationId;
    started.push(caseWorkflowId(caseId));
    const otherApplicant = await createTestUser(database.db, 'applicant', { enterpriseId: await createTestEnterprise(database.db) });
    const other = registerApplication(uniqueId('reminded-too'));
    const otherFiled = await app.inject({ method: 'POST', url: '/applications', headers: { ...otherApplicant.headers, 'idempotency-key': uniqueId('file') }, payload: other });
    expect(otherFiled.statusCode, otherFiled.body).toBe(201);
    started.push(caseWorkflowId(other.applicationId));
    // The reminders are the cases' to write: wait for them in the read model.
    await expect
      .poll(async () => (await database.db.select().from(notifications).where(and(inArray(notifications.caseId, [caseId, other.applicationId]), eq(notifications.kind, 'reminder')))).length, { timeout: 60_000, interval: 250 })
      .toBe(2);

    const person = await signIn(browser, baseUrl, officer.actor.userId, PASSWORD);
    people.push(person);
    const page = person.page;
    await page.getByTestId('signed-in-as').waitFor();
    // The bell comes after the first screen; its count includes the officers' pool.
    // Its count is fetched once the browser is idle: read it once it has arrived.
    await page.locator('[data-testid="notification-bell"][data-state="loaded"]').waitFor();
    const before = await bellCount(page);
    expect(before).toBeGreaterThanOrEqual(2);

    await page.getByTestId('notification-bell').click();
    await page.waitForURL(/\/app\/notifications$/);
    const ours = page.getByTestId('notification').filter({ hasText: caseId });
    await expect.poll(() => ours.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => ours.textContent()).toContain(`提醒：案件 ${caseId} 的「形式审查」已逾期`);
    await capture(page, 'notifications-officer', async (p) => {
      await p.getByTestId('notification').filter({ hasText: caseId }).waitFor();
      await p.getByTestId('notification-bell').waitFor();
    });
    await page.getByRole('button', { name: 'English' }).first().click();
    await expect.poll(() => ours.textContent()).toContain(`Reminder: the formal review of case ${caseId} is overdue.`);
    await page.getByRole('button', { name: '中文' }).first().click();

    await ours.getByTestId('mark-read').click();
    await expect.poll(() => ours.getAttribute('data-read')).toBe('true');
    await expect.poll(() => bellCount(page)).toBe(before - 1);

    // It leads to its task.
    await ours.getByRole('link', { name: '去办理' }).click();
    await page.getByTestId('decision-form').waitFor();
    expect(page.url()).toContain(`/app/tasks/`);

    // Mark all read: the bell empties.
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('mark-all-read').click();
    await expect.poll(() => bellCount(page)).toBe(0);
    await capture(page, 'notifications-all-read', async (p) => void (await p.getByTestId('notification-feed').waitFor()));

    // The officer returns it for correction (here through the API): the request reaches the applicant's feed.
    const review = (await database.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.kind, 'formal-review'))))[0]!;
    const returned = await app.inject({
      method: 'POST',
      url: `/tasks/${encodeURIComponent(review.id)}/decision`,
      headers: { ...officer.headers, 'idempotency-key': uniqueId('return') },
      payload: { decision: 'return', reason: '请补充缴费发票' },
    });
    expect(returned.statusCode, returned.body).toBe(200);
    await database.db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, applicant.actor.userId));
    const applicantPerson = await signIn(browser, baseUrl, applicant.actor.userId, PASSWORD);
    people.push(applicantPerson);
    const applicantPage = applicantPerson.page;
    await applicantPage.getByTestId('signed-in-as').waitFor();
    await applicantPage.goto(`${baseUrl}/app/notifications`);
    const request = applicantPage.getByTestId('notification').filter({ hasText: caseId });
    await expect
      .poll(
        async () => {
          if ((await request.count()) > 0) return (await request.first().textContent()) ?? '';
          await applicantPage.reload();
          return '';
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain(`案件 ${caseId} 需要您办理「补正」，截止`);
    // Only its own enterprise's: the officers' reminder of the same case is not the applicant's.
    expect(await applicantPage.getByTestId('notification').count()).toBe(1);
    await capture(applicantPage, 'notifications-applicant', async (p) => void (await p.getByTestId('notification').first().waitFor()));
  });
});
