// Cases made stuck the way they get stuck in production, for the tests that look for
// them (the stuck-case report, the operations dashboard in the browser): a workflow
// whose code keeps failing its workflow task, and a real case workflow whose worker
// has lost its database, so its first activity retries with the database's error.
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import type { NativeConnection, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createCaseWorker } from '../../worker/create-worker.js';
import { CASE_WORKFLOW_TYPE, caseWorkflowId, DEFAULT_CASE_SETTINGS } from '../../workflows/subsidy-case/messages.js';
import type { CaseInput } from '../../workflows/subsidy-case/messages.js';
import { openTestDatabase } from './database.js';
import { bundleWorkflows } from './workflow-bundle.js';

/** What the failing workflow's task fails with (test/support/failing-workflow.ts). */
export const FAILING_WORKFLOW_MESSAGE = 'broken on purpose';

export interface StuckCaseMaker {
  /** The queue whose worker runs workflow code that always fails its first task. */
  failingQueue: string;
  /** The queue whose case worker's database connection is closed. */
  noDatabaseQueue: string;
  /** Starts, under the case's workflow id, a workflow whose workflow task keeps failing. */
  failWorkflowTasks(caseId: string): Promise<string>;
  /** Starts the real case workflow on the worker without a database: its first activity retries. */
  retryActivities(input: CaseInput): Promise<string>;
  /** Terminates what it started and stops its workers. */
  close(): Promise<void>;
}

/** A case input of the A5 data-registration program, enough for the case workflow to start. */
export function stuckCaseInput(caseId: string, enterpriseId: string, year: number): CaseInput {
  return {
    applicationId: caseId,
    program: 'A5-DATA-REGISTER',
    enterpriseId,
    noticeYear: year,
    submittedOn: `${year}-06-15`,
    policyVersion: '2030-final-example',
    registeredInDistrict: true,
    qualifications: [],
    facts: { registrationFeesFen: 100 },
    evidence: [],
    settings: DEFAULT_CASE_SETTINGS,
  };
}

export async function stuckCaseMaker(client: Client, connection: NativeConnection, baseQueue: string, caseBundle: WorkflowBundleWithSourceMap): Promise<StuckCaseMaker> {
  const failingQueue = `${baseQueue}-failing`;
  const noDatabaseQueue = `${baseQueue}-no-db`;
  const gone = await openTestDatabase();
  await gone.close();
  const failingBundle = await bundleWorkflows(fileURLToPath(new URL('./failing-workflow.ts', import.meta.url)));
  const workers = [
    await createCaseWorker({ connection, db: gone.db, taskQueue: noDatabaseQueue, workflowBundle: caseBundle }),
    await Worker.create({ connection, taskQueue: failingQueue, workflowBundle: failingBundle }),
  ];
  const runs = workers.map((worker) => worker.run());
  const started: string[] = [];
  const start = async (workflowType: string, caseId: string, taskQueue: string, args: unknown[]) => {
    const workflowId = caseWorkflowId(caseId);
    await client.workflow.start(workflowType, { taskQueue, workflowId, args });
    started.push(workflowId);
    return workflowId;
  };
  return {
    failingQueue,
    noDatabaseQueue,
    failWorkflowTasks: (caseId) => start('failsInItsFirstTask', caseId, failingQueue, []),
    retryActivities: (input) => start(CASE_WORKFLOW_TYPE, input.applicationId, noDatabaseQueue, [input]),
    async close() {
      await Promise.allSettled(started.map((id) => client.workflow.getHandle(id).terminate('test over')));
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
      await Promise.allSettled(runs);
    },
  };
}
