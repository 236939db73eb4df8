// The token-signing secret of the local main job: AUTH_SECRET, else a random one kept
// in the data directory (created on first use), so tokens survive a restart. Either
// way it must pass the API's one rule (api/auth.ts: at least 32 characters).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkedTokenSecret } from '../startup/secret.js';

/** The secret; a StartupError (startup/errors.ts) when AUTH_SECRET or the kept file is too short. */
export function persistentSecret(dataDir: string): string {
  if (process.env.AUTH_SECRET !== undefined) return checkedTokenSecret(process.env.AUTH_SECRET);
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'auth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return checkedTokenSecret(readFileSync(file, 'utf8').trim());
}

/** The main job's marker: its pid and API address while it holds the embedded database. */
export const mainJobFile = (dataDir: string): string => join(dataDir, 'main-job.json');

export interface MainJob {
  pid: number;
  apiUrl: string;
}

/** The running main job, if its marker names a live process. */
export function runningMainJob(dataDir: string): MainJob | undefined {
  const file = mainJobFile(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const job = JSON.parse(readFileSync(file, 'utf8')) as MainJob;
    process.kill(job.pid, 0);
    return job;
  } catch {
    return undefined;
  }
}
