// Maps what Temporal answers to the API's problems: a refused decision is the
// workflow's word (422), a case that has moved on or is no longer running is a wrong
// state (409), a
// duplicate start is 409, an unreachable Temporal is 503 naming it. Anything else
// stays an internal error whose details only the log sees. (An Update whose outcome
// is unknown is case-client.ts's to answer.)
import { isGrpcServiceError, ServiceError, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { CASE_STATE_CONFLICT, DECISION_REFUSED, TASK_NOT_IN_CASE } from '../workflows/subsidy-case/messages.js';
import { unavailableDependency } from './dependency-errors.js';
import { dependencyUnavailable, HttpProblem } from './problem.js';

const GRPC_NOT_FOUND = 5;
const GRPC_FAILED_PRECONDITION = 9;

/** The gRPC status code of a Temporal call's failure, if it has one. */
export function grpcCode(error: unknown): number | undefined {
  if (isGrpcServiceError(error)) return error.code;
  if (error instanceof ServiceError && isGrpcServiceError(error.cause)) return error.cause.code;
  return undefined;
}

/** The failure a case's Update raised, when error is an Update the case refused that way. */
function updateFailureOf(error: unknown): ApplicationFailure | undefined {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure ? error.cause : undefined;
}

/** The case does not hold the task yet (it may be committing it right now). */
export function isTaskNotInCase(error: unknown): boolean {
  return updateFailureOf(error)?.type === TASK_NOT_IN_CASE;
}

/** The problem a failed Update (decision, claim, withdrawal, objection) becomes. */
export function decisionProblem(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    const failure = updateFailureOf(error);
    if (failure?.type === DECISION_REFUSED) return new HttpProblem(422, failure.message);
    // The same 409 the routes' read-model pre-checks give for it.
    if (failure?.type === CASE_STATE_CONFLICT) return new HttpProblem(409, failure.message);
    if (failure?.type === TASK_NOT_IN_CASE) return new HttpProblem(409, `${failure.message}: it may still be opening it, try again shortly`);
    // An Update the case has no handler for at its current stage, or refused otherwise.
    return new HttpProblem(422, cause instanceof Error && cause.message ? cause.message : 'the case refused this decision');
  }
  if (error instanceof WorkflowNotFoundError) return new HttpProblem(409, 'this case is no longer running');
  return temporalProblem(error);
}

/** Connection-level failures of any Temporal call. */
export function temporalProblem(error: unknown): unknown {
  const code = grpcCode(error);
  if (code === GRPC_NOT_FOUND || code === GRPC_FAILED_PRECONDITION) return new HttpProblem(409, 'this case is no longer running');
  if (unavailableDependency(error) === 'temporal') return dependencyUnavailable('temporal');
  return error;
}

export const isDuplicateStart = (error: unknown): boolean => error instanceof WorkflowExecutionAlreadyStartedError;

/** Temporal does not know this workflow (never started here, or its history was removed). */
export const isWorkflowNotFound = (error: unknown): boolean => error instanceof WorkflowNotFoundError || grpcCode(error) === GRPC_NOT_FOUND;
