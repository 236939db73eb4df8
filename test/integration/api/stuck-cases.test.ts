// GET /ops/stuck-cases on real servers, one case for each way a case can stop: a
// workflow task that keeps failing (a test workflow whose code throws), an activity
// retrying (a worker whose database is gone), a task the inbox shows that the case
// does not hold (a row inserted in the read model), a task far past its due date, a
// case nothing answers for (no worker on its queue, or no workflow at all).
import type { Worker } from '@temporalio/worker';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../../../db/schema.js';
import { createCaseWorker } from '../../../worker/create-worker.js';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../../../workflows/subsidy-case/messages.js';
import { createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { uniqueId } from '../../support/database.js';
import { FAILING_WORKFLOW_MESSAGE, stuckCaseInput, stuckCaseMaker } from '../../support/stuck-cases.js';
import type { StuckCaseMaker } from '../../support/stuck-cases.js';
import { bundleCaseWorkflows } from '../../support/workflow-bundle.js';
import { registerApplication, seedCase, seedNotice, seedTask, startHarness } from './fixtures.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let stuck: StuckCaseMaker;
const workers: { worker: Worker; run: Promise<void> }[] = [];
let ops: TestUser;
let applicant: TestUser;
let enterpriseId: string;
let unpolledQueue: string;
const started: string[] = [];

type Finding = { kind: string; code: string; params: Record<string, unknown>; detail: string; since: string | null };

beforeAll(async () => {
  h = await startHarness();
  await seedNotice(h, undefined, undefined, { taskDue: '1 day', panelSize: 3 });
  unpolledQueue = `${h.taskQueue}-unpolled`;
  const caseBundle = await bundleCaseWorkflows();
  stuck = await stuckCaseMaker(h.env.client, h.env.nativeConnection, h.taskQueue, caseBundle);
  const worker = await createCaseWorker({ connection: h.env.nativeConnection, db: h.database.db, taskQueue: h.taskQueue, workflowBundle: caseBundle });
  workers.push({ worker, run: worker.run() });
  enterpriseId = await createTestEnterprise(h.database.db);
  ops = await createTestUser(h.database.db, 'ops');
  applicant = await createTestUser(h.database.db, 'applicant', { enterpriseId });
});
afterAll(async () => {
  await Promise.allSettled(started.map((id) => h.env.client.workflow.getHandle(id).terminate('test over')));
  await stuck?.close();
  for (const { worker } of workers) worker.shutdown();
  await Promise.all(workers.map((w) => w.run));
  await h?.close();
});

/** The findings the report lists for a case, walking its pages (most recently changed first). */
async function findingsOf(caseId: string, query = ''): Promise<Finding[]> {
  let cursor: string | null = null;
  for (let page = 0; page < 20; page += 1) {
    const res = await h.app.inject({ url: `/ops/stuck-cases?limit=50${query}${cursor ? `&cursor=${cursor}` : ''}`, headers: ops.headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { caseId: string; findings: Finding[] }[]; nextCursor: string | null };
    const item = body.items.find((i) => i.caseId === caseId);
    if (item) return item.findings;
    cursor = body.nextCursor;
    if (!cursor) return [];
  }
  return [];
}

const ofKind = (findings: Finding[], kind: string) => findings.filter((f) => f.kind === kind);

async function start(caseId: string, taskQueue: string): Promise<void> {
  const workflowId = caseWorkflowId(caseId);
  await h.env.client.workflow.start(CASE_WORKFLOW_TYPE, { taskQueue, workflowId, args: [stuckCaseInput(caseId, enterpriseId, h.year)] });
  started.push(workflowId);
}

/** Moves a case's task rows back in time, past the moment the report lets the inbox run ahead of a case. */
async function backdateTasks(caseId: string): Promise<void> {
  await h.database.db
    .update(tasks)
    .set({ createdAt: sql`now() - interval '5 minutes'` })
    .where(eq(tasks.caseId, caseId));
}

describe('GET /ops/stuck-cases', () => {
  it('shows a workflow task that keeps failing, with its failure', async () => {
    const { caseId } = await seedCase(h, enterpriseId, { id: uniqueId('wft') });
    await stuck.failWorkflowTasks(caseId);
    let failing: Finding[] = [];
    await expect
      .poll(
        async () => {
          failing = ofKind(await findingsOf(caseId), 'workflow-task-failing');
          return failing.length;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(1);
    expect(failing[0]!.detail).toContain(FAILING_WORKFLOW_MESSAGE);
    expect(failing[0]).toMatchObject({ code: 'workflow-task-failed', params: { failure: expect.stringContaining(FAILING_WORKFLOW_MESSAGE) } });
    expect(failing[0]!.params.attempt).toBeGreaterThan(1);
    expect(failing[0]!.since).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('shows an activity being retried, with its last failure', async () => {
    const { caseId } = await seedCase(h, enterpriseId, { id: uniqueId('act') });
    await stuck.retryActivities(stuckCaseInput(caseId, enterpriseId, h.year));
    let retrying: Finding[] = [];
    await expect
      .poll(
        async () => {
          retrying = ofKind(await findingsOf(caseId), 'activity-retrying');
          return retrying.length;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    expect(retrying[0]!.detail).toMatch(/attempt \d+.*CONNECTION_ENDED/);
    expect(retrying[0]).toMatchObject({ code: 'activity-retrying', params: { activityType: expect.any(String), state: expect.any(String), lastFailure: expect.stringContaining('CONNECTION_ENDED') } });
  });

  it('shows a task the inbox holds open that the case does not hold, and only that one', async () => {
    const body = registerApplication();
    const submitted = await h.app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: body });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const caseId = body.applicationId;
    started.push(caseWorkflowId(caseId));
    await expect
      .poll(async () => (await h.app.inject({ url: `/cases/${caseId}`, headers: ops.headers })).json().openTasks?.length ?? 0, { timeout: 20_000, interval: 100 })
      .toBeGreaterThan(0);
    const phantom = await seedTask(h, caseId, { kind: 'committee-decision', role: 'committee', stage: 'committee', id: `${caseId}:phantom` });
    await backdateTasks(caseId);
    const notHeld = ofKind(await findingsOf(caseId), 'task-not-held');
    expect(notHeld).toHaveLength(1);
    expect(notHeld[0]!.detail).toContain(phantom);
    expect(notHeld[0]).toMatchObject({ code: 'task-not-held', params: { taskId: phantom, taskKind: 'committee-decision', role: 'committee', assignee: null } });
    expect(notHeld[0]!.since).toMatch(/^\d{4}-/);
  });

  it('shows a task past its due date beyond its escalation, and with quietDays a case unchanged that long', async () => {
    const { caseId } = await seedCase(h, enterpriseId, { id: uniqueId('late') });
    // The office's clock in this harness is mid-June of the test year.
    const late = await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', dueAt: new Date(`${h.year}-05-01T00:00:00Z`) });
    await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', dueAt: new Date(`${h.year}-06-16T00:00:00Z`) });
    const overdue = ofKind(await findingsOf(caseId), 'overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ since: `${h.year}-05-01T00:00:00.000Z` });
    expect(overdue[0]!.detail).toContain(late);
    expect(overdue[0]).toMatchObject({ code: 'task-overdue', params: { taskId: late, taskKind: 'formal-review', role: 'officer', dueAt: `${h.year}-05-01T00:00:00.000Z`, daysLate: 45, escalation: 0 } });
    // A grace longer than the delay: not overdue yet.
    expect(ofKind(await findingsOf(caseId, '&graceDays=60'), 'overdue')).toHaveLength(0);
    const quiet = ofKind(await findingsOf(caseId, '&quietDays=30'), 'overdue').filter((f) => f.detail.startsWith('no change'));
    expect(quiet).toHaveLength(1);
    expect(quiet[0]).toMatchObject({ code: 'case-quiet', params: { days: expect.any(Number) } });
  });

  it('shows a case nothing answers for: no worker on its queue, or no workflow at all', async () => {
    const { caseId } = await seedCase(h, enterpriseId, { id: uniqueId('unpolled') });
    await seedTask(h, caseId, { kind: 'formal-review', role: 'officer', dueAt: null });
    await backdateTasks(caseId);
    await start(caseId, unpolledQueue);
    const unpolled = ofKind(await findingsOf(caseId), 'not-answering');
    expect(unpolled).toHaveLength(1);
    expect(unpolled[0]!.detail).toContain(`no worker polls its task queue ${unpolledQueue}`);
    expect(unpolled[0]).toMatchObject({ code: 'queue-not-polled', params: { taskQueue: unpolledQueue } });

    const { caseId: orphan } = await seedCase(h, enterpriseId, { id: uniqueId('orphan') });
    const orphaned = ofKind(await findingsOf(orphan), 'not-answering')[0];
    expect(orphaned?.detail).toContain('Temporal has no workflow');
    expect(orphaned).toMatchObject({ code: 'workflow-missing', params: { workflowId: expect.any(String) } });
  });

  it('pages through running cases with a cursor, and is for ops and supervisors only', async () => {
    const first = (await h.app.inject({ url: '/ops/stuck-cases?limit=1', headers: ops.headers })).json();
    expect(first.checkedCases).toBe(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await h.app.inject({ url: `/ops/stuck-cases?limit=1&cursor=${first.nextCursor}`, headers: ops.headers })).json();
    expect(second.checkedCases).toBe(1);
    expect(second.nextCursor).not.toBe(first.nextCursor);

    const supervisor = await createTestUser(h.database.db, 'supervisor');
    expect((await h.app.inject({ url: '/ops/stuck-cases?limit=1', headers: supervisor.headers })).statusCode).toBe(200);
    const officer = await createTestUser(h.database.db, 'officer');
    expect((await h.app.inject({ url: '/ops/stuck-cases', headers: officer.headers })).statusCode).toBe(403);
    const bad = await h.app.inject({ url: '/ops/stuck-cases?limit=0&cursor=nonsense', headers: ops.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'querystring.limit' })]));
  });
});
