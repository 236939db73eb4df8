// A repayment through the workspace: after the committee revoked a paid award (set-up
// through the API), finance finds the repayment task in the inbox with the amount per
// year and component, confirms it with the bank reference, and the case page shows
// the money recovered. Axe and screenshots zh and en.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAmountsOnOneLine } from '../../support/amounts-on-one-line.js';
import { uniqueId } from '../../support/database.js';
import { capture, openTaskFromInbox, submitAndReturnToInbox, taskPageReady } from '../../support/workspace-driver.js';
import { approveA6Case, fileA6Case, payA6Case, revokeA6Case, waitForStage, yuan } from '../../support/workspace-cases.js';
import { startWorkspaceEnv } from '../../support/workspace-env.js';
import type { WorkspaceEnv } from '../../support/workspace-env.js';

let w: WorkspaceEnv;
/** The calendar day in the office (Beijing time) at an instant. */
const officeDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
beforeAll(async () => {
  w = await startWorkspaceEnv('browser-repayment');
});
afterAll(async () => {
  await w?.close();
});

describe('a repayment in the workspace', () => {
  it('shows what is owed per year and component, and confirms it', { timeout: 300_000 }, async () => {
    const startedAt = Date.now();
    const c = await fileA6Case(w);
    await approveA6Case(w, c);
    await payA6Case(w, c);
    await revokeA6Case(w, c);

    const finance = await w.open(c.finance.actor.userId);
    await openTaskFromInbox(finance, w.baseUrl, c.caseId, '退款确认');
    // The task names each amount owed by support year and component, and their total.
    const subject = (await finance.getByTestId('task-subject').textContent()) ?? '';
    for (const component of c.rules.components) expect(subject).toContain(yuan(component.amountFen));
    expect(subject).toContain('扶持年度 1 · 房租补贴');
    expect(subject).toContain('扶持年度 1 · 运营经费');
    await expect(finance.getByTestId('subject-total').textContent()).resolves.toBe(yuan(c.rules.amountFen));
    await finance.getByLabel('银行流水号').fill(uniqueId('REPAID'));
    await capture(finance, 'task-repayment', taskPageReady);
    await submitAndReturnToInbox(finance);
    await waitForStage(w, c.ops.headers, c.caseId, 'closed', 'revoked');

    await finance.goto(`${w.baseUrl}/app/cases/${encodeURIComponent(c.caseId)}`);
    await expect.poll(() => finance.getByTestId('money-table').textContent(), { timeout: 30_000 }).not.toContain('待追回');
    const money = (await finance.getByTestId('money-table').textContent()) ?? '';
    for (const component of c.rules.components) expect(money.split(yuan(component.amountFen)).length - 1).toBe(4);
    await capture(finance, 'case-repaid', async (page) => {
      await page.getByTestId('money-table').waitFor();
      await expectAmountsOnOneLine(page, 'money-table');
    });

    // Every stage's date comes from when the read model recorded it, read in Beijing time: all
    // within this run, none from the office's clock (which stands in the notice year here).
    const stepDates = ((await finance.getByTestId('stage-steps').textContent()) ?? '').match(/\d{4}-\d\d-\d\d/g) ?? [];
    expect(stepDates.length).toBeGreaterThanOrEqual(7);
    const runDays = new Set([officeDay(startedAt), officeDay(Date.now())]);
    expect(stepDates.filter((day) => !runDays.has(day))).toEqual([]);
  });
});
