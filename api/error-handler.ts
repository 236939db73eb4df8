// One error handler: client mistakes become 4xx problems naming what was wrong;
// anything else is a 500 whose details stay in the log.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HttpProblem } from './problem.js';

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let problem: HttpProblem;
    if (error instanceof HttpProblem) {
      problem = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((issue) => {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const where = error.validationContext ?? 'body';
        return { field: path ? `${where}.${path}` : where, message: issue.message ?? 'is invalid' };
      });
      problem = new HttpProblem(400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      problem = new HttpProblem(error.statusCode, error.message);
    } else {
      request.log.error({ err: error }, 'unhandled error');
      problem = new HttpProblem(500, 'The server could not complete the request; it has been logged.');
    }
    return reply.code(problem.status).type('application/problem+json').send(problem.toProblem(request.url));
  });

  app.setNotFoundHandler((request, reply) => {
    const problem = new HttpProblem(404, `no route ${request.method} ${request.url}`);
    return reply.code(404).type('application/problem+json').send(problem.toProblem(request.url));
  });
}
