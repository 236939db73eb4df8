// How sign-in resists guessing and how long a session lives.
export const SIGN_IN_POLICY = {
  /** Failed sign-ins in a row that lock the account. */
  maxFailures: 5,
  /** How long the account stays locked after that. */
  lockMs: 15 * 60_000,
  /** A session ends this long after sign-in (a working day and a bit). */
  sessionMs: 10 * 3600_000,
} as const;

export const SESSION_COOKIE = 'subsidy_session';
export const CSRF_HEADER = 'x-csrf-token';
