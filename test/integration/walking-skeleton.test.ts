// The whole path on real servers: API → workflow → PostgreSQL → officer's decision →
// committee → rules → one payment → the case with its timeline, read back through
// the API.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.js';
import { annualNotices, auditLog, payments } from '../../db/schema.js';
import { createCaseWorker } from '../../worker/create-worker.js';
import { caseWorkflowId } from '../../workflows/subsidy-case/messages.js';
import { buildTestApp, createTestEnterprise, createTestUser } from '../support/api-client.js';
import type { TestUser } from '../support/api-client.js';
import { openTestDatabase, uniqueId } from '../support/database.js';
import { bundleCaseWorkflows } from '../support/workflow-bundle.js';
import { uniqueYear } from './api/fixtures.js';

describe('walking skeleton: A5-DATA-REGISTER from application to payment', () => {
  let env: TestWorkflowEnvironment;
  let database: DatabaseHandle;
  let worker: Worker;
  let workerRun: Promise<void>;
  let app: FastifyInstance;
  const taskQueue = uniqueId('skeleton');
  // A notice year of its own (one notice per year, from the sequence every test file
  // draws from), with the office's clock inside it.
  let year = 0;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createFromExistingServer({ address: inject('devServerAddress') });
    database = await openTestDatabase();
    year = await uniqueYear(database);
    await database.db
      .insert(annualNotices)
      .values({
        year,
        applicationOpensOn: `${year}-01-01`,
        applicationClosesOn: `${year}-12-31`,
        reportingOpensOn: `${year}-11-01`,
        reportingClosesOn: `${year}-12-31`,
        programs: { 'A5-DATA-REGISTER': { budgetFen: 100_000_000 } },
        settings: { noticePeriod: '1s' },
        createdBy: 'test',
      })
      .onConflictDoNothing();
    worker = await createCaseWorker({ connection: env.nativeConnection, db: database.db, taskQueue, workflowBundle: await bundleCaseWorkflows() });
    workerRun = worker.run();
    app = await buildTestApp({ db: database.db, temporal: env.client, taskQueue, now: () => new Date(`${year}-06-15T02:00:00Z`) });
  });

  afterAll(async () => {
    await app?.close();
    worker?.shutdown();
    await workerRun;
    await database?.close();
    await env?.teardown();
  });

  async function openTask(caseId: string, kind: string, as: TestUser): Promise<string> {
    let taskId = '';
    await expect
      .poll(async () => {
        const detail = (await app.inject({ method: 'GET', url: `/cases/${caseId}`, headers: as.headers })).json();
        taskId = (detail.openTasks as { taskId: string; kind: string }[] | undefined)?.find((t) => t.kind === kind)?.taskId ?? '';
        return taskId;
      }, { timeout: 20_000 })
      .not.toBe('');
    return taskId;
  }

  it('records, reviews, decides, pays once and shows the timeline', async () => {
    const enterpriseId = await createTestEnterprise(database.db);
    const applicant = await createTestUser(database.db, 'applicant', { enterpriseId });
    const officer = await createTestUser(database.db, 'officer');
    const committee = await createTestUser(database.db, 'committee');
    const finance = await createTestUser(database.db, 'finance');
    const ops = await createTestUser(database.db, 'ops');
    const applicationId = uniqueId('reg');
    const application = {
      applicationId,
      program: 'A5-DATA-REGISTER',
      qualifications: [],
      facts: { registrationFeesFen: 12_345_678 },
      evidence: [
        { kind: 'business-licence', reference: 'BL-1' },
        { kind: 'registration-certificate', reference: 'RC-1' },
        { kind: 'fee-invoices', reference: 'INV-1' },
      ],
    };

    const submitted = await app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: application });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.headers.location).toBe(`/cases/${applicationId}`);

    const repeated = await app.inject({ method: 'POST', url: '/applications', headers: applicant.headers, payload: application });
    expect(repeated.statusCode).toBe(409);
    expect(repeated.headers['content-type']).toContain('application/problem+json');

    const review = await openTask(applicationId, 'formal-review', officer);
    const decide = (user: TestUser, taskId: string, payload: object) =>
      app.inject({ method: 'POST', url: `/tasks/${encodeURIComponent(taskId)}/decision`, headers: user.headers, payload });

    expect((await decide(applicant, review, { decision: 'accept' })).statusCode).toBe(403);
    const accepted = await decide(officer, review, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().taskId).toContain(applicationId);
    expect((await decide(officer, review, { decision: 'accept' })).statusCode).toBe(409);

    const committeeTask = await openTask(applicationId, 'committee-decision', committee);
    const maximum = (await app.inject({ url: `/cases/${applicationId}`, headers: committee.headers })).json().maximumAmountFen as number;
    expect(maximum).toBeGreaterThan(0);
    expect((await decide(committee, committeeTask, { decision: 'approve', amountFen: maximum })).statusCode).toBe(200);

    const paymentTask = await openTask(applicationId, 'payment-confirmation', finance);
    expect((await decide(finance, paymentTask, { outcome: 'paid', reference: 'BANK-1' })).statusCode).toBe(200);

    await env.client.workflow.getHandle(caseWorkflowId(applicationId)).result();

    const shown = await app.inject({ method: 'GET', url: `/cases/${applicationId}`, headers: applicant.headers });
    expect(shown.statusCode).toBe(200);
    const detail = shown.json();
    expect(detail.status).toBe('completed');
    expect(detail.approvedAmountFen).toBe(maximum);
    expect(detail.payments).toEqual([expect.objectContaining({ paymentKey: `${applicationId}:y1:one-off`, supportYear: 1, component: 'one-off', amountFen: maximum, status: 'paid' })]);

    const timeline = (await app.inject({ method: 'GET', url: `/cases/${applicationId}/timeline`, headers: ops.headers })).json();
    const types = timeline.entries.filter((e: { source: string }) => e.source === 'workflow').map((e: { what: string }) => e.what);
    expect(types[0]).toBe('workflow-execution-started');
    expect(types).toContain('workflow-execution-update-accepted');
    expect(types.at(-1)).toBe('workflow-execution-completed');

    const paid = await database.db.select().from(payments).where(eq(payments.caseId, applicationId));
    expect(paid).toHaveLength(1);

    // Operations find cases by their search attributes (the dev server's visibility).
    const query = `SubsidyProgram = 'A5-DATA-REGISTER' AND SubsidyStage = 'closed' AND WorkflowId = '${caseWorkflowId(applicationId)}'`;
    await expect
      .poll(async () => {
        const found: string[] = [];
        for await (const workflow of env.client.workflow.list({ query })) found.push(workflow.workflowId);
        return found;
      }, { timeout: 10_000, interval: 200 })
      .toEqual([caseWorkflowId(applicationId)]);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.caseId, applicationId));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['application-submitted', 'task-decided', 'payment-instructed', 'case-closed']));

    const foreignEnterprise = await createTestEnterprise(database.db);
    const foreign = await createTestUser(database.db, 'applicant', { enterpriseId: foreignEnterprise });
    expect((await app.inject({ method: 'GET', url: `/cases/${applicationId}`, headers: foreign.headers })).statusCode).toBe(404);
  });
});
