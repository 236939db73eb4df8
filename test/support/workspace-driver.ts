// Driving the workspace in Chromium as people do: sign in with user id and password,
// look at each page in both languages (a screenshot of each under test-artifacts/),
// and hold every page to axe-core (no serious or critical violations).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'workspace');

/** Where a screenshot of this name goes. */
export function artifactPath(file: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, file);
}

export interface Person {
  context: BrowserContext;
  page: Page;
}

/** A new browser context (its own cookies: one person), signed in. */
export async function signIn(browser: Browser, baseUrl: string, userId: string, password: string): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/app/`);
  await page.getByLabel('用户名').fill(userId);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  return { context, page };
}

export interface AxeFinding {
  page: string;
  lang: string;
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/** Serious and critical violations of one page (the rest is reported but does not fail). */
async function seriousViolations(page: Page, name: string, lang: string): Promise<AxeFinding[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: name, lang, id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/**
 * Screenshots of the page as it is (zh-CN) and in English, each checked by axe; the
 * page is left in Chinese. `ready` waits for what makes the page complete.
 */
export async function capture(page: Page, name: string, ready: (page: Page) => Promise<void>): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const findings: AxeFinding[] = [];
  for (const lang of ['zh', 'en'] as const) {
    // Dispatched to the button itself: an open dialog's mask would take a pointer's click.
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).first().dispatchEvent('click');
    // What the pointer last touched would otherwise be photographed and judged in its hover colours.
    await page.mouse.move(0, 0);
    await ready(page);
    await page.screenshot({ path: join(ARTIFACTS, `${name}.${lang}.png`), fullPage: true });
    findings.push(...(await seriousViolations(page, name, lang)));
  }
  await page.getByRole('button', { name: '中文' }).first().dispatchEvent('click');
  expect(findings, `axe: serious or critical violations on ${name}`).toEqual([]);
}

/** From the inbox, filtered to this case, opens its task whose kind reads `kindZh` (waiting for it to arrive). */
export async function openTaskFromInbox(page: Page, baseUrl: string, caseId: string, kindZh: string): Promise<void> {
  const filterToCase = async () => {
    await page.getByLabel('案件').fill(caseId);
    await page.getByLabel('案件').press('Enter');
  };
  await page.goto(`${baseUrl}/app/`);
  await filterToCase();
  await expect
    .poll(
      async () => {
        if ((await page.getByTestId('task-link').filter({ hasText: kindZh }).count()) > 0) return true;
        await page.reload();
        await filterToCase();
        await page.waitForTimeout(300);
        return false;
      },
      { timeout: 60_000, interval: 500 },
    )
    .toBe(true);
  await page.getByTestId('task-link').filter({ hasText: kindZh }).first().click();
  await page.getByTestId('decision-form').waitFor();
}

/** Submits the decision form; a decision the API takes leads back to the inbox. */
export async function submitAndReturnToInbox(page: Page): Promise<void> {
  await page.getByRole('button', { name: /提\s*交/ }).click();
  await page.waitForURL(/\/app\/?$/);
}

/** A task page is complete when its summary and its decision form are there. */
export async function taskPageReady(page: Page): Promise<void> {
  await page.getByTestId('task-summary').waitFor();
  await page.getByTestId('decision-form').waitFor();
}

/** The error shown under a form field, found by the field's label. */
export function fieldError(page: Page, label: string) {
  return page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) }).locator('.ant-form-item-explain-error');
}
