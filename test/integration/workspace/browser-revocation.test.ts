// Revoking an award through the workspace: on the case page of a case whose first year
// was paid, the committee states the grounds and the reason (without them the API's
// 400 is shown at each field); the case goes into recovery and what was paid is owed back per
// component. Set-up to the payment through the API; axe and screenshots zh and en.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture, fieldError } from '../../support/workspace-driver.js';
import { approveA6Case, fileA6Case, payA6Case, waitForStage, yuan } from '../../support/workspace-cases.js';
import { startWorkspaceEnv } from '../../support/workspace-env.js';
import type { WorkspaceEnv } from '../../support/workspace-env.js';

let w: WorkspaceEnv;
beforeAll(async () => {
  w = await startWorkspaceEnv('browser-revocation');
});
afterAll(async () => {
  await w?.close();
});

describe('a revocation in the workspace', () => {
  it('revokes a paid award, and what was paid is owed back per component', { timeout: 300_000 }, async () => {
    const c = await fileA6Case(w);
    await approveA6Case(w, c);
    await payA6Case(w, c);

    const committee = await w.open(c.committee.actor.userId);
    await committee.goto(`${w.baseUrl}/app/cases/${encodeURIComponent(c.caseId)}`);
    await committee.getByTestId('money-table').waitFor();
    const revoke = committee.getByRole('button', { name: /提\s*交/ });
    await revoke.click();
    await expect.poll(() => fieldError(committee, '理由').textContent(), { timeout: 15_000 }).toBeTruthy();
    await committee.getByText('提供虚假材料', { exact: true }).click();
    await committee.getByLabel('理由', { exact: true }).fill('核查发现租赁合同系伪造');
    await capture(committee, 'case-revocation', async (page) => void (await page.getByTestId('money-table').waitFor()));
    await revoke.click();
    await waitForStage(w, c.ops.headers, c.caseId, 'recovery');

    // The case page: in recovery, each paid component owed back, the revocation form gone.
    await committee.reload();
    await expect.poll(() => committee.getByTestId('stage-steps').textContent(), { timeout: 30_000 }).toContain('追回');
    await expect(committee.getByRole('button', { name: /提\s*交/ }).count()).resolves.toBe(0);
    const money = (await committee.getByTestId('money-table').textContent()) ?? '';
    for (const component of c.rules.components) expect(money).toContain(`待追回 ${yuan(component.amountFen)}`);
    await capture(committee, 'case-revoked', async (page) => void (await page.getByTestId('money-table').waitFor()));
  });
});
