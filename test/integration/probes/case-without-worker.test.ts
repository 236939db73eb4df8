// A case whose worker is gone (crashed, scaled to zero) cannot answer an Update: the
// API waits for it only so long (the case client's bounded wait), then says the outcome
// is not known and how to learn it, instead of holding the request open for ever.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CASE_WORKFLOW_TYPE } from '../../../workflows/subsidy-case/messages.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { seedCase, seedTask, startHarness } from '../api/fixtures.js';
import type { ApiHarness } from '../api/fixtures.js';

const DEADLINE_MS = 1_500;

let h: ApiHarness;
let officer: TestUser;

beforeAll(async () => {
  h = await startHarness({ caseAnswerWithinMs: DEADLINE_MS });
  officer = await createTestUser(h.database.db, 'officer');
});
afterAll(async () => {
  await h?.close();
});

it('answers a claim on a case no worker runs with an outcome-unknown 503 after the wait', async () => {
  const { caseId } = await seedCase(h, await createTestEnterprise(h.database.db));
  const taskId = await seedTask(h, caseId, { kind: 'formal-review', role: 'officer' });
  // Started on a queue no worker polls: the workflow exists but never runs.
  const handle = await h.env.client.workflow.start(CASE_WORKFLOW_TYPE, { taskQueue: uniqueId('nobody-polls'), workflowId: `case-${caseId}`, args: [{}] });
  try {
    const started = Date.now();
    const res = await h.app.inject({ method: 'POST', url: `/tasks/${encodeURIComponent(taskId)}/claim`, headers: officer.headers });
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: '/problems/outcome-unknown', dependency: 'temporal', updateId: expect.any(String) });
    expect(res.json().detail).toMatch(/did not answer in time/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // The wait, then at most one bounded look at whether the case took the Update.
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 5_000);
  } finally {
    await handle.terminate('probe over');
  }
});
