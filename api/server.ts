// The API as its own process (production shape: see docker-compose.yml). Closes
// gracefully: on SIGINT/SIGTERM it stops accepting connections (new requests get
// 503), lets in-flight requests finish, then closes Temporal and the database.
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import Fastify from 'fastify';
import { openReadModel, readModelOptionsFromEnv } from '../startup/database.js';
import { orRefuse } from '../startup/errors.js';
import { assertPortFree } from '../startup/port.js';
import { checkedTokenSecret } from '../startup/secret.js';
import { TASK_QUEUE } from '../workflows/subsidy-case/messages.js';
import { registerApp, serverOptions } from './app.js';
import { createTokenService } from './auth.js';
import { rememberStandingsOf } from './user-standings.js';

// Bad configuration ends the process here with one line (startup/errors.ts).
const secret = await orRefuse(() => checkedTokenSecret(process.env.AUTH_SECRET));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
await orRefuse(() => assertPortFree(port, host, 'PORT'));
const database = await orRefuse(() => openReadModel(readModelOptionsFromEnv(process.env)));
// Lazy: the API starts and answers (503 naming Temporal) while Temporal is still down.
const connection = Connection.lazy({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
const temporal = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });

const app = Fastify(serverOptions({ level: process.env.LOG_LEVEL ?? 'info' }));
const userStandings = await rememberStandingsOf(database);
// The workspace's build (web/dist) unless WEB_ROOT names another.
const webRoot = process.env.WEB_ROOT ?? fileURLToPath(new URL('../web/dist/', import.meta.url));
await registerApp(app, { db: database.db, temporal, tokens: createTokenService(secret), taskQueue: TASK_QUEUE, now: () => new Date(), userStandings, webRoot, ...(process.env.TEMPORAL_UI_URL && { temporalUiUrl: process.env.TEMPORAL_UI_URL }) });
await app.listen({ port, host });

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing: finishing in-flight requests');
    await app.close();
    await connection.close();
    await userStandings.close();
    await database.close();
    process.exit(0);
  });
}
