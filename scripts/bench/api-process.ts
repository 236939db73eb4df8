// The lifecycle benchmark's API: the real app in its own process, over the run's
// PostgreSQL and Temporal dev server, as the API process builds it (without request
// logs). Tells its parent its URL over IPC.
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import Fastify from 'fastify';
import { registerApp, serverOptions } from '../../api/app.js';
import { createTokenService } from '../../api/auth.js';
import { rememberStandingsOf } from '../../api/user-standings.js';
import { openDatabase } from '../../db/client.js';

export interface ApiProcessConfig {
  temporalAddress: string;
  taskQueue: string;
  secret: string;
  /** A fixed port (the soak restarts this process and keeps its address); any free port when absent. */
  port?: number;
}

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is unset');
const config = JSON.parse(process.env.BENCH_API_CONFIG ?? '') as ApiProcessConfig;
const database = await openDatabase({ url });
const connection = await Connection.connect({ address: config.temporalAddress });
const app = Fastify(serverOptions(false));
const userStandings = await rememberStandingsOf(database);
await registerApp(app, { db: database.db, temporal: new Client({ connection }), tokens: createTokenService(config.secret), taskQueue: config.taskQueue, now: () => new Date(), userStandings });
await app.listen({ port: config.port ?? 0, host: '127.0.0.1' });
process.send?.({ kind: 'ready', url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });

// The parent is gone (killed, crashed): so is this process.
process.on('disconnect', () => process.exit(1));
process.on('SIGTERM', () => {
  void (async () => {
    await app.close();
    await connection.close();
    await userStandings.close();
    await database.close();
    process.exit(0);
  })();
});
