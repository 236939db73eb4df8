// A worker in its own process, so that its memory is its own: the case workflows
// with their real activities, or the bare baseline workflow with a no-op activity.
// Both with the same tuning. Reports its memory to the parent over IPC.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { WorkerOptions } from '@temporalio/worker';
import { openDatabase } from '../../db/client.js';
import { createCaseWorker } from '../../worker/create-worker.js';

export interface WorkerProcessConfig {
  kind: 'case' | 'bare';
  temporalAddress: string;
  taskQueue: string;
  /** The workflow bundle, built by the parent (webpack's memory is not the worker's). */
  bundlePath: string;
  tuning: Pick<WorkerOptions, 'maxCachedWorkflows' | 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions'>;
}
export type WorkerMessage = { kind: 'ready' } | { kind: 'memory'; rssMiB: number; heapUsedMiB: number };

Runtime.install({ logger: new DefaultLogger('WARN') });
const config = JSON.parse(process.env.BENCH_WORKER_CONFIG ?? '') as WorkerProcessConfig;
const workflowBundle = { codePath: config.bundlePath };
const connection = await NativeConnection.connect({ address: config.temporalAddress });

let close = async () => {};
let worker: Worker;
if (config.kind === 'case') {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is unset');
  const database = await openDatabase({ url });
  close = () => database.close();
  worker = await createCaseWorker({ connection, db: database.db, taskQueue: config.taskQueue, workflowBundle, tuning: config.tuning });
} else {
  worker = await Worker.create({ connection, taskQueue: config.taskQueue, workflowBundle, activities: { noop: async () => {} }, ...config.tuning });
}
const running = worker.run();

const send = (message: WorkerMessage) => process.send?.(message);
const sample = () => {
  const { rss, heapUsed } = process.memoryUsage();
  send({ kind: 'memory', rssMiB: rss / 2 ** 20, heapUsedMiB: heapUsed / 2 ** 20 });
};
setInterval(sample, 250).unref();
send({ kind: 'ready' });

// The parent is gone (killed, crashed): so is this process.
process.on('disconnect', () => process.exit(1));
process.on('SIGTERM', () => {
  void (async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await connection.close();
    await close();
    process.exit(0);
  })();
});
