// The one place the API reaches a case: its Updates, its view, its start input. Every
// Update carries a stable id (updateIdOf): Temporal answers a second Update under an
// id it already took with the first one's outcome, without running it again. So a retry, the API's own or the
// caller's with the same Idempotency-Key, never decides twice and always learns the
// true outcome. The wait is bounded: past it, or when Temporal drops away after the
// Update may have been taken, the answer says the outcome is unknown and how to learn
// it, never a guess.
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isGrpcServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { FastifyRequest } from 'fastify';
import { caseViewQuery, caseWorkflowId } from '../workflows/subsidy-case/messages.js';
import type { CaseInput, CaseView, DecisionReceipt } from '../domain/vocabulary.js';
import { unavailableDependency } from './dependency-errors.js';
import { HttpProblem, ProblemType, RETRY_AFTER_SECONDS } from './problem.js';
import { decisionProblem, isTaskNotInCase } from './temporal-errors.js';

// A CommonJS package: its namespaces come through the default export under Node's ESM.
const Stage = proto.temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;
const GRPC_NOT_FOUND = 5;

/** What the API answers for an Update the case took. */
export interface CaseReceipt {
  caseId: string;
  taskId?: string;
  stage?: string;
  status?: string;
}

export type CaseUpdate<Arg> = UpdateDefinition<DecisionReceipt, [Arg]>;

export interface UpdateIdentity {
  updateId: string;
  /** The caller gave an Idempotency-Key: a retry may carry an Update the case already took. */
  keyed: boolean;
}

/**
 * The Update id of this request: with an `Idempotency-Key`, derived from the user, the
 * route it was sent to and the key (the same request sent again carries the same id);
 * without one, new for this request (the API's own retries reuse it).
 */
export function updateIdOf(request: FastifyRequest, userId: string): UpdateIdentity {
  const key = (request.headers as Record<string, string | undefined>)['idempotency-key'];
  if (key === undefined) return { updateId: randomUUID(), keyed: false };
  const path = request.url.split('?')[0] ?? request.url;
  const digest = createHash('sha256').update(`${userId}\n${request.method} ${path}\n${key}`).digest('hex');
  return { updateId: `key-${digest.slice(0, 40)}`, keyed: true };
}

export interface CaseClient {
  /**
   * Sends the Update and answers with the case's receipt. Throws the problem it
   * became: 422 refused, 409 not running or not holding the task, 202 taken but not
   * finished in time, 503 outcome unknown (Temporal did not answer).
   */
  sendToCase<Arg>(caseId: string, update: CaseUpdate<Arg>, arg: Arg, identity: UpdateIdentity): Promise<CaseReceipt>;
  /**
   * For a request the read model says can no longer be done (a task no longer open, a
   * case already closed): when it is a retry of an Update the case already took, the
   * answer that Update got; otherwise `refusal` is thrown.
   */
  refuseUnlessTaken(caseId: string, identity: UpdateIdentity, refusal: HttpProblem): Promise<CaseReceipt>;
  /** The case's own view (its caseView query, answered by a worker); Temporal's error when none answers within `withinMs`. */
  viewOf(caseId: string, withinMs: number): Promise<CaseView>;
  /** The input the case's latest run started with; undefined when Temporal knows no such case. */
  startedWith(caseId: string): Promise<CaseInput | undefined>;
}

export interface CaseClientOptions {
  /** How long a request waits for the case's outcome before saying it is unknown. */
  answerWithinMs: number;
}

/** Waits before each new try while the case does not hold the task yet (see TASK_NOT_IN_CASE). */
const CATCH_UP_DELAYS_MS = [100, 300, 1_000];
/** How long asking Temporal about an earlier Update may take. */
const PROBE_MS = 3_000;
/** How many runs back (support years) an Update is looked for. */
const RUNS_BACK = 2;

function outcomeUnknown(caseId: string, { updateId, keyed }: UpdateIdentity, accepted: boolean): HttpProblem {
  const check = keyed
    ? `send the same request again with the same Idempotency-Key (the case answers with the outcome of Update ${updateId}), or GET /cases/${caseId} to see whether it took effect`
    : `GET /cases/${caseId} to see whether it took effect (a request sent with an Idempotency-Key can be sent again to ask the case)`;
  const detail = accepted
    ? `the case has taken this request (Update ${updateId}) but has not finished it yet; its outcome is not known yet`
    : `the workflow service did not answer in time, so whether the case took this request (Update ${updateId}) is not known`;
  return new HttpProblem(accepted ? 202 : 503, `${detail}: ${check}`, undefined, {
    type: ProblemType.OutcomeUnknown,
    extensions: { updateId, check, ...(!accepted && { dependency: 'temporal' as const }) },
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  });
}

export function createCaseClient(temporal: Client, options: CaseClientOptions): CaseClient {
  const receiptOf = (caseId: string, receipt: DecisionReceipt): CaseReceipt => ({ caseId, ...receipt });

  /** The run this run continued (a case continues as new for each support year). */
  async function previousRun(workflowId: string, runId: string | undefined): Promise<string | undefined> {
    const response = await temporal.workflowService.getWorkflowExecutionHistory({ namespace: temporal.options.namespace, execution: { workflowId, runId }, maximumPageSize: 1 });
    return response.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }

  /**
   * Where Temporal is with an Update it may have taken, in the case's latest run or the
   * runs it continued (an Update that ended a support year is in the run before): its
   * receipt once finished, 'accepted' while running, 'unknown-update' when the case
   * never took it. Transport failures are thrown.
   */
  async function stageOf(caseId: string, updateId: string): Promise<CaseReceipt | 'accepted' | 'unknown-update'> {
    const workflowId = caseWorkflowId(caseId);
    let runId: string | undefined;
    for (let back = 0; back <= RUNS_BACK; back += 1) {
      try {
        const response = await temporal.withDeadline(Date.now() + PROBE_MS, () =>
          temporal.workflowService.pollWorkflowExecutionUpdate({
            namespace: temporal.options.namespace,
            updateRef: { workflowExecution: { workflowId, runId }, updateId },
            identity: temporal.options.identity,
            waitPolicy: { lifecycleStage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED },
          }),
        );
        if (!response.outcome) return 'accepted';
        return await finishedReceipt(caseId, updateId, response.updateRef?.workflowExecution?.runId ?? runId);
      } catch (error) {
        if (!(isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND)) throw error;
      }
      runId = await previousRun(workflowId, runId).catch((error: unknown) => {
        if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) return undefined;
        throw error;
      });
      if (!runId) return 'unknown-update';
    }
    return 'unknown-update';
  }

  /** The receipt of a finished Update, decoded by the SDK (a refusal is thrown as the problem it is). */
  async function finishedReceipt(caseId: string, updateId: string, runId: string | undefined): Promise<CaseReceipt> {
    const finished = temporal.workflow.getHandle(caseWorkflowId(caseId)).getUpdateHandle<DecisionReceipt>(updateId, runId ? { workflowRunId: runId } : undefined);
    try {
      return receiptOf(caseId, await temporal.withDeadline(Date.now() + PROBE_MS, () => finished.result()));
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) throw decisionProblem(error);
      throw error;
    }
  }

  /**
   * The answer to give for an Update the case may have taken: its receipt when it is
   * finished, else a problem saying the outcome is unknown (202 while it runs), or
   * `neverTaken` when it is known the case never took it.
   */
  async function answerSoFar(caseId: string, identity: UpdateIdentity, neverTaken?: HttpProblem): Promise<CaseReceipt> {
    let stage: Awaited<ReturnType<typeof stageOf>>;
    try {
      stage = await stageOf(caseId, identity.updateId);
    } catch (error) {
      if (error instanceof HttpProblem) throw error;
      // Temporal still does not answer: nothing more is known.
      throw outcomeUnknown(caseId, identity, false);
    }
    if (typeof stage === 'object') return stage;
    if (stage === 'unknown-update' && neverTaken) throw neverTaken;
    // Not known to the case yet: an Update waiting to be admitted may still be taken.
    throw outcomeUnknown(caseId, identity, stage === 'accepted');
  }

  return {
    async sendToCase(caseId, update, arg, identity) {
      const { updateId } = identity;
      const deadline = Date.now() + options.answerWithinMs;
      const handle = temporal.workflow.getHandle(caseWorkflowId(caseId));
      for (let attempt = 0; ; attempt += 1) {
        try {
          // The SDK itself retries a send Temporal did not answer (UNAVAILABLE) with the
          // same request, so the same Update id: at most one of them takes effect.
          const receipt = await temporal.withDeadline(deadline, () => handle.executeUpdate(update, { args: [arg], updateId }));
          return receiptOf(caseId, receipt);
        } catch (error) {
          // A refusal by the case's validator leaves no trace in its history: sending the
          // same id again asks again.
          const delay = CATCH_UP_DELAYS_MS[attempt];
          if (isTaskNotInCase(error) && delay !== undefined && Date.now() + delay < deadline) {
            await sleep(delay);
            continue;
          }
          // A timeout or a lost connection: the case may have taken it.
          if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || unavailableDependency(error) === 'temporal') return answerSoFar(caseId, identity);
          const problem = decisionProblem(error);
          // A refusal of a retry: the case may have taken this Update in the run it
          // continued from (the decision that ended a support year).
          if (identity.keyed && problem instanceof HttpProblem && problem.status < 500) return answerSoFar(caseId, identity, problem);
          throw problem;
        }
      }
    },

    async refuseUnlessTaken(caseId, identity, refusal) {
      // Without a key this request's id is new: the case cannot have taken it.
      if (!identity.keyed) throw refusal;
      return answerSoFar(caseId, identity, refusal);
    },

    viewOf(caseId, withinMs) {
      return temporal.withDeadline(Date.now() + withinMs, () => temporal.workflow.getHandle(caseWorkflowId(caseId)).query(caseViewQuery));
    },

    async startedWith(caseId) {
      let response;
      try {
        response = await temporal.workflowService.getWorkflowExecutionHistory({
          namespace: temporal.options.namespace,
          execution: { workflowId: caseWorkflowId(caseId) },
          maximumPageSize: 1,
        });
      } catch (error) {
        if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) return undefined;
        throw error;
      }
      const payload = response.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      return payload ? temporal.workflow.options.loadedDataConverter.payloadConverter.fromPayload<CaseInput>(payload) : undefined;
    },
  };
}
