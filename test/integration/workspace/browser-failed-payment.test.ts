// A failed payment through the workspace: finance reports the failure of a payment
// (without a reason the API's 400 is shown at the reason field, and the form keeps
// its choice), the instruction is sent again, and the new confirmation task for the
// same component and amount is in finance's inbox with the failure among its earlier
// decisions. Set-up to the payment through the API; axe and screenshots zh and en.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture, fieldError, openTaskFromInbox, submitAndReturnToInbox, taskPageReady } from '../../support/workspace-driver.js';
import { approveA6Case, fileA6Case, openTasksOf, yuan } from '../../support/workspace-cases.js';
import { startWorkspaceEnv } from '../../support/workspace-env.js';
import type { WorkspaceEnv } from '../../support/workspace-env.js';

let w: WorkspaceEnv;
beforeAll(async () => {
  w = await startWorkspaceEnv('browser-failed-payment');
});
afterAll(async () => {
  await w?.close();
});

describe('a failed payment in the workspace', () => {
  it('is reported with its reason and sent again', { timeout: 300_000 }, async () => {
    const c = await fileA6Case(w);
    await approveA6Case(w, c);

    const finance = await w.open(c.finance.actor.userId);
    await openTaskFromInbox(finance, w.baseUrl, c.caseId, '拨付确认');
    const subject = (await finance.getByTestId('task-subject').textContent()) ?? '';
    const component = c.rules.components.find((k) => subject.includes(yuan(k.amountFen)));
    expect(component, subject).toBeDefined();
    const firstTask = finance.url();

    await finance.getByText('失败', { exact: true }).click();
    await finance.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(() => fieldError(finance, '理由').textContent(), { timeout: 15_000 }).toBeTruthy();
    // Refused: the choice made stays.
    await expect(finance.getByRole('radio', { name: '失败' }).isChecked()).resolves.toBe(true);
    await finance.getByLabel('理由', { exact: true }).fill('收款账户已销户，退票');
    await capture(finance, 'task-payment-failed', taskPageReady);
    await submitAndReturnToInbox(finance);

    // Sent again: a new confirmation task for the same component and amount, the failure among its earlier decisions.
    let resent: { taskId: string } | undefined;
    await expect.poll(async () => {
      const tasks = await openTasksOf(w, c.finance.headers, c.caseId, 'payment-confirmation');
      resent = tasks.find((t) => !firstTask.endsWith(encodeURIComponent(t.taskId)) && t.subject?.items.some((i) => i.component === component!.name));
      return resent !== undefined;
    }, { timeout: 60_000, interval: 500 }).toBe(true);
    await finance.goto(`${w.baseUrl}/app/tasks/${encodeURIComponent(resent!.taskId)}`);
    await taskPageReady(finance);
    await expect.poll(() => finance.getByTestId('task-subject').textContent()).toContain(yuan(component!.amountFen));
    await expect.poll(() => finance.locator('body').textContent(), { timeout: 15_000 }).toContain('收款账户已销户，退票');
    await capture(finance, 'task-payment-resent', taskPageReady);
  });
});
