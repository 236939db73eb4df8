// Operations and administration in Chromium: the real API serving the built workspace,
// the run's Temporal dev server, the real PostgreSQL. An operator finds a case that is
// genuinely stuck (its worker has lost its database, so its first activity keeps
// retrying) from the dashboard, reads the failure, opens the case and its workflow's
// address in the Temporal Web UI, and finds the case again by its enterprise. An
// administrator creates a user with an initial password, blacklists an enterprise
// (a reason is required: the API's answer shows at the field) and publishes next
// year's annual notice (a window the API refuses shows at its field first). Every page
// is checked by axe-core and photographed in zh-CN and en.
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { and, eq } from 'drizzle-orm';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerApp, serverOptions } from '../../../api/app.js';
import { hashPassword } from '../../../api/sign-in/passwords.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { annualNotices, auditLog, budgetReservations, enterprises, users } from '../../../db/schema.js';
import { createTestEnterprise, createTestUser, testTokens } from '../../support/api-client.js';
import { launchChromium } from '../../support/browser.js';
import type { LaunchedBrowser } from '../../support/browser.js';
import { openTestDatabase, uniqueId } from '../../support/database.js';
import { stuckCaseInput, stuckCaseMaker } from '../../support/stuck-cases.js';
import type { StuckCaseMaker } from '../../support/stuck-cases.js';
import { bundleCaseWorkflows } from '../../support/workflow-bundle.js';
import { expectAmountsOnOneLine } from '../../support/amounts-on-one-line.js';
import { capture, signIn } from '../../support/workspace-driver.js';
import type { Person } from '../../support/workspace-driver.js';
import { seedCase, seedNotice, seedTask, uniqueYear } from '../api/fixtures.js';

const PASSWORD = 'browser-test-password';
const WEB_ROOT = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

let env: TestWorkflowEnvironment;
let database: DatabaseHandle;
let app: FastifyInstance;
let baseUrl: string;
let chromium: LaunchedBrowser;
let browser: Browser;
let stuck: StuckCaseMaker;
/** This test's notice year, and the next one (both reserved: other files never take them). */
let year: number;
let nextYear: number;
const people: Person[] = [];

async function personWithPassword(role: 'ops' | 'admin'): Promise<string> {
  const user = await createTestUser(database.db, role);
  await database.db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, user.actor.userId));
  return user.actor.userId;
}

async function open(userId: string): Promise<Page> {
  const person = await signIn(browser, baseUrl, userId, PASSWORD);
  people.push(person);
  await person.page.getByTestId('signed-in-as').waitFor();
  return person.page;
}

/** The row of a keyset-paged table holding `text`, pressing "load more" until it shows. */
async function rowOf(page: Page, table: string, text: string) {
  const row = page.getByTestId(table).locator('tbody tr', { hasText: text });
  await expect
    .poll(
      async () => {
        if ((await row.count()) > 0) return true;
        const more = page.getByRole('button', { name: '加载更多' });
        if ((await more.count()) > 0) await more.click();
        return false;
      },
      { timeout: 20_000, interval: 300 },
    )
    .toBe(true);
  return row;
}

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
  nextYear = await uniqueYear(database);
  // Another file may take a year between the two: take again until they follow each other.
  while (nextYear !== year + 1) {
    year = nextYear;
    nextYear = await uniqueYear(database);
  }
  stuck = await stuckCaseMaker(env.client, env.nativeConnection, uniqueId('browser-ops'), bundle);
  app = Fastify(serverOptions(false));
  await registerApp(app, { db: database.db, temporal: env.client, tokens: testTokens, taskQueue: uniqueId('browser-ops-queue'), now: () => new Date(`${year}-06-15T02:00:00Z`), webRoot: WEB_ROOT });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  for (const person of people) await person.context.close().catch(() => {});
  await chromium?.close();
  await stuck?.close();
  await app?.close();
  await database?.close();
  await env?.teardown();
});

describe('operations and administration in Chromium', () => {
  it('an operator finds a stuck case from the dashboard', { timeout: 240_000 }, async () => {
    const h = { database, year };
    await seedNotice(h, { 'A5-DATA-REGISTER': { budgetFen: 100_000_000 }, 'A6-PLATFORM': { budgetFen: 900_000_000 } });
    const enterpriseName = uniqueId('停滞测试企业');
    const enterpriseId = await createTestEnterprise(database.db, { name: enterpriseName });
    // Cases around it, so the charts have something to draw: one approved, one late.
    const approved = await seedCase(h, enterpriseId, { program: 'A6-PLATFORM', stage: 'disbursement', approvedAmountFen: 300_000_000 });
    await database.db.insert(budgetReservations).values({ caseId: approved.caseId, supportYear: 1, program: 'A6-PLATFORM', budgetYear: year, amountFen: 300_000_000, status: 'reserved' });
    const late = await seedCase(h, enterpriseId, { stage: 'formal-review' });
    await seedTask(h, late.caseId, { kind: 'formal-review', role: 'officer', dueAt: new Date(`${year}-05-01T00:00:00Z`) });
    await seedCase(h, enterpriseId, { stage: 'closed', status: 'rejected' });

    // The stuck case: a real case workflow on a worker whose database is gone.
    const { caseId } = await seedCase(h, enterpriseId, { id: uniqueId('stuck') });
    await stuck.retryActivities(stuckCaseInput(caseId, enterpriseId, year));

    const page = await open(await personWithPassword('ops'));
    await page.getByRole('link', { name: '运行监控' }).click();
    await page.getByTestId('stuck-cases').waitFor();
    // The case's activity is on its second attempt within a second or two; the dashboard reads it on load.
    const row = page.getByTestId('stuck-cases').locator('tr', { hasText: caseId });
    await expect
      .poll(
        async () => {
          if ((await row.count()) > 0) return true;
          await page.reload();
          await page.getByTestId('stuck-cases').locator('tbody').waitFor();
          return false;
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(true);
    // Worded in Chinese from the finding's code and parameters; the failure itself stays as the system gave it.
    const finding = (await row.getByTestId('stuck-finding').first().textContent()) ?? '';
    expect(finding).toMatch(/活动重试中活动 \w+（[^）]+）第 \d+ 次尝试.*最近一次失败：.*CONNECTION_ENDED/);
    expect(finding).not.toMatch(/on attempt|activity /);
    expect(await row.getByTestId('temporal-link').getAttribute('href')).toBe(`http://127.0.0.1:8233/namespaces/default/workflows/${encodeURIComponent(`case-${caseId}`)}`);
    await expect(page.getByTestId('money-table').textContent()).resolves.toContain('¥3,000,000.00');
    await capture(page, 'ops-dashboard', async (p) => {
      for (const chart of ['chart-stages', 'chart-overdue', 'chart-money', 'chart-weekly']) await p.locator(`[data-testid="${chart}"][data-rendered="true"]`).waitFor();
      await p.getByTestId('stuck-cases').locator('tr', { hasText: caseId }).waitFor();
      const lang = await p.locator('html').getAttribute('lang');
      if (lang?.startsWith('en')) await expect(p.getByTestId('stuck-cases').locator('tr', { hasText: caseId }).getByTestId('stuck-finding').first().textContent()).resolves.toMatch(/Activity \w+ \(\w+\) on attempt \d+/);
      await expectAmountsOnOneLine(p, 'money-table');
    });

    // From the dashboard to the case.
    await row.getByTestId('stuck-case-link').click();
    await page.waitForURL(new RegExp(`/app/cases/${caseId}$`));
    await page.getByRole('heading', { name: new RegExp(caseId) }).waitFor();

    // The same case found by its enterprise's name.
    await page.getByRole('link', { name: '案件查询' }).click();
    await page.getByLabel('企业编号或名称').fill(enterpriseName);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => page.getByTestId('case-search-results').locator('tbody tr', { hasText: caseId }).count()).toBe(1);
    expect(page.url()).toContain(`enterprise=${encodeURIComponent(enterpriseName)}`);
    await capture(page, 'ops-case-search', async (p) => void (await p.getByTestId('case-search-results').locator('tbody tr', { hasText: caseId }).waitFor()));
  });

  it('an administrator creates a user, blacklists an enterprise and opens next year’s notice', { timeout: 240_000 }, async () => {
    const admin = await personWithPassword('admin');
    const h = { database, year };
    await seedNotice(h, { 'A5-DATA-REGISTER': { budgetFen: 100_000_000 }, 'A6-PLATFORM': { budgetFen: 900_000_000 } }, {}, { taskDue: '2 days', panelSize: 3 });
    const page = await open(admin);

    // A user with an initial password: the first sign-in must change it.
    await page.getByRole('link', { name: '用户', exact: true }).click();
    await page.getByTestId('users-table').waitFor();
    const newUserId = uniqueId('browser-new-officer');
    await page.getByRole('button', { name: '新建用户' }).click();
    await page.getByLabel('编号').fill(newUserId);
    await page.getByLabel('名称').fill('经办人 新');
    await page.getByLabel('角色', { exact: true }).click();
    await page.getByTitle('经办人').click();
    // The role is chosen before the form is sent (the dropdown closes first).
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('经办人');
    await page.getByLabel('初始密码').fill('short');
    await page.getByRole('button', { name: /创\s*建/ }).click();
    // The API's answer (the new-password rule) at its field.
    await page.locator('.ant-form-item-has-error', { has: page.getByLabel('初始密码') }).waitFor({ timeout: 60_000 });
    await capture(page, 'admin-new-user', async (p) => void (await p.locator('.ant-form-item-has-error').first().waitFor()));
    await page.getByLabel('初始密码').fill('initial-password-2');
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await rowOf(page, 'users-table', newUserId);
    const [created] = await database.db.select().from(users).where(eq(users.id, newUserId));
    expect(created).toMatchObject({ role: 'officer', passwordMustChange: true, active: true });
    await capture(page, 'admin-users', async (p) => void (await p.getByTestId('users-table').waitFor()));

    // Blacklisting takes a reason: without one the API says so at the field.
    const enterpriseName = uniqueId('黑名单测试企业');
    const enterpriseId = await createTestEnterprise(database.db, { name: enterpriseName });
    await page.getByRole('link', { name: '企业', exact: true }).click();
    const enterpriseRow = await rowOf(page, 'enterprises-table', enterpriseName);
    await enterpriseRow.getByRole('button', { name: `列入黑名单 ${enterpriseName}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-form-item-has-error', { has: page.getByLabel('理由') }).waitFor();
    await capture(page, 'admin-blacklist', async (p) => void (await p.locator('.ant-form-item-has-error').first().waitFor()));
    await page.getByLabel('理由').fill('提供虚假材料');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await enterpriseRow.getByText('黑名单', { exact: true }).waitFor();
    const [blacklisted] = await database.db.select().from(enterprises).where(eq(enterprises.id, enterpriseId));
    expect(blacklisted?.blacklisted).toBe(true);

    // Next year's notice: from the page's starting values, for the year after this test's.
    await page.getByRole('link', { name: '年度通知' }).click();
    await page.getByTestId('notices-table').waitFor();
    await page.getByRole('button', { name: /发布下一年度通知/ }).click();
    await page.getByTestId('notice-form').waitFor();
    await page.getByLabel('年度', { exact: true }).fill(String(nextYear));
    await expect.poll(() => page.getByLabel('申报期 · 开始').inputValue()).toMatch(new RegExp(`^${nextYear}-`));
    await page.getByLabel('申报期 · 开始').fill(`${nextYear}-03-01`);
    await page.getByLabel('申报期 · 截止').fill(`${nextYear}-02-01`);
    await page.getByLabel('年度报告期 · 开始').fill(`${nextYear}-11-01`);
    await page.getByLabel('年度报告期 · 截止').fill(`${nextYear}-12-15`);
    for (const code of ['A5-DATA-REGISTER', 'A6-PLATFORM']) {
      const checkbox = page.getByTestId('notice-form').locator(`tr[data-row-key="${code}"] input[type="checkbox"]`);
      if (!(await checkbox.isChecked())) await checkbox.check();
    }
    await page.getByTestId('notice-form').locator('tr[data-row-key="A6-PLATFORM"] input[role="spinbutton"]').fill('12000000');
    await page.getByTestId('notice-form').locator('tr[data-row-key="A5-DATA-REGISTER"] input[role="spinbutton"]').fill('1000000');
    await page.getByLabel('待办办理时限').fill('5 days');
    await page.getByRole('button', { name: /发\s*布/ }).click();
    // Closing before opening: refused by the API, shown at the closing date.
    const closes = page.locator('.ant-form-item-has-error', { has: page.getByLabel('申报期 · 截止') });
    await closes.waitFor();
    await expect(closes.textContent()).resolves.toContain('applicationOpensOn');
    await capture(page, 'admin-notice-form', async (p) => void (await p.getByTestId('notice-form').locator('.ant-form-item-has-error').first().waitFor()));
    await page.getByLabel('申报期 · 截止').fill(`${nextYear}-09-30`);
    await page.getByRole('button', { name: /发\s*布/ }).click();
    await page.getByTestId('notices-table').locator('tr', { hasText: String(nextYear) }).first().waitFor();

    const [published] = await database.db.select().from(annualNotices).where(eq(annualNotices.year, nextYear));
    expect(published).toMatchObject({
      applicationOpensOn: `${nextYear}-03-01`,
      applicationClosesOn: `${nextYear}-09-30`,
      programs: { 'A5-DATA-REGISTER': { budgetFen: 100_000_000 }, 'A6-PLATFORM': { budgetFen: 1_200_000_000 } },
      createdBy: admin,
    });
    expect((published?.settings as Record<string, unknown>).taskDue).toBe('5 days');
    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.actor, admin), eq(auditLog.action, 'notice-published')));
    expect(audit).toHaveLength(1);

    // The published notice's settings: its own marked, the rest the defaults.
    await page.getByTestId('notices-table').locator(`tr[data-row-key="${nextYear}"] .ant-table-row-expand-icon`).click();
    await page.getByTestId(`notice-settings-${nextYear}`).waitFor();
    await capture(page, 'admin-notices', async (p) => void (await p.getByTestId(`notice-settings-${nextYear}`).waitFor()));
  });
});
