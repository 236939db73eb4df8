// The whole path on real servers: API → workflow → PostgreSQL → officer's Update →
// rules → one payment → the case with its history, read back through the API.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.js';
import { auditLog, payments } from '../../db/schema.js';
import { createCaseWorker } from '../../worker/create-worker.js';
import { caseWorkflowId } from '../../workflows/subsidy-case/messages.js';
import { bearer, buildTestApp } from '../support/api-client.js';
import { openTestDatabase, uniqueId } from '../support/database.js';
import { bundleCaseWorkflows } from '../support/workflow-bundle.js';

describe('walking skeleton: A5-DATA-REGISTER from application to payment', () => {
  let env: TestWorkflowEnvironment;
  let database: DatabaseHandle;
  let worker: Worker;
  let workerRun: Promise<void>;
  let app: FastifyInstance;
  const taskQueue = uniqueId('skeleton');

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createFromExistingServer({ address: inject('devServerAddress') });
    database = await openTestDatabase();
    worker = await createCaseWorker({ connection: env.nativeConnection, db: database.db, taskQueue, workflowBundle: await bundleCaseWorkflows() });
    workerRun = worker.run();
    app = await buildTestApp({ db: database.db, temporal: env.client, taskQueue });
  });

  afterAll(async () => {
    await app?.close();
    worker?.shutdown();
    await workerRun;
    await database?.close();
    await env?.teardown();
  });

  it('records, reviews, computes, pays once and shows the history', async () => {
    const applicationId = uniqueId('reg');
    const applicant = await bearer({ userId: 'u-applicant', role: 'applicant', enterpriseId: 'ent-skeleton' });
    const officer = await bearer({ userId: 'u-officer', role: 'officer' });
    const application = {
      applicationId,
      program: 'A5-DATA-REGISTER',
      registeredInDistrict: true,
      qualifications: [],
      // 30% of 123,456.78 yuan = 37,037.034 yuan → rounded down to 3,703,703 fen.
      facts: { registrationFeesFen: 12_345_678 },
    };

    const submitted = await app.inject({ method: 'POST', url: '/applications', headers: applicant, payload: application });
    expect(submitted.statusCode).toBe(201);
    expect(submitted.headers.location).toBe(`/cases/${applicationId}`);

    const repeated = await app.inject({ method: 'POST', url: '/applications', headers: applicant, payload: application });
    expect(repeated.statusCode).toBe(409);
    expect(repeated.headers['content-type']).toContain('application/problem+json');

    // The review task appears once the workflow has recorded the application.
    await expect.poll(async () => (await app.inject({ method: 'GET', url: `/cases/${applicationId}`, headers: officer })).json().stage).toBe('formal-review');

    const byApplicant = await app.inject({ method: 'POST', url: `/cases/${applicationId}/formal-review`, headers: applicant, payload: { decision: 'accept' } });
    expect(byApplicant.statusCode).toBe(403);

    const accepted = await app.inject({ method: 'POST', url: `/cases/${applicationId}/formal-review`, headers: officer, payload: { decision: 'accept' } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().taskId).toContain(applicationId);

    const again = await app.inject({ method: 'POST', url: `/cases/${applicationId}/formal-review`, headers: officer, payload: { decision: 'accept' } });
    expect([409, 422]).toContain(again.statusCode);

    await env.client.workflow.getHandle(caseWorkflowId(applicationId)).result();

    const shown = await app.inject({ method: 'GET', url: `/cases/${applicationId}`, headers: applicant });
    expect(shown.statusCode).toBe(200);
    const detail = shown.json();
    expect(detail.status).toBe('completed');
    expect(detail.approvedAmountFen).toBe(3_703_703);
    expect(detail.payments).toEqual([
      { paymentKey: `${applicationId}:y1:one-off`, supportYear: 1, component: 'one-off', amountFen: 3_703_703, status: 'instructed' },
    ]);
    const types = detail.history.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('workflow-execution-started');
    expect(types).toContain('workflow-execution-update-accepted');
    expect(types.at(-1)).toBe('workflow-execution-completed');

    const paid = await database.db.select().from(payments).where(eq(payments.caseId, applicationId));
    expect(paid).toHaveLength(1);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.caseId, applicationId));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['application-submitted', 'task-decided', 'payment-instructed', 'case-closed']));

    const foreign = await bearer({ userId: 'u-other', role: 'applicant', enterpriseId: 'ent-other' });
    expect((await app.inject({ method: 'GET', url: `/cases/${applicationId}`, headers: foreign })).statusCode).toBe(404);
  });
});
