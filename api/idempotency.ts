// Idempotent POSTs: with an `Idempotency-Key` header, the first answer is stored per
// user and key; a retry with the same body gets it back (same status, same body), a
// different body under the same key is a 409, and a retry while the first is still
// running is a 409 too. Failures free the key, so a retry after one is processed
// afresh; so does an outcome not known yet (nothing final is stored for it), and a
// retry of a request to a case then asks the case again under the same Update id.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/client.js';
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

export async function idempotent<T>(
  db: Database,
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
  const reservation = await reserveKey(db, userId, key, hash);
  switch (reservation.kind) {
    case 'mismatch':
      throw new HttpProblem(409, 'this Idempotency-Key was already used with a different request (another path or body)');
    case 'in-flight':
      throw new HttpProblem(409, 'a request with this Idempotency-Key is still being processed; retry shortly');
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
    // The first error is the answer; a key left in flight is taken over after a while.
    await releaseKey(db, userId, key).catch((releaseError: unknown) => request.log.warn({ err: releaseError }, 'idempotency key not freed'));
    throw error;
  }
  // The answer is true whether or not it is stored: a retry that finds no stored answer
  // asks again (a case answers an Update id it already took with its first outcome).
  await completeKey(db, userId, key, answer.status, answer.body).catch((storeError: unknown) => request.log.warn({ err: storeError }, 'idempotent answer not stored'));
  return reply.code(answer.status).headers(headersOf(answer.body)).send(answer.body);
}

/** The answer of a request that sends an Update to a case, kept under its Idempotency-Key. */
export function idempotentUpdate<T>(db: Database, request: FastifyRequest, reply: FastifyReply, userId: string, produce: () => Promise<T>): Promise<FastifyReply> {
  return idempotent(db, request, reply, userId, async () => ({ status: 200, body: await produce() }), () => ({}));
}
