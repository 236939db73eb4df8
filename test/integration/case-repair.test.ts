// A case whose history no longer replays is brought back by the operator command:
// found stuck, reset to the workflow task where it diverges, reconciled, and then run
// to its payment under the current code, paid once.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import proto from '@temporalio/proto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.js';
import { auditLog, enterprises, payments } from '../../db/schema.js';
import { findDivergence } from '../../scripts/lib/case-repair.js';
import { createCaseWorker, workflowInterceptorModules, workflowsPath } from '../../worker/create-worker.js';
import {
  caseViewQuery,
  caseWorkflowId,
  CASE_WORKFLOW_TYPE,
  committeeDecisionUpdate,
  DEFAULT_CASE_SETTINGS,
  formalReviewUpdate,
  settlePaymentUpdate,
} from '../../workflows/subsidy-case/messages.js';
import type { CaseInput, TaskView } from '../../workflows/subsidy-case/messages.js';
import { committeeMember, financeClerk, officer } from '../support/case-harness.js';
import { openTestDatabase, uniqueId } from '../support/database.js';
import { bundleCaseWorkflows } from '../support/workflow-bundle.js';

const run = promisify(execFile);
const EventType = proto.temporal.api.enums.v1.EventType;
const stuckFolder = fileURLToPath(new URL('../replay/stuck/', import.meta.url));

let env: TestWorkflowEnvironment;
let database: DatabaseHandle;
let realBundle: WorkflowBundleWithSourceMap;
let divergentBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: inject('devServerAddress') });
  database = await openTestDatabase();
  const divergentApi = fileURLToPath(new URL('../support/divergent-workflow-api.ts', import.meta.url));
  [realBundle, divergentBundle] = await Promise.all([
    bundleCaseWorkflows(),
    bundleWorkflowCode({
      workflowsPath,
      workflowInterceptorModules,
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
      webpackConfigHook: (config) => {
        config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as object), '@temporalio/workflow$': divergentApi } };
        return config;
      },
    }),
  ]);
}, 120_000);

afterAll(async () => {
  await database?.close();
  await env?.teardown();
});

describe('the stuck histories of issue 11', () => {
  const files = readdirSync(stuckFolder).filter((f) => f.endsWith('.pb'));

  it.each(files)('%s: the repair finds the workflow task where it diverges', async (file) => {
    const history = proto.temporal.api.history.v1.History.decode((await import('node:fs')).readFileSync(`${stuckFolder}${file}`));
    const divergence = await findDivergence(realBundle, history);
    expect(divergence?.error).toMatch(/TMPRL1100/);
    const resetEvent = history.events?.find((e) => Number(e.eventId) === divergence!.resetEventId);
    expect(resetEvent?.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    // Everything before the diverging task replays: the reset keeps exactly that.
    const before = (history.events ?? []).filter((e) => Number(e.eventId) < divergence!.resetEventId - 1);
    await expect(Worker.runReplayHistory({ workflowBundle: realBundle }, { events: before })).resolves.toBeUndefined();
  });
});

describe('npm run repair-case', () => {
  it('brings a stuck case back without paying twice', async () => {
    const taskQueue = uniqueId('repair');
    const enterpriseId = uniqueId('ent');
    await database.db.insert(enterprises).values({ id: enterpriseId, name: enterpriseId, organisation: uniqueId('org') });
    const input: CaseInput = {
      applicationId: uniqueId('app'),
      program: 'A5-DATA-REGISTER',
      enterpriseId,
      noticeYear: 2026,
      submittedOn: '2026-03-10',
      policyVersion: '2025-draft',
      registeredInDistrict: true,
      qualifications: [],
      facts: { registrationFeesFen: 12_345_678 },
      evidence: [],
      settings: { ...DEFAULT_CASE_SETTINGS, noticePeriod: '4 seconds' },
    };
    const workflowId = caseWorkflowId(input.applicationId);
    const handle = await env.client.workflow.start(CASE_WORKFLOW_TYPE, { taskQueue, workflowId, args: [input] });
    const openTask = async (kind: string): Promise<TaskView> => {
      let found: TaskView | undefined;
      await expect
        .poll(async () => {
          found = (await env.client.workflow.getHandle(workflowId).query(caseViewQuery)).openTasks.find((t) => t.kind === kind);
          return found !== undefined;
        }, { timeout: 30_000, interval: 100 })
        .toBe(true);
      return found!;
    };

    // Recorded by the older code up to the public notice.
    const older = await createCaseWorker({ connection: env.nativeConnection, db: database.db, taskQueue, workflowBundle: divergentBundle });
    await older.runUntil(async () => {
      const review = await openTask('formal-review');
      await handle.executeUpdate(formalReviewUpdate, { args: [{ taskId: review.taskId, actor: officer, decision: 'accept' }] });
      const committee = await openTask('committee-decision');
      const { maximumFen } = await handle.query(caseViewQuery);
      await handle.executeUpdate(committeeDecisionUpdate, { args: [{ taskId: committee.taskId, actor: committeeMember, decision: 'approve', amountFen: maximumFen! }] });
      await expect.poll(async () => (await handle.query(caseViewQuery)).stage, { timeout: 20_000 }).toBe('public-notice');
    });

    const current = await createCaseWorker({ connection: env.nativeConnection, db: database.db, taskQueue, workflowBundle: realBundle });
    await current.runUntil(async () => {
      // The notice period ends; the current code cannot replay the case and its task fails on every attempt.
      await expect
        .poll(async () => (await handle.fetchHistory()).events?.some((e) => /TMPRL1100/.test(e.workflowTaskFailedEventAttributes?.failure?.message ?? '')), { timeout: 60_000, interval: 500 })
        .toBe(true);

      const dryRun = await run('npx', ['tsx', 'scripts/repair-case.ts', input.applicationId, '--dry-run'], { env: { ...process.env, TEMPORAL_ADDRESS: inject('devServerAddress') } });
      expect(JSON.parse(dryRun.stdout)).toMatchObject({ verdict: 'would reset (dry run)', divergence: { error: expect.stringMatching(/TMPRL1100/) } });

      const repaired = JSON.parse((await run('npx', ['tsx', 'scripts/repair-case.ts', input.applicationId], { env: { ...process.env, TEMPORAL_ADDRESS: inject('devServerAddress') } })).stdout);
      expect(repaired).toMatchObject({ verdict: 'reset and reconciled', reconciled: true, newRunId: expect.any(String) });

      const confirmation = await openTask('payment-confirmation');
      await env.client.workflow.getHandle(workflowId).executeUpdate(settlePaymentUpdate, { args: [{ taskId: confirmation.taskId, actor: financeClerk, outcome: 'paid', reference: 'BANK-REPAIRED' }] });
      expect(await env.client.workflow.getHandle(workflowId).result()).toMatchObject({ status: 'completed' });
      // The repaired run replays under the current code.
      const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
      await expect(Worker.runReplayHistory({ workflowBundle: realBundle }, history)).resolves.toBeUndefined();
    });

    const rows = await database.db.select().from(payments).where(eq(payments.caseId, input.applicationId));
    expect(rows).toEqual([expect.objectContaining({ status: 'paid', reference: 'BANK-REPAIRED' })]);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.caseId, input.applicationId));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['tasks-reconciled', 'payment-instructed', 'payment-confirmed']));
    expect(audit.filter((a) => a.action === 'payment-instructed')).toHaveLength(1);
  }, 180_000);
});
