// One error handler: client mistakes become 4xx problems naming what was wrong; a
// dependency that is down is a 503 naming it, with Retry-After; anything else is a
// 500 whose details stay in the log.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { unavailableDependency } from './dependency-errors.js';
import { dependencyUnavailable, HttpProblem } from './problem.js';

/** Field errors of a zod-validated request part, as `where.path: message`. */
function validationProblem(error: FastifyError & { validation: { keyword?: string; instancePath: string; message?: string; params?: Record<string, unknown> }[] }): HttpProblem {
  const where = error.validationContext ?? 'body';
  const errors = error.validation.flatMap((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const field = path ? `${where}.${path}` : where;
    // A field the caller may not set is named one by one.
    const keys = issue.keyword === 'unrecognized_keys' ? issue.params?.keys : undefined;
    if (Array.isArray(keys)) return keys.map((key) => ({ field: `${field}.${String(key)}`, message: 'is not a field you can set here' }));
    return [{ field, message: issue.message ?? 'is invalid' }];
  });
  return new HttpProblem(400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: HttpProblem): FastifyReply {
  const retryAfter = problem.kind?.retryAfterSeconds;
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  return reply.code(problem.status).type('application/problem+json').send(problem.toProblem(request.url.split('?')[0] ?? request.url, request.id));
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let problem: HttpProblem;
    const downDependency = unavailableDependency(error);
    if (error instanceof HttpProblem) {
      problem = error;
      if (problem.status >= 500) request.log.warn({ err: error }, 'service problem');
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      problem = validationProblem(error);
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors (bad JSON, body too large, wrong content type…).
      problem = new HttpProblem(error.statusCode, error.message);
    } else if (downDependency) {
      problem = dependencyUnavailable(downDependency);
      request.log.warn({ err: error }, `dependency unavailable: ${downDependency}`);
    } else {
      request.log.error({ err: error }, 'unhandled error');
      problem = new HttpProblem(500, 'The server could not complete the request; it has been logged under this request id.');
    }
    return sendProblem(request, reply, problem);
  });

  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, new HttpProblem(404, `no route ${request.method} ${request.url.split('?')[0]}`)));
}
