// The worker as its own process (production shape: see docker-compose.yml).
// DATABASE_URL and TEMPORAL_ADDRESS say where; TEMPORAL_TASK_QUEUE and
// WORKER_MAX_CACHED_WORKFLOWS are for tests and soaks (a queue of their own; 0 keeps no
// cache, so every workflow task rebuilds its case from the history).
import { NativeConnection } from '@temporalio/worker';
import { openReadModel, readModelOptionsFromEnv } from '../startup/database.js';
import { orRefuse, StartupError } from '../startup/errors.js';
import { createCaseWorker } from './create-worker.js';

const handle = await orRefuse(() => {
  const options = readModelOptionsFromEnv(process.env);
  if (!options.url) throw new StartupError('DATABASE_URL is not set: the standalone worker needs the PostgreSQL server of the read model');
  return openReadModel(options);
});
const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
const cacheSize = process.env.WORKER_MAX_CACHED_WORKFLOWS;
const worker = await createCaseWorker({
  connection,
  db: handle.db,
  namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
  ...(process.env.TEMPORAL_TASK_QUEUE && { taskQueue: process.env.TEMPORAL_TASK_QUEUE }),
  ...(cacheSize !== undefined && { tuning: { maxCachedWorkflows: Number(cacheSize) } }),
});
await worker.run(); // returns after SIGINT/SIGTERM, once in-flight tasks finish
await connection.close();
await handle.close();
