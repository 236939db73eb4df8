// RFC 9457 problem details: the one shape every error answer takes.
import { z } from 'zod';

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  dependency: z.enum(['postgresql', 'temporal']).optional().describe('the service that is down, when one is'),
  updateId: z.string().optional().describe('the id the Update to the case carried, when its outcome is not known yet'),
  check: z.string().optional().describe('how to learn the outcome of a request whose outcome is not known yet'),
});
export type Problem = z.infer<typeof problemSchema>;

const titles: Record<number, string> = {
  202: 'Accepted',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Members a problem of a named type adds (RFC 9457 extension members). */
export type ProblemExtensions = Pick<Problem, 'dependency' | 'updateId' | 'check'>;

/** Problem types beyond the status code's meaning, documented in api/README.md. */
export const ProblemType = {
  DependencyUnavailable: '/problems/dependency-unavailable',
  OutcomeUnknown: '/problems/outcome-unknown',
} as const;

/** Thrown by handlers; the error handler turns it into application/problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly errors?: { field: string; message: string }[],
    readonly kind?: { type: string; extensions: ProblemExtensions; retryAfterSeconds?: number },
  ) {
    super(detail);
  }

  toProblem(instance: string, requestId?: string): Problem {
    return {
      type: this.kind?.type ?? 'about:blank',
      title: titles[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      instance,
      ...(requestId && { requestId }),
      ...(this.errors && { errors: this.errors }),
      ...this.kind?.extensions,
    };
  }
}

/** Seconds a client should wait before trying again while a dependency is down. */
export const RETRY_AFTER_SECONDS = 5;

/** A service the API needs is down: the request could not be completed, try again later. */
export function dependencyUnavailable(dependency: 'postgresql' | 'temporal'): HttpProblem {
  const what = dependency === 'postgresql' ? 'the database (PostgreSQL)' : 'the workflow service (Temporal)';
  return new HttpProblem(503, `${what} is unavailable; try again shortly`, undefined, {
    type: ProblemType.DependencyUnavailable,
    extensions: { dependency },
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  });
}

/** The problem responses every route may give, for its schema. */
export const problemResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
  500: problemSchema,
  503: problemSchema,
} as const;

/**
 * The answers of a route that sends an Update to a case: the problems, and 202 with
 * a problem body when the case took the request but has not finished it in time.
 */
export const caseUpdateResponses = { ...problemResponses, 202: problemSchema } as const;

/** Problems of a route that neither reads an object nor changes state. */
export const authProblems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 500: problemSchema } as const;
