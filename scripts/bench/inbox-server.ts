// The inbox benchmark's server process: the real app (registerApp, every hook and
// schema, user standings remembered as the API process does) on one port, and on
// another a baseline that answers the same request with the same SQL through
// postgres.js and JSON.stringify, on a bare node:http server
// (no Fastify, no zod, no token, no user look-up). Both share this process, so they
// share its CPU, its event loop and the database. Talks to its parent over IPC.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { drizzle } from 'drizzle-orm/postgres-js';
import Fastify from 'fastify';
import postgres from 'postgres';
import { registerApp, serverOptions } from '../../api/app.js';
import { createTokenService } from '../../api/auth.js';
import { rememberStandingsOf } from '../../api/user-standings.js';
import { encodeCursor } from '../../api/cursor.js';
import { inbox } from '../../api/repositories/tasks.js';
import { postgresChangeFeed } from '../../db/client.js';
import type { Database } from '../../db/client.js';
import * as schema from '../../db/schema.js';
import type { Actor } from '../../domain/vocabulary.js';

export interface InboxServerConfig {
  actor: Actor;
  program: string;
  limit: number;
}
export interface InboxServerReady {
  kind: 'ready';
  appUrl: string;
  baselineUrl: string;
  token: string;
  sql: string;
  params: unknown[];
}

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is unset');
const config = JSON.parse(process.env.BENCH_INBOX_CONFIG ?? '') as InboxServerConfig;
const POOL = 10;

// The app, exactly as the API process builds it (without request logging, as in the tests).
const appSql = postgres(url, { max: POOL, onnotice: () => {} });
const db = drizzle(appSql, { schema }) as unknown as Database;
const tokens = createTokenService(`bench-${process.pid}-${Date.now()}-not-a-production-secret`);
// The inbox never calls Temporal; a lazy connection is never opened.
const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
const app = Fastify(serverOptions(false));
const userStandings = await rememberStandingsOf({ db, ...postgresChangeFeed(appSql) });
await registerApp(app, { db, temporal, tokens, taskQueue: 'bench-inbox', now: () => new Date(), userStandings });
await app.listen({ port: 0, host: '127.0.0.1' });

// The SQL the inbox sends for this caller and filter, captured from drizzle's logger.
let captured: { sql: string; params: unknown[] } | undefined;
const capturing = drizzle(appSql, { schema, logger: { logQuery: (query, params) => void (captured = { sql: query, params }) } }) as unknown as Database;
await inbox(capturing, config.actor, { program: config.program, limit: config.limit + 1 });
if (!captured) throw new Error('the inbox sent no query');
const { sql: inboxSql, params: inboxParams } = captured;

// The baseline: its own pool of the same size, the same statement, rows to JSON.
const baseSql = postgres(url, { max: POOL, onnotice: () => {} });
// Date-times stay PostgreSQL's text, as drizzle configures its postgres.js client.
for (const oid of [1082, 1083, 1114, 1184]) baseSql.options.parsers[oid] = (value: string) => value;
type Row = { id: string; case_id: string; kind: string; stage: string; program: string; role: string; assignee: string | null; due_at_iso: string | null; due_at: string | null; escalation: number; created_at_iso: string };
const baseline = createServer((req, res) => {
  const query = new URL(req.url ?? '/', 'http://x').searchParams;
  if (query.get('program') !== config.program || Number(query.get('limit')) !== config.limit) {
    res.writeHead(400).end();
    return;
  }
  baseSql
    // Prepared, as postgres.js prepares its tagged queries (unsafe() alone would not).
    .unsafe<Row[]>(inboxSql, inboxParams as never[], { prepare: true })
    .then((rows) => {
      const page = rows.slice(0, config.limit);
      const last = page.at(-1);
      const body = JSON.stringify({
        items: page.map((t) => ({
          taskId: t.id,
          caseId: t.case_id,
          kind: t.kind,
          stage: t.stage,
          program: t.program,
          role: t.role,
          assignee: t.assignee,
          dueAt: t.due_at_iso,
          escalation: t.escalation,
          createdAt: t.created_at_iso,
        })),
        nextCursor: rows.length > config.limit && last ? encodeCursor([last.due_at, last.id]) : null,
      });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
    })
    .catch((error: unknown) => {
      console.error(error);
      res.writeHead(500).end();
    });
});
await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));

const appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const baselineUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}`;
const ready: InboxServerReady = { kind: 'ready', appUrl, baselineUrl, token: await tokens.issue(config.actor), sql: inboxSql, params: inboxParams };
process.send?.(ready);

// The parent is gone (killed, crashed): so is this process.
process.on('disconnect', () => process.exit(1));
process.on('SIGTERM', () => {
  void (async () => {
    await app.close();
    await userStandings.close();
    baseline.close();
    await Promise.all([appSql.end({ timeout: 5 }), baseSql.end({ timeout: 5 })]);
    // A normal exit writes the --cpu-prof profile.
    process.exit(0);
  })();
});
