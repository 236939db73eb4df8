// What authentication checks on every request: is the token's user still active, with
// the token's role and enterprise? Looking the user up on every request was the
// inbox's largest cost (a second database round trip per request), so a process may
// remember standings and forget them when PostgreSQL announces a change to a user
// (migration 0002: channel user_changed). Deactivation still takes effect at once in
// the process that made it and within a notification's delay everywhere else.
import type { ChangeFeed, Database } from '../db/client.js';
import { findUserStanding } from './repositories/users.js';
import type { UserStanding } from './repositories/users.js';

export interface UserStandings {
  find(userId: string): Promise<UserStanding | undefined>;
  /** Forget one user's standing (or every one): the next request reads it again. */
  forget(userId?: string): void;
}

export const USER_CHANGED_CHANNEL = 'user_changed';

/** No memory: every request reads its user (tests, and any process without a feed). */
export function readEveryTime(db: Database): UserStandings {
  return { find: (userId) => findUserStanding(db, userId), forget: () => {} };
}

export interface RememberedStandings extends UserStandings {
  /** Stops listening; standings are no longer remembered. */
  close(): Promise<void>;
}

export interface RememberOptions {
  load: (userId: string) => Promise<UserStanding | undefined>;
  feed: ChangeFeed;
  /**
   * Longest a standing is trusted without being read again: bounds staleness while
   * the listening connection is down and before it notices (postgres.js re-listens
   * on its own and says so; everything is forgotten then).
   */
  maxAgeMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export async function rememberUntilChanged(options: RememberOptions): Promise<RememberedStandings> {
  const { load, feed, maxAgeMs = 60_000, maxEntries = 50_000, now = Date.now } = options;
  const remembered = new Map<string, { standing: UserStanding; at: number }>();
  // Bumped by every forget: a read that started before a change must not be kept.
  let generation = 0;
  let listening = false;

  const forget = (userId?: string) => {
    generation += 1;
    if (userId === undefined || userId === '*') remembered.clear();
    else remembered.delete(userId);
  };

  const stop = await feed.listen(USER_CHANGED_CHANNEL, forget, () => {
    forget();
    listening = true;
  });

  return {
    forget,
    async find(userId) {
      const known = remembered.get(userId);
      if (known && listening && now() - known.at < maxAgeMs) return known.standing;
      const startedAt = generation;
      const readAt = now();
      const standing = await load(userId);
      if (standing && listening && generation === startedAt) {
        if (remembered.size >= maxEntries) remembered.clear();
        remembered.set(userId, { standing, at: readAt });
      }
      return standing;
    },
    async close() {
      listening = false;
      remembered.clear();
      await stop();
    },
  };
}

/** The production choice: remember, over the read model's own change feed. */
export function rememberStandingsOf(handle: ChangeFeed & { db: Database }, options: Partial<RememberOptions> = {}): Promise<RememberedStandings> {
  return rememberUntilChanged({ load: (userId) => findUserStanding(handle.db, userId), feed: handle, ...options });
}
