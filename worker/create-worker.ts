// Builds the worker that runs case workflows and their activities.
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import type { NativeConnection, WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import type { Activities } from '../activities/index.js';
import type { Database } from '../db/client.js';
import { TASK_QUEUE } from '../workflows/subsidy-case/messages.js';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
/** Bundled with the workflows wherever they are bundled (see the module's header). */
export const workflowInterceptorModules = [fileURLToPath(new URL('../workflows/subsidy-case/no-empty-tasks.ts', import.meta.url))];

export interface CaseWorkerOptions {
  connection: NativeConnection;
  db: Database;
  namespace?: string;
  taskQueue?: string;
  /** A pre-built bundle (tests bundle once per file); else bundled from source. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Replaces some activities (tests simulate failures with this). */
  activityOverrides?: Partial<Activities>;
  /** Cache and concurrency settings (benchmarks tune these). */
  tuning?: Pick<WorkerOptions, 'maxCachedWorkflows' | 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions'>;
}

export function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath, interceptors: { workflowModules: workflowInterceptorModules } }),
    activities: { ...createActivities({ db: options.db }), ...options.activityOverrides },
    ...options.tuning,
  });
}
