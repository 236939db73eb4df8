// A repayment through the workspace: after the committee revoked a paid award (set-up
// through the API), finance finds the repayment task in the inbox with the amount per
// year and component, confirms it with the bank reference, and the case page shows
// the money recovered. Axe and screenshots zh and en.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueId } from '../../support/database.js';
import { capture, openTaskFromInbox, submitAndReturnToInbox, taskPageReady } from '../../support/workspace-driver.js';
import { approveA6Case, fileA6Case, payA6Case, revokeA6Case, waitForStage, yuan } from '../../support/workspace-cases.js';
import { startWorkspaceEnv } from '../../support/workspace-env.js';
import type { WorkspaceEnv } from '../../support/workspace-env.js';

let w: WorkspaceEnv;
beforeAll(async () => {
  w = await startWorkspaceEnv('browser-repayment');
});
afterAll(async () => {
  await w?.close();
});

describe('a repayment in the workspace', () => {
  it('shows what is owed per year and component, and confirms it', { timeout: 300_000 }, async () => {
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
    await capture(finance, 'case-repaid', async (page) => void (await page.getByTestId('money-table').waitFor()));
  });
});
