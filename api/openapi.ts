// The OpenAPI document as the answers really are. Route schemas give each response's
// shape; here every error answer is declared as what the error handler sends
// (application/problem+json), and the problems any request may meet before a
// route's handler runs are added to each operation: 414 for a path parameter past
// its length, 413 and 415 for a body too large or not JSON. A 204 is declared
// without content, as it is sent.
import { problemSchema } from './problem.js';
import { z } from 'zod';

const PROBLEM = 'application/problem+json';

type Responses = Record<string, { description?: string; content?: Record<string, unknown> } | undefined>;
type Operation = { parameters?: { in?: string }[]; requestBody?: unknown; responses?: Responses };

const problemContent = { [PROBLEM]: { schema: z.toJSONSchema(problemSchema, { target: 'openapi-3.0' }) } };

const FRAMEWORK_PROBLEMS: { status: string; description: string; applies: (path: string, op: Operation) => boolean }[] = [
  { status: '414', description: 'a path parameter is longer than any this API takes', applies: (path) => path.includes('{') },
  { status: '413', description: 'the body is larger than 1 MiB', applies: (_path, op) => op.requestBody !== undefined },
  { status: '415', description: 'the body is not JSON', applies: (_path, op) => op.requestBody !== undefined },
];

export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
}

/** Rewrites the generated document in place and returns it (swagger's `transformObject`). */
export function problemsAsServed(document: OpenApiDocument): OpenApiDocument {
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      if (!operation.responses) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status === '204' && response) delete response.content;
        if (Number(status) < 400 || !response?.content) continue;
        const { 'application/json': json, ...others } = response.content;
        response.content = { ...others, [PROBLEM]: json ?? problemContent[PROBLEM] };
      }
      for (const problem of FRAMEWORK_PROBLEMS) {
        if (problem.applies(path, operation) && !operation.responses[problem.status]) {
          operation.responses[problem.status] = { description: problem.description, content: problemContent };
        }
      }
    }
  }
  return document;
}
