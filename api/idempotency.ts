// Idempotent POSTs: with an `Idempotency-Key` header, the first answer is stored per
// user and key; a retry with the same body gets it back (same status, same body), a
// different body under the same key is a 409, and a retry while the first is still
// running is a 409 too. Failures free the key, so a retry after one is processed
// afresh; so does an outcome not known yet (nothing final is stored for it), and a
// retry of a request to a case then asks the case again under the same Update id.
// A request whose process died holds the key only until its lease runs out
// (`idempotencyLeaseSeconds`), then the same request is processed afresh.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from './app-context.js';
import { HttpProblem } from './problem.js';
import { completeKey, releaseKey, requestHash, reserveKey } from './repositories/idempotency.js';

export const idempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, { error: 'must be 1 to 200 visible ASCII characters' })
    .optional()
    .describe('any unique string per intended request, e.g. a UUID; a retry with the same key returns the first answer'),
});

export interface Answer<T> {
  status: number;
  body: T;
  headers?: Record<string, string>;
}

/** How long an in-flight request holds its key unless the app says otherwise: well past any request's own time limit. */
export const DEFAULT_IDEMPOTENCY_LEASE_SECONDS = 120;

export async function idempotent<T>(
  deps: Pick<AppContext, 'db' | 'idempotencyLeaseSeconds'>,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  produce: () => Promise<Answer<T>>,
  headersOf: (body: T) => Record<string, string>,
): Promise<FastifyReply> {
  const key = (request.headers as Record<string, string | undefined>)['idempotency-key'];
  if (key === undefined) {
    const answer = await produce();
    return reply.code(answer.status).headers(headersOf(answer.body)).send(answer.body);
  }
  // The path as sent, not the route's pattern: one key on two tasks is two requests.
  const hash = requestHash(request.method, request.url.split('?')[0] ?? request.url, request.body);
  const { db } = deps;
  const reservation = await reserveKey(db, userId, key, hash, deps.idempotencyLeaseSeconds ?? DEFAULT_IDEMPOTENCY_LEASE_SECONDS);
  switch (reservation.kind) {
    case 'mismatch':
      throw new HttpProblem(409, 'this Idempotency-Key was already used with a different request (another path or body)');
    case 'in-flight': {
      const until = reservation.leaseExpiresAt ? ` (if it died, the key is freed at ${reservation.leaseExpiresAt.toISOString()})` : '';
      throw new HttpProblem(409, `a request with this Idempotency-Key is still being processed; retry shortly${until}`);
    }
    case 'replay': {
      const body = reservation.body as T;
      return reply.code(reservation.status).headers({ ...headersOf(body), 'idempotent-replayed': 'true' }).send(body);
    }
    case 'reserved':
      break;
  }
  let answer: Answer<T>;
  try {
    answer = await produce();
  } catch (error) {
    // The first error is the answer; a key left in flight is taken over once its lease runs out.
    await releaseKey(db, userId, key).catch((releaseError: unknown) => request.log.warn({ err: releaseError }, 'idempotency key not freed'));
    throw error;
  }
  // The answer is true whether or not it is stored: a retry that finds no stored answer
  // asks again (a case answers an Update id it already took with its first outcome).
  await completeKey(db, userId, key, answer.status, answer.body).catch((storeError: unknown) => request.log.warn({ err: storeError }, 'idempotent answer not stored'));
  return reply.code(answer.status).headers(headersOf(answer.body)).send(answer.body);
}

/** The answer of a request that sends an Update to a case, kept under its Idempotency-Key. */
export function idempotentUpdate<T>(
  deps: Pick<AppContext, 'db' | 'idempotencyLeaseSeconds'>,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  produce: () => Promise<T>,
): Promise<FastifyReply> {
  return idempotent(deps, request, reply, userId, async () => ({ status: 200, body: await produce() }), () => ({}));
}
