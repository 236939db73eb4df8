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
});
export type Problem = z.infer<typeof problemSchema>;

const titles: Record<number, string> = {
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

/** Thrown by handlers; the error handler turns it into application/problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly errors?: { field: string; message: string }[],
  ) {
    super(detail);
  }

  toProblem(instance: string, requestId?: string): Problem {
    return {
      type: 'about:blank',
      title: titles[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      instance,
      ...(requestId && { requestId }),
      ...(this.errors && { errors: this.errors }),
    };
  }
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

/** Problems of a route that neither reads an object nor changes state. */
export const authProblems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 500: problemSchema } as const;
