// GET /ops/stuck-activities on a real failing activity: a worker whose database is
// gone keeps retrying the case's first activity, and operations see it with its
// attempt count and last failure.
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { createCaseWorker } from '../../../worker/create-worker.js';
import { CASE_WORKFLOW_TYPE, caseWorkflowId, DEFAULT_CASE_SETTINGS } from '../../../workflows/subsidy-case/messages.js';
import type { CaseInput } from '../../../workflows/subsidy-case/messages.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import { openTestDatabase, uniqueId } from '../../support/database.js';
import { bundleCaseWorkflows } from '../../support/workflow-bundle.js';
import { seedCase, startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let gone: DatabaseHandle;
let worker: Worker;
let workerRun: Promise<void>;

beforeAll(async () => {
  h = await startHarness();
  gone = await openTestDatabase();
  await gone.close();
  worker = await createCaseWorker({ connection: h.env.nativeConnection, db: gone.db, taskQueue: h.taskQueue, workflowBundle: await bundleCaseWorkflows() });
  workerRun = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await h?.close();
});

it('lists the retrying activity of a running case with its last failure', async () => {
  const enterpriseId = await createTestEnterprise(h.database.db);
  const ops = await createTestUser(h.database.db, 'ops');
  // The read model row the activity could not write, seeded so operations know the case.
  const { caseId } = await seedCase(h, enterpriseId, { id: uniqueId('stuck') });
  const input: CaseInput = {
    applicationId: caseId,
    program: 'A5-DATA-REGISTER',
    enterpriseId,
    noticeYear: h.year,
    submittedOn: `${h.year}-06-15`,
    policyVersion: '2030-final-example',
    registeredInDistrict: true,
    qualifications: [],
    facts: { registrationFeesFen: 100 },
    evidence: [],
    settings: DEFAULT_CASE_SETTINGS,
  };
  const handle = await h.env.client.workflow.start(CASE_WORKFLOW_TYPE, { taskQueue: h.taskQueue, workflowId: caseWorkflowId(caseId), args: [input] });
  try {
    let item: Record<string, unknown> | undefined;
    await expect
      .poll(
        async () => {
          const res = await h.app.inject({ url: '/ops/stuck-activities?days=1&limit=500', headers: ops.headers });
          item = (res.json().items as Record<string, unknown>[]).find((i) => i.caseId === caseId);
          return item?.attempt ?? 0;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBeGreaterThan(1);
    expect(item).toMatchObject({ workflowId: caseWorkflowId(caseId), program: 'A5-DATA-REGISTER', activityType: expect.any(String) });
    expect(item?.lastFailure).toContain('CONNECTION_ENDED');
  } finally {
    await handle.terminate('test over');
  }
});
