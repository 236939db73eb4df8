// What the API needs from the outside world, passed in so tests use the same real
// services with their own settings.
import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import type { TokenService } from './auth.js';
import type { CaseClient } from './case-client.js';
import type { UserStandings } from './user-standings.js';

export interface AppDependencies {
  db: Database;
  temporal: Client;
  tokens: TokenService;
  /** The office's clock; dates of submission come from here. */
  now: () => Date;
  /** Where case workflows are started; tests use their own queue. */
  taskQueue: string;
  /** How each request's user is checked; by default read on every request. */
  userStandings?: UserStandings;
  /** The Temporal Web UI the timeline links each run to (TEMPORAL_UI_URL; the dev server's UI by default). */
  temporalUiUrl?: string;
  /** The built workspace (web/dist) served under /app/; when absent, /app/ says how to build it. */
  webRoot?: string;
  /** How long a request waits for a case's answer before saying its outcome is unknown; 15 s by default. */
  caseAnswerWithinMs?: number;
  /** How long a request in flight holds its Idempotency-Key if its process dies (default 120 s). */
  idempotencyLeaseSeconds?: number;
}

export type AppContext = AppDependencies & { userStandings: UserStandings; cases: CaseClient };

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppContext;
  }
}

/** The calendar date in the district (Beijing time), as YYYY-MM-DD. */
export function districtDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
