// Opens the read model: real PostgreSQL when a URL is given, else embedded PGlite
// (the local main job only). Both speak through the same drizzle schema.
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Sql } from 'postgres';
import * as schema from './schema.js';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** PostgreSQL's LISTEN/NOTIFY, on whichever server holds the read model. */
export interface ChangeFeed {
  /**
   * Calls onNotify with each payload sent on the channel. onListening runs each time
   * listening (re)starts: notifications sent while not listening are lost.
   * Resolves to the function that stops listening.
   */
  listen(channel: string, onNotify: (payload: string) => void, onListening: () => void): Promise<() => Promise<void>>;
}

export interface DatabaseHandle extends ChangeFeed {
  db: Database;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/** LISTEN on a postgres.js client: its own connection, re-listening after a reconnect. */
export function postgresChangeFeed(sql: Sql): ChangeFeed {
  return {
    async listen(channel, onNotify, onListening) {
      const request = await sql.listen(channel, onNotify, onListening);
      return () => request.unlisten();
    },
  };
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent, PGlite persisted in `pgliteDataDir`. */
  url?: string | undefined;
  pgliteDataDir?: string;
  maxConnections?: number;
  /** How long connecting (TCP and PostgreSQL's handshake) may take before it fails; default 10 s. */
  connectTimeoutSeconds?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const sql = postgres(options.url, { max: options.maxConnections ?? 10, connect_timeout: options.connectTimeoutSeconds ?? 10, onnotice: () => {} });
    // drizzle-orm 0.45 sends every ordinary query with `prepare: false`
    // (drizzle-team/drizzle-orm#6096), and postgres.js then spends a round trip of its
    // own describing each parameterised statement before it runs it. Prepared, a
    // statement is parsed once per connection and each run is one round trip (the
    // inbox went from 4 round trips to 2: bench/results/inbox-*.json).
    const unsafe = sql.unsafe.bind(sql);
    sql.unsafe = ((query: string, params?: never[], queryOptions?: { prepare?: boolean }) => unsafe(query, params, { ...queryOptions, prepare: true })) as typeof sql.unsafe;
    return { db: drizzle(sql, { schema }), kind: 'postgres', close: () => sql.end({ timeout: 5 }), ...postgresChangeFeed(sql) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = new PGlite(options.pgliteDataDir ?? '.data/pglite');
  return {
    db: drizzle(client, { schema }) as unknown as Database,
    kind: 'pglite',
    close: () => client.close(),
    async listen(channel, onNotify, onListening) {
      const unlisten = await client.listen(channel, onNotify);
      onListening();
      return () => unlisten();
    },
  };
}

/** Applies the committed drizzle-kit migrations; safe to call at every start. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  }
}
