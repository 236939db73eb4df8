// The policy preview in the workspace: a committee member writes a candidate version,
// sees a bad one refused at the candidate's box with the patch's field named, then
// previews one that raises A6's operating-funds cap and finds the totals against the
// budget and the case it moves, year by year, and downloads the per-case table. The
// case is an application filed through the API (set-up); the page is checked by axe
// and photographed in zh and en.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualNotices } from '../../../db/schema.js';
import { policyVersionInForce, programDefinition, programName } from '../../../rules/index.js';
import { createTestEnterprise } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { yuan } from '../../support/workspace-cases.js';
import { expectAmountsOnOneLine } from '../../support/amounts-on-one-line.js';
import { capture, fieldError } from '../../support/workspace-driver.js';
import { startWorkspaceEnv } from '../../support/workspace-env.js';
import type { WorkspaceEnv } from '../../support/workspace-env.js';

const PROGRAM = 'A6-PLATFORM';
const CANDIDATE_LABEL = '候选版本（JSON 或 YAML）';

let w: WorkspaceEnv;
beforeAll(async () => {
  w = await startWorkspaceEnv('browser-policy-preview');
});
afterAll(async () => {
  await w?.close();
});

describe('the policy preview page', () => {
  it('names a bad field of the patch, then shows what raising one cap does to the totals and the case', { timeout: 300_000 }, async () => {
    const budgetFen = 2_000_000_000;
    await w.database.db.insert(annualNotices).values({
      year: w.year,
      applicationOpensOn: `${w.year}-03-01`,
      applicationClosesOn: `${w.year}-09-30`,
      reportingOpensOn: `${w.year}-11-01`,
      reportingClosesOn: `${w.year}-12-15`,
      programs: { [PROGRAM]: { budgetFen } },
      settings: { taskDue: '2 days', noticePeriod: '1 hour', panelSize: 3 },
      createdBy: 'test',
    });
    const enterpriseId = await createTestEnterprise(w.database.db);
    const [applicant, committee] = await Promise.all([w.person('applicant', { enterpriseId }), w.person('committee')]);
    const submittedOn = `${w.year}-06-15`;
    const basedOn = policyVersionInForce(submittedOn).id;
    // Operating costs of 6m yuan: 5m under the current cap, 6m under the candidate's 8m.
    const caseId = uniqueId('browser-preview');
    const filed = await w.app.inject({
      method: 'POST',
      url: '/applications',
      headers: { ...applicant.headers, 'idempotency-key': uniqueId('setup') },
      payload: {
        applicationId: caseId,
        program: PROGRAM,
        qualifications: ['platform-national'],
        facts: { rentPaidFen: 100_000_000, areaUsedM2: 1000, operatingCostsFen: 600_000_000 },
        evidence: programDefinition(basedOn, PROGRAM).evidence.map((kind, i) => ({ kind, reference: `P-${i + 1}` })),
      },
    });
    expect(filed.statusCode, filed.body).toBeLessThan(300);

    const candidate = {
      id: `browser-preview-${w.year}`,
      effectiveFrom: `${w.year}-01-02`,
      basedOn,
      titleZh: '重点实验室运营经费上限调整（测试）',
      titleEn: 'A6 operating cap raised to 8m yuan (test)',
      programs: { [PROGRAM]: { components: { operating: { capFen: 800_000_000 } } } },
    };

    const page = await w.open(committee.actor.userId);
    await page.getByRole('link', { name: '政策修订预览' }).click();
    await page.getByRole('heading', { name: '政策修订预览' }).waitFor();

    // Choosing a published version starts a patch that builds on it.
    await page.getByLabel('以已发布版本为起点').click();
    // Ant Design's visible options (its role=option list is for screen readers and holds only values).
    await page.locator('.ant-select-item-option').filter({ hasText: `${basedOn} ·` }).click();
    await expect.poll(() => page.getByLabel(CANDIDATE_LABEL).inputValue()).toContain(`"basedOn": "${basedOn}"`);

    // A cap that is not an amount: the API's 400 names the patch's field at the candidate's box.
    const box = page.getByLabel(CANDIDATE_LABEL);
    await box.fill(JSON.stringify({ ...candidate, programs: { [PROGRAM]: { components: { operating: { capFen: 'eight million' } } } } }, null, 2));
    await page.getByRole('button', { name: /预\s*览/ }).click();
    await expect.poll(() => fieldError(page, CANDIDATE_LABEL).textContent(), { timeout: 15_000 }).toContain(`programs.${PROGRAM}.components.operating.capFen`);
    await expect(page.getByTestId('preview-result').count()).resolves.toBe(0);

    await box.fill(JSON.stringify(candidate, null, 2));
    await page.getByRole('button', { name: /预\s*览/ }).click();
    await page.getByTestId('preview-result').waitFor({ timeout: 60_000 });
    await expect.poll(() => fieldError(page, CANDIDATE_LABEL).count()).toBe(0);
    await expect(page.getByTestId('preview-changes').textContent()).resolves.toContain(`programs.${PROGRAM}.components.operating.capFen`);

    // This year's A6 row: the budget beside the amounts (the case moves 5m → 6m yuan in its first year).
    const totalsRow = page.getByTestId('preview-totals').locator('tr').filter({ hasText: programName(PROGRAM, 'zh') }).filter({ hasText: String(w.year) });
    await expect(totalsRow.count()).resolves.toBe(1);
    const totalsText = await totalsRow.textContent();
    expect(totalsText).toContain(yuan(budgetFen));
    await page.getByTestId('chart-preview-totals').and(page.locator('[data-rendered="true"]')).waitFor();

    // The case, found by its number: +1m yuan in each of its three support years, +3m in all.
    await page.getByLabel('按案件编号筛选').fill(caseId);
    await page.getByLabel('按案件编号筛选').press('Enter');
    const caseRows = page.getByTestId('preview-cases').locator('tbody > tr.ant-table-row');
    await expect.poll(() => caseRows.count()).toBe(1);
    const caseText = await caseRows.first().textContent();
    expect(caseText).toContain(programName(PROGRAM, 'zh'));
    expect(caseText).toContain(`+${yuan(300_000_000)}`);
    expect(caseText).toContain('增加');
    // Opened, the case is asked for on its own: each year's operating funds 5m → 6m yuan,
    // and both traces, the candidate's reading its 8m yuan cap.
    await caseRows.first().getByRole('button').first().click();
    const years = page.getByTestId(`preview-case-${caseId}`).locator('.ant-card').filter({ hasText: '支持年度' }).filter({ hasText: '预算年度' });
    await expect.poll(() => years.count(), { timeout: 15_000 }).toBe(3);
    for (let i = 0; i < 3; i += 1) {
      const year = years.nth(i);
      const operating = year.locator('tbody > tr.ant-table-row').filter({ hasText: '运营' });
      await expect(operating.textContent()).resolves.toContain(`+${yuan(100_000_000)}`);
      const [ownTrace, candidateTrace] = [year.locator('.ant-card').nth(0), year.locator('.ant-card').nth(1)];
      await expect(ownTrace.textContent()).resolves.toContain(yuan(500_000_000).slice(1)); // the trace writes 5,000,000.00元
      await expect(candidateTrace.textContent()).resolves.toContain(yuan(800_000_000).slice(1));
    }

    await capture(page, 'policy-preview', async (p) => {
      await p.getByTestId('preview-result').waitFor();
      await p.getByTestId('chart-preview-totals').and(p.locator('[data-rendered="true"]')).waitFor();
      for (const table of ['preview-totals', 'preview-cases']) await expectAmountsOnOneLine(p, table);
    });

    // The per-case table as CSV: the case's operating rows, 5m → 6m yuan each year.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载 CSV/ }).click()]);
    expect(download.suggestedFilename()).toBe(`preview-${candidate.id}.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    const operatingRows = csv.split('\r\n').filter((line) => line.startsWith(`${caseId},`) && line.includes(',operating,'));
    expect(operatingRows).toHaveLength(3);
    for (const row of operatingRows) expect(row).toContain(',5000000.00,6000000.00,1000000.00,1000000.00');
  });
});
