// Drives case workflows on the time-skipping server with the real worker and real
// activities over the real PostgreSQL: start a case, wait for its tasks, decide them.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { afterAll, beforeAll, expect } from 'vitest';
import type { DatabaseHandle } from '../../db/client.js';
import { enterprises, users } from '../../db/schema.js';
import type { Activities } from '../../activities/index.js';
import { createCaseWorker } from '../../worker/create-worker.js';
import type { CaseWorkerOptions } from '../../worker/create-worker.js';
import { caseViewQuery, caseWorkflowId, CASE_WORKFLOW_TYPE, DEFAULT_CASE_SETTINGS } from '../../workflows/subsidy-case/messages.js';
import type { Actor, CaseInput, CaseSettings, TaskKind, TaskView } from '../../workflows/subsidy-case/messages.js';
import type { CaseOutcome } from '../../workflows/subsidy-case/workflow.js';
import { startTimeSkippingServer } from '../../scripts/lib/temporal-servers.js';
import { openTestDatabase, uniqueId } from './database.js';
import { bundleCaseWorkflows } from './workflow-bundle.js';

/** Short durations, so a test reads like the real calendar but runs in moments. */
export const testSettings: CaseSettings = { ...DEFAULT_CASE_SETTINGS, panelSize: 3 };

export class CaseHarness {
  readonly taskQueue = uniqueId('cases');
  readonly organisation = uniqueId('org');

  constructor(
    readonly env: TestWorkflowEnvironment,
    readonly database: DatabaseHandle,
    private readonly bundle: WorkflowBundleWithSourceMap,
  ) {}

  /** A worker on this harness's queue; pass activities to replace some (e.g. to simulate a crash). */
  worker(activityOverrides: Partial<Activities> = {}, tuning: CaseWorkerOptions['tuning'] = {}): Promise<Worker> {
    return createCaseWorker({
      connection: this.env.nativeConnection,
      db: this.database.db,
      taskQueue: this.taskQueue,
      workflowBundle: this.bundle,
      activityOverrides,
      tuning,
    });
  }

  async enterprise(): Promise<string> {
    const id = uniqueId('ent');
    await this.database.db.insert(enterprises).values({ id, name: `Enterprise ${id}`, organisation: this.organisation });
    return id;
  }

  /** Experts of a specialty, each of its own organisation (so none conflicts). */
  async experts(specialty: string, count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => uniqueId(`expert-${specialty}`));
    await this.database.db
      .insert(users)
      .values(ids.map((id) => ({ id, name: id, role: 'expert' as const, organisation: `${id}-institute`, specialties: [specialty] })));
    return ids;
  }

  async start(input: Partial<CaseInput> & Pick<CaseInput, 'program' | 'facts'>): Promise<WorkflowHandle> {
    const applicationId = input.applicationId ?? uniqueId('app');
    const full: CaseInput = {
      applicationId,
      enterpriseId: input.enterpriseId ?? (await this.enterprise()),
      noticeYear: 2026,
      submittedOn: '2026-03-10',
      policyVersion: '2025-draft',
      registeredInDistrict: true,
      qualifications: [],
      evidence: [],
      settings: testSettings,
      ...input,
    };
    return this.env.client.workflow.start(CASE_WORKFLOW_TYPE, { taskQueue: this.taskQueue, workflowId: caseWorkflowId(applicationId), args: [full] });
  }

  /** Waits until the case has an open task of this kind (and assignee), and returns it. */
  async openTask(handle: WorkflowHandle, kind: TaskKind, assignee?: string): Promise<TaskView> {
    let found: TaskView | undefined;
    await expect
      .poll(
        async () => {
          const view = await handle.query(caseViewQuery);
          found = view.openTasks.find((t) => t.kind === kind && (assignee === undefined || t.assignee === assignee));
          return found !== undefined;
        },
        { timeout: 20_000, interval: 50 },
      )
      .toBe(true);
    return found as TaskView;
  }

  /**
   * Waits until the case has no activity in flight (its read-model writes are in).
   * Tests skip time and terminate cases only from a settled case: a case terminated
   * with a write in flight was seen to keep the time-skipping server from skipping time
   * for the next test of the file (its clock then ran at wall speed).
   */
  async settled(handle: WorkflowHandle): Promise<void> {
    await expect.poll(async () => (await handle.describe()).raw.pendingActivities?.length ?? 0, { timeout: 20_000, interval: 50 }).toBe(0);
  }

  async outcome(handle: WorkflowHandle): Promise<CaseOutcome> {
    return (await handle.result()) as CaseOutcome;
  }
}

export const officer: Actor = { userId: 'officer-1', role: 'officer' };
export const secondOfficer: Actor = { userId: 'officer-2', role: 'officer' };
export const committeeMember: Actor = { userId: 'committee-1', role: 'committee' };
export const financeClerk: Actor = { userId: 'finance-1', role: 'finance' };
export const applicantOf = (enterpriseId: string): Actor => ({ userId: `user-${enterpriseId}`, role: 'applicant', enterpriseId });

/**
 * Per test file: one time-skipping server, the real PostgreSQL, the workflows bundled
 * once, and (unless the file manages its own) one worker for all its tests.
 */
export function useCaseHarness(options: { runWorker?: boolean } = {}): () => CaseHarness {
  let harness: CaseHarness | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    const [env, database, bundle] = await Promise.all([startTimeSkippingServer(), openTestDatabase(), bundleCaseWorkflows()]);
    harness = new CaseHarness(env, database, bundle);
    if (options.runWorker !== false) {
      worker = await harness.worker();
      running = worker.run();
    }
  });
  afterAll(async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await harness?.database.close();
    await harness?.env.teardown();
  });
  return () => {
    if (!harness) throw new Error('the case harness is set up in beforeAll');
    return harness;
  };
}
