// An objection received during the public notice, through the workspace: the officer
// files it on the case page (an empty one is refused at its field), the case goes
// back to the committee, and the committee finds the new decision in its inbox. The
// case is brought to its notice through the API (set-up); each person works in a
// browser context of their own; pages are checked by axe and photographed in zh and en.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture, fieldError } from '../../support/workspace-driver.js';
import { approveA6Case, fileA6Case, waitForStage } from '../../support/workspace-cases.js';
import { startWorkspaceEnv } from '../../support/workspace-env.js';
import type { WorkspaceEnv } from '../../support/workspace-env.js';

let w: WorkspaceEnv;
beforeAll(async () => {
  w = await startWorkspaceEnv('browser-objection');
});
afterAll(async () => {
  await w?.close();
});

describe('an objection in the workspace', () => {
  it('sends a case in its public notice back to the committee', { timeout: 300_000 }, async () => {
    // A notice long enough for the objection to arrive within it.
    const c = await fileA6Case(w, { noticePeriod: '1 hour' });
    await approveA6Case(w, c);
    await waitForStage(w, c.ops.headers, c.caseId, 'public-notice');

    const officer = await w.open(c.officer.actor.userId);
    await officer.goto(`${w.baseUrl}/app/cases/${encodeURIComponent(c.caseId)}`);
    const objection = officer.getByRole('button', { name: /提\s*交/ });
    await objection.waitFor();
    await capture(officer, 'case-objection', async (page) => void (await page.getByText(/公示异议|Objection during the public notice/).first().waitFor()));

    // Without grounds: the API's 400 names the reason, shown at that field.
    await objection.click();
    await expect.poll(() => fieldError(officer, '理由').textContent(), { timeout: 15_000 }).toBeTruthy();
    await officer.getByLabel('理由', { exact: true }).fill('公示期内收到实名异议：申报面积与租赁合同不符');
    await objection.click();
    await officer.getByText('已提交').waitFor({ timeout: 30_000 });
    await waitForStage(w, c.ops.headers, c.caseId, 'committee');

    // The committee decides again: the new task is in its inbox, and the case page shows where it stands.
    const committee = await w.open(c.committee.actor.userId);
    const search = committee.getByLabel('案件');
    await search.fill(c.caseId);
    await search.press('Enter');
    await expect.poll(() => committee.getByTestId('task-link').filter({ hasText: '管委会决定' }).count(), { timeout: 30_000 }).toBe(1);
    await capture(committee, 'inbox-committee-after-objection', async (page) => void (await page.getByTestId('task-link').first().waitFor()));
    await officer.reload();
    // Each timeline entry links to its run in the Temporal Web UI (the dev server's UI unless TEMPORAL_UI_URL says otherwise).
    const runLink = officer.getByTestId('timeline').getByRole('link').first();
    await expect.poll(async () => runLink.getAttribute('href'), { timeout: 30_000 }).toMatch(/^http:\/\/127\.0\.0\.1:8233\/namespaces\/default\/workflows\/case-[^/]+\/[^/]+\/history$/);
    await expect(officer.locator('#case-title').textContent()).resolves.toContain(c.caseId);
    await expect(officer.getByTestId('stage-steps').textContent()).resolves.toContain('管委会审议');
  });
});
