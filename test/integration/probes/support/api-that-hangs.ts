// An API process that takes a request and never finishes it: its Temporal client's
// start never returns, so a POST /applications holds its Idempotency-Key until the
// probe kills the process (kill -9), as a crash would. Prints its port when listening.
import type { Client } from '@temporalio/client';
import Fastify from 'fastify';
import { registerApp, serverOptions } from '../../../../api/app.js';
import { openDatabase } from '../../../../db/client.js';
import { testTokens } from '../../../support/api-client.js';

const year = Number(process.env.PROBE_YEAR);
const leaseSeconds = Number(process.env.PROBE_LEASE_SECONDS);
const database = await openDatabase({ url: process.env.DATABASE_URL, maxConnections: 2 });
const neverStarts = { workflow: { start: () => new Promise(() => {}) } } as unknown as Client;
const app = Fastify(serverOptions(false));
await registerApp(app, {
  db: database.db,
  temporal: neverStarts,
  tokens: testTokens,
  taskQueue: 'probe-never-polled',
  now: () => new Date(`${year}-06-15T02:00:00Z`),
  idempotencyLeaseSeconds: leaseSeconds,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
