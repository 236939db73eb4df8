// A decision's answer is its true outcome, whatever happened on the way: sent again
// under the same Idempotency-Key after it took effect, it gets the first answer (not
// 409) even when no answer was stored, also from a closed case; sent while no worker
// runs, it is "outcome unknown" with its Update id, and the retry under the same key
// learns the outcome the case reached once a worker came back. The case client takes
// an Update id once, says 202 for one taken but not finished in time, and finds one
// taken in the run before a continue-as-new.
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseClient } from '../../../api/case-client.js';
import { idempotencyKeys } from '../../../db/schema.js';
import { createCaseWorker } from '../../../worker/create-worker.js';
import { caseWorkflowId, formalReviewUpdate } from '../../../workflows/subsidy-case/messages.js';
import { buildTestApp, createTestEnterprise, createTestUser } from '../../support/api-client.js';
import type { TestUser } from '../../support/api-client.js';
import { finishSignal, slowDecisionUpdate } from '../../support/slow-update-workflow.js';
import { bundleCaseWorkflows, bundleWorkflows } from '../../support/workflow-bundle.js';
import { registerApplication, seedNotice, startHarness } from './fixtures.js';
import { uniqueId } from '../../support/database.js';
import type { ApiHarness } from './fixtures.js';

let h: ApiHarness;
let bundle: Awaited<ReturnType<typeof bundleCaseWorkflows>>;
let worker: { instance: Worker; run: Promise<void> } | undefined;
let applicant: TestUser;
let officer: TestUser;

async function startWorker(): Promise<void> {
  const instance = await createCaseWorker({ connection: h.env.nativeConnection, db: h.database.db, taskQueue: h.taskQueue, workflowBundle: bundle });
  worker = { instance, run: instance.run() };
}
async function stopWorker(): Promise<void> {
  worker?.instance.shutdown();
  await worker?.run;
  worker = undefined;
}

beforeAll(async () => {
  h = await startHarness();
  await seedNotice(h, undefined, undefined, { taskDue: '1 day', panelSize: 3 });
  bundle = await bundleCaseWorkflows();
  await startWorker();
  const enterpriseId = await createTestEnterprise(h.database.db);
  applicant = await createTestUser(h.database.db, 'applicant', { enterpriseId });
  officer = await createTestUser(h.database.db, 'officer');
});
afterAll(async () => {
  await stopWorker();
  await h?.close();
});

/** A new case, and its formal-review task once the inbox shows it. */
async function caseWithReview(app: FastifyInstance = h.app): Promise<{ caseId: string; taskId: string }> {
  const body = registerApplication();
  const submitted = await app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: body });
  expect(submitted.statusCode, submitted.body).toBe(201);
  let taskId: string | undefined;
  await expect
    .poll(
      async () => {
        const res = await app.inject({ url: `/cases/${body.applicationId}`, headers: officer.headers });
        taskId = res.statusCode === 200 ? (res.json().openTasks as { taskId: string; kind: string }[]).find((t) => t.kind === 'formal-review')?.taskId : undefined;
        return taskId;
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBeDefined();
  return { caseId: body.applicationId, taskId: taskId! };
}

const decide = (app: FastifyInstance, taskId: string, payload: object, key?: string) =>
  app.inject({ method: 'POST', url: `/tasks/${encodeURIComponent(taskId)}/decision`, headers: { ...officer.headers, ...(key && { 'idempotency-key': key }) }, payload });

/** The Updates the case's history records taking: id and name. */
async function updatesTaken(handle: WorkflowHandle): Promise<{ id: string; name: string }[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    const request = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
    return request ? [{ id: request.meta?.updateId ?? '', name: request.input?.name ?? '' }] : [];
  });
}
const timesTaken = async (handle: WorkflowHandle, updateId: string) => (await updatesTaken(handle)).filter((u) => u.id === updateId).length;

async function taskStatus(taskId: string): Promise<string> {
  const res = await h.app.inject({ url: `/tasks?kind=formal-review&limit=200`, headers: officer.headers });
  return (res.json().items as { taskId: string }[]).some((t) => t.taskId === taskId) ? 'open' : 'closed';
}

describe('the same decision sent again under its Idempotency-Key', () => {
  it('gets the stored first answer', async () => {
    const { caseId, taskId } = await caseWithReview();
    const first = await decide(h.app, taskId, { decision: 'accept' }, 'review-stored');
    expect(first.statusCode, first.body).toBe(200);
    const again = await decide(h.app, taskId, { decision: 'accept' }, 'review-stored');
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(first.json()).toMatchObject({ caseId, taskId });
    // The same key on another task is another request: refused, not answered with the first.
    const other = await caseWithReview();
    const reused = await decide(h.app, other.taskId, { decision: 'accept' }, 'review-stored');
    expect(reused.statusCode).toBe(409);
    expect(reused.json().detail).toContain('different request');
  });

  it('gets the first answer from the case itself when none was stored, not 409', async () => {
    const { caseId, taskId } = await caseWithReview();
    const first = await decide(h.app, taskId, { decision: 'accept' }, 'review-lost');
    expect(first.statusCode, first.body).toBe(200);
    // The stored answer lost (as when the database went away before it was written),
    // and the task closed in the read model: only the case knows what happened.
    await h.database.db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, officer.actor.userId), eq(idempotencyKeys.key, 'review-lost')));
    await expect.poll(() => taskStatus(taskId), { timeout: 10_000 }).toBe('closed');
    const again = await decide(h.app, taskId, { decision: 'accept' }, 'review-lost');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    // Without the key it is a new request on a task no longer open.
    expect((await decide(h.app, taskId, { decision: 'accept' })).statusCode).toBe(409);
    const reviews = (await updatesTaken(h.env.client.workflow.getHandle(caseWorkflowId(caseId)))).filter((u) => u.name === formalReviewUpdate.name);
    expect(reviews).toHaveLength(1);
  });
});

describe('a withdrawal sent again under its Idempotency-Key after the case closed', () => {
  it('gets the first answer from the closed case, not 409', async () => {
    const { caseId } = await caseWithReview();
    const withdraw = (key?: string) =>
      h.app.inject({ method: 'POST', url: `/cases/${caseId}/withdraw`, headers: { ...applicant.headers, ...(key && { 'idempotency-key': key }) }, payload: { reason: 'changed plans' } });
    const first = await withdraw('withdraw-1');
    expect(first.statusCode, first.body).toBe(200);
    await h.env.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await h.database.db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, applicant.actor.userId), eq(idempotencyKeys.key, 'withdraw-1')));
    await expect.poll(async () => (await h.app.inject({ url: `/cases/${caseId}`, headers: applicant.headers })).json().status, { timeout: 10_000 }).not.toBe('in-progress');
    const again = await withdraw('withdraw-1');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect((await withdraw()).statusCode).toBe(409);
  });
});

describe('a decision the case does not answer in time', () => {
  it('is "outcome unknown" with its Update id; the retry under the same key gets the outcome the case reached', async () => {
    const impatient = await buildTestApp({ db: h.database.db, temporal: h.env.client, taskQueue: h.taskQueue, now: () => new Date(`${h.year}-06-15T02:00:00Z`), caseAnswerWithinMs: 2_000 });
    try {
      const { caseId, taskId } = await caseWithReview(impatient);
      await stopWorker();
      const first = await decide(impatient, taskId, { decision: 'accept' }, 'review-unknown');
      expect(first.statusCode, first.body).toBe(503);
      const problem = first.json();
      expect(problem).toMatchObject({ type: '/problems/outcome-unknown', dependency: 'temporal', updateId: expect.any(String) });
      expect(first.headers['retry-after']).toBeDefined();

      // Nothing final was stored: while still unknown, the retry is unknown too.
      const meanwhile = await decide(impatient, taskId, { decision: 'accept' }, 'review-unknown');
      expect([202, 503]).toContain(meanwhile.statusCode);
      expect(meanwhile.json().updateId).toBe(problem.updateId);

      await startWorker();
      let answer: { statusCode: number; json(): Record<string, unknown> } | undefined;
      await expect
        .poll(
          async () => {
            answer = await decide(impatient, taskId, { decision: 'accept' }, 'review-unknown');
            return answer.statusCode;
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(200);
      expect(answer!.json()).toMatchObject({ caseId, taskId, status: 'in-progress' });
      // Taken once, however many times it was sent.
      expect(await timesTaken(h.env.client.workflow.getHandle(caseWorkflowId(caseId)), problem.updateId)).toBe(1);
    } finally {
      if (!worker) await startWorker();
      await impatient.close();
    }
  });
});

describe('the case client', () => {
  it('answers an Update id the case already took with its first outcome, without taking it again', async () => {
    const { caseId, taskId } = await caseWithReview();
    const cases = h.app.deps.cases;
    const identity = { updateId: `test-${taskId}`, keyed: true };
    const first = await cases.sendToCase(caseId, formalReviewUpdate, { taskId, actor: officer.actor, decision: 'accept' }, identity);
    // The same id with another decision: the case answers what it answered the first time.
    const second = await cases.sendToCase(caseId, formalReviewUpdate, { taskId, actor: officer.actor, decision: 'reject', reason: 'changed my mind' }, identity);
    expect(second).toEqual(first);
    const handle = h.env.client.workflow.getHandle(caseWorkflowId(caseId));
    expect(await timesTaken(handle, identity.updateId)).toBe(1);
    // A new id for the same task is a new request, which the case refuses: the task is
    // decided (409, the same as the read model's answer, whichever sees it first).
    const refused = await cases
      .sendToCase(caseId, formalReviewUpdate, { taskId, actor: officer.actor, decision: 'reject', reason: 'again' }, { updateId: `test-${taskId}-2`, keyed: false })
      .then(() => undefined, (error: { status?: number }) => error.status);
    expect(refused).toBe(409);
  });
});

describe('Updates to test workflows on their own queue', () => {
  let slowWorker: Worker;
  let run: Promise<void>;
  const taskQueue = () => `${h.taskQueue}-slow`;

  beforeAll(async () => {
    slowWorker = await Worker.create({
      connection: h.env.nativeConnection,
      taskQueue: taskQueue(),
      workflowBundle: await bundleWorkflows(fileURLToPath(new URL('../../support/slow-update-workflow.ts', import.meta.url))),
    });
    run = slowWorker.run();
  });
  afterAll(async () => {
    slowWorker?.shutdown();
    await run;
  });

  it('an Update taken but not finished in time is 202 "outcome unknown"; the same id later gets the outcome, taken once', async () => {
    const caseId = uniqueId('slow');
    const handle = await h.env.client.workflow.start('slowToDecide', { taskQueue: taskQueue(), workflowId: caseWorkflowId(caseId) });
    try {
      const cases = createCaseClient(h.env.client, { answerWithinMs: 1_500 });
      const identity = { updateId: `slow-${caseId}`, keyed: true };
      const unknown = await cases.sendToCase(caseId, slowDecisionUpdate, { note: 'first' }, identity).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(unknown).toMatchObject({ status: 202, kind: { type: '/problems/outcome-unknown', extensions: { updateId: identity.updateId } } });
      expect((unknown as Error).message).toContain('has not finished it yet');

      await handle.signal(finishSignal);
      const receipt = await cases.sendToCase(caseId, slowDecisionUpdate, { note: 'second' }, identity);
      expect(receipt).toEqual({ caseId, stage: 'formal-review', status: 'in-progress' });
      expect(await timesTaken(handle, identity.updateId)).toBe(1);
    } finally {
      await handle.terminate('test over');
    }
  });

  it('an Update id taken in the run before the case continued as new gets its first answer, not the new run refusal', async () => {
    const caseId = uniqueId('continued');
    const first = await h.env.client.workflow.start('decidesThenContinues', { taskQueue: taskQueue(), workflowId: caseWorkflowId(caseId) });
    try {
      const cases = h.app.deps.cases;
      const identity = { updateId: `continued-${caseId}`, keyed: true };
      const receipt = await cases.sendToCase(caseId, slowDecisionUpdate, { note: 'the decision' }, identity);
      await expect.poll(async () => (await h.env.client.workflow.getHandle(caseWorkflowId(caseId)).describe()).runId, { timeout: 10_000 }).not.toBe(first.firstExecutionRunId);
      expect(await cases.sendToCase(caseId, slowDecisionUpdate, { note: 'sent again' }, identity)).toEqual(receipt);
      // A new request is the new run's to refuse.
      await expect(cases.sendToCase(caseId, slowDecisionUpdate, { note: 'new' }, { updateId: `${identity.updateId}-new`, keyed: true })).rejects.toMatchObject({ status: 422 });
    } finally {
      await h.env.client.workflow.getHandle(caseWorkflowId(caseId)).terminate('test over');
    }
  });
});
