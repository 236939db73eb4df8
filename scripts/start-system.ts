// The main job in one process: dev server, database, worker and API, with demo
// tokens printed. Ctrl-C stops it gracefully; the next start resumes from .data/.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { registerApp } from '../api/app.js';
import { createTokenService } from '../api/auth.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { createCaseWorker } from '../worker/create-worker.js';
import { TASK_QUEUE } from '../workflows/subsidy-case/messages.js';
import type { Actor } from '../workflows/subsidy-case/messages.js';
import { startDevServer } from './lib/temporal-servers.js';

const dataDir = process.env.DATA_DIR ?? '.data';
const temporalPort = Number(process.env.TEMPORAL_PORT ?? 7233);
const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
const apiPort = Number(process.env.PORT ?? 3000);
mkdirSync(dataDir, { recursive: true });

function persistentSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = join(dataDir, 'auth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

const temporal = await startDevServer({ port: temporalPort, uiPort, dbFilename: join(dataDir, 'temporal.sqlite') });
const database = await openDatabase({ url: process.env.DATABASE_URL, pgliteDataDir: join(dataDir, 'pglite') });
await migrateDatabase(database);

const worker = await createCaseWorker({ connection: temporal.nativeConnection, db: database.db });
const workerRun = worker.run();

const tokens = createTokenService(persistentSecret());
const api = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'info' }, requestIdHeader: 'x-request-id' });
await registerApp(api, { db: database.db, temporal: temporal.client, tokens, taskQueue: TASK_QUEUE, now: () => new Date() });
await api.listen({ port: apiPort, host: '127.0.0.1' });

const demoUsers: Actor[] = [
  { userId: 'applicant-demo', role: 'applicant', enterpriseId: 'ent-demo' },
  { userId: 'officer-demo', role: 'officer' },
  { userId: 'committee-demo', role: 'committee' },
  { userId: 'finance-demo', role: 'finance' },
  { userId: 'ops-demo', role: 'ops' },
  { userId: 'admin-demo', role: 'admin' },
];
const lines = [
  '',
  `API           http://127.0.0.1:${apiPort}  (OpenAPI UI: http://127.0.0.1:${apiPort}/docs)`,
  `Temporal UI   http://127.0.0.1:${uiPort}`,
  `Temporal      127.0.0.1:${temporalPort}  (state: ${join(dataDir, 'temporal.sqlite')})`,
  `Database      ${database.kind === 'pglite' ? `PGlite in ${join(dataDir, 'pglite')}` : 'DATABASE_URL'}`,
  '',
  'Demo tokens (8 h):',
];
for (const user of demoUsers) lines.push(`  ${user.role.padEnd(10)} ${await tokens.issue(user)}`);
lines.push('', 'Ctrl-C stops everything; the next start resumes.');
console.log(lines.join('\n'));

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: finishing in-flight requests and tasks…`);
  await api.close();
  // The SDK's runtime may already be shutting the worker down on the same signal.
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await database.close();
  await temporal.teardown();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
