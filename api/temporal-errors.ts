// Maps what Temporal answers to the API's problems: a refused decision is the
// workflow's word (422), a missing case is 404, a duplicate start is 409.
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { HttpProblem } from './problem.js';

export function decisionProblem(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    return new HttpProblem(422, cause instanceof Error ? cause.message : 'the case refused this decision');
  }
  if (error instanceof WorkflowNotFoundError) return new HttpProblem(409, 'this case is no longer running');
  return error;
}

export const isDuplicateStart = (error: unknown): boolean => error instanceof WorkflowExecutionAlreadyStartedError;
