// The main job in one process: dev server, database, worker and API, with demo
// tokens printed. Ctrl-C stops it gracefully; the next start resumes from .data/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { districtDate } from '../api/app-context.js';
import { registerApp, serverOptions } from '../api/app.js';
import { createTokenService } from '../api/auth.js';
import { rememberStandingsOf } from '../api/user-standings.js';
import { openReadModel, readModelOptionsFromEnv } from '../startup/database.js';
import { orRefuse } from '../startup/errors.js';
import { assertPortFree } from '../startup/port.js';
import { createCaseWorker } from '../worker/create-worker.js';
import { TASK_QUEUE } from '../workflows/subsidy-case/messages.js';
import { mainJobFile, persistentSecret } from './auth-secret.js';
import { DEMO_PASSWORD, ensureDemoCases, seedDemoData } from './demo-data.js';
import { startDevServer } from './lib/temporal-servers.js';

const dataDir = process.env.DATA_DIR ?? '.data';
const temporalPort = Number(process.env.TEMPORAL_PORT ?? 7233);
const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
const apiPort = Number(process.env.PORT ?? 3000);
/** The workspace's build (scripts/start.sh builds it when its sources changed). */
const WEB_ROOT = fileURLToPath(new URL('../web/dist/', import.meta.url));
mkdirSync(dataDir, { recursive: true });

// Bad configuration ends the start here, with one line, before anything runs.
const secret = await orRefuse(() => persistentSecret(dataDir));
for (const [port, setting] of [
  [apiPort, 'PORT'],
  [temporalPort, 'TEMPORAL_PORT'],
  [uiPort, 'TEMPORAL_UI_PORT'],
] as const) {
  await orRefuse(() => assertPortFree(port, '127.0.0.1', setting));
}
const database = await orRefuse(() => openReadModel({ ...readModelOptionsFromEnv(process.env), pgliteDataDir: join(dataDir, 'pglite') }));
const temporal = await startDevServer({ port: temporalPort, uiPort, dbFilename: join(dataDir, 'temporal.sqlite') });
// Demo people, enterprises and this year's notice (idempotent: a restart keeps changes).
const demoYear = Number(districtDate(new Date()).slice(0, 4));
const demoUsers = await seedDemoData(database.db, demoYear);

const worker = await createCaseWorker({ connection: temporal.nativeConnection, db: database.db });

const tokens = createTokenService(secret);
const api = Fastify(serverOptions({ level: process.env.LOG_LEVEL ?? 'info' }));
const userStandings = await rememberStandingsOf(database);
await registerApp(api, { db: database.db, temporal: temporal.client, tokens, taskQueue: TASK_QUEUE, now: () => new Date(), userStandings, webRoot: WEB_ROOT, temporalUiUrl: process.env.TEMPORAL_UI_URL ?? `http://127.0.0.1:${uiPort}` });
// Listening first: should the port have been taken since the check, nothing polls yet.
await api.listen({ port: apiPort, host: '127.0.0.1' });
const workerRun = worker.run();

// While it runs, the main job owns the embedded database: `npm run admin` reads this
// marker and sends newcomers to the API instead of opening PGlite a second time.
if (database.kind === 'pglite') writeFileSync(mainJobFile(dataDir), JSON.stringify({ pid: process.pid, apiUrl: `http://127.0.0.1:${apiPort}` }));

const lines = [
  '',
  `Workspace     http://127.0.0.1:${apiPort}/app/`,
  '',
  `Demo sign-ins (user id, password ${DEMO_PASSWORD} for each):`,
  ...demoUsers.map((u) => `  ${u.userId.padEnd(18)} ${u.role.padEnd(10)} ${u.name}`),
  '',
  `API           http://127.0.0.1:${apiPort}  (OpenAPI UI: http://127.0.0.1:${apiPort}/docs)`,
  `Temporal UI   http://127.0.0.1:${uiPort}`,
  `Temporal      127.0.0.1:${temporalPort}  (state: ${join(dataDir, 'temporal.sqlite')})`,
  `Database      ${database.kind === 'pglite' ? `PGlite in ${join(dataDir, 'pglite')}` : 'DATABASE_URL'}`,
  '',
  'Bearer tokens for API clients (8 h; `npm run admin -- issue-token --id <user>` issues more):',
];
for (const user of demoUsers) {
  const { userId, role, enterpriseId } = user;
  lines.push(`  ${userId.padEnd(18)} ${await tokens.issue({ userId, role, ...(enterpriseId && { enterpriseId }) })}`);
}
lines.push(
  '',
  `Try: curl -s http://127.0.0.1:${apiPort}/tasks -H "authorization: Bearer <officer token>"`,
  'Ctrl-C stops everything; the next start resumes.',
);
console.log(lines.join('\n'));

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: finishing in-flight requests and tasks…`);
  await api.close();
  rmSync(mainJobFile(dataDir), { force: true });
  // The SDK's runtime may already be shutting the worker down on the same signal.
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await userStandings.close();
  await database.close();
  await temporal.teardown();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

// Demo cases, driven through the API as the demo people (first start only: a demo case
// that exists is left as it is). Their requests are not logged.
console.log(`\nDemo cases of ${demoYear}: creating those not yet there (the paid one waits out its public notice)…`);
const apiLogLevel = api.log.level;
api.log.level = 'warn';
try {
  const demoCases = await ensureDemoCases(database.db, api, tokens, demoYear);
  const created = demoCases.filter((c) => c.created).length;
  console.log(
    [
      `Demo cases (${created} created now, ${demoCases.length - created} from an earlier start): ${demoCases.map((c) => `${c.caseId} ${c.stage}`).join(', ')}`,
      ...demoCases.map((c) => `  ${c.caseId.padEnd(22)} ${c.program.padEnd(17)} ${`${c.stage} (${c.status})`.padEnd(32)} next: ${c.next}`),
    ].join('\n'),
  );
} catch (error) {
  if (!stopping) console.error(`Demo cases could not all be created: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  api.log.level = apiLogLevel;
}
