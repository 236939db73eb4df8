// An activity whose data PostgreSQL refuses for what it is (a NUL byte, text with no
// encoding, a value out of range, a broken check) would fail the same way on every
// retry, for ever, and wedge its case. Such a failure is made non-retryable, so the
// case fails with the database's reason where ops can see it instead of retrying.
import { ApplicationFailure } from '@temporalio/activity';

export const UNWRITABLE_DATA = 'UnwritableData';

/**
 * SQLSTATEs no retry can cure: class 22 (data exception: 22021 invalid byte sequence,
 * 22P05 untranslatable character, 22001 too long, 22003 out of range…), 23502 not
 * null and 23514 check violations. A foreign-key violation (23503) is left out: the
 * parent row may still be on its way.
 */
export function isUnwritableDataCode(code: string): boolean {
  return code.startsWith('22') || code === '23502' || code === '23514';
}

/** The SQLSTATE of a PostgreSQL error, looked for along the cause chain (drizzle wraps the driver's error). */
export function sqlStateOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

function rootMessage(error: Error): string {
  return error.cause instanceof Error ? rootMessage(error.cause) : error.message;
}

/** Each activity as it was, but failing non-retryably on data the database can never take. */
export function failFastOnUnwritableData<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const [name, activity] of Object.entries(activities)) {
    wrapped[name] = async (...args) => {
      try {
        return await activity(...args);
      } catch (error) {
        const code = sqlStateOf(error);
        if (code === undefined || !isUnwritableDataCode(code) || !(error instanceof Error)) throw error;
        throw ApplicationFailure.create({
          type: UNWRITABLE_DATA,
          message: `${name}: the database can never store this data (SQLSTATE ${code}): ${rootMessage(error)}`,
          nonRetryable: true,
          cause: error,
        });
      }
    };
  }
  return wrapped as T;
}
