// Every workflow task of a case on the ordered path records at least one command.
//
// Why: Core (SDK 1.24) groups a history into workflow tasks with a heuristic: two
// consecutive tasks without a command, the second followed at once by the next task,
// are taken for a heartbeat and folded into that next task. When the next task brings
// an Update, a worker that rebuilds the case from its history (after a restart, a
// crash or a cache eviction) gets the Update in one activation with the folded task's
// events, which the original run saw apart; the case's coroutines then run in another
// order and replay fails (TMPRL1100; reproduced by lifecycle-worker-crash.test.ts).
// A task that records a command is never folded, so where a task would record none,
// this re-states the case's stage (a search attribute upsert: one event, no effect).
import { encodeUnifiedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes.js';
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { StageAttribute } from '../search-attributes.js';
import { boundCaseOnOrderedPath } from './activities.js';

type Activation = Parameters<NonNullable<ReturnType<WorkflowInterceptorsFactory>['internals']>[number]['activate'] & {}>[0]['activation'];
type Command = Parameters<NonNullable<ReturnType<WorkflowInterceptorsFactory>['internals']>[number]['concludeActivation'] & {}>[0]['commands'][number];

/** Jobs that carry no news of their own: a task made only of these records nothing. */
const quietJobs = new Set(['queryWorkflow', 'removeFromCache', 'notifyHasPatch', 'updateRandomSeed', 'doUpdate']);

/** Update responses and query answers leave no command event in the history. */
const recordsEvent = (command: Command): boolean => !command.updateResponse && !command.respondToQuery;

const acceptsUpdate = (command: Command): boolean => Boolean(command.updateResponse?.accepted || command.updateResponse?.completed);

type Job = NonNullable<Activation['jobs']>[number];

function jobVariant(job: Job): string {
  const variant = (job as { variant?: string }).variant;
  return variant ?? Object.keys(job).find((key) => job[key as keyof Job] != null) ?? 'unknown';
}

export const interceptors: WorkflowInterceptorsFactory = () => {
  let news = false;
  return {
    internals: [
      {
        activate(input, next) {
          const activation: Activation = input.activation;
          news = (activation.jobs ?? []).some((job) => !quietJobs.has(jobVariant(job)));
          return next(input);
        },
        concludeActivation(input, next) {
          const output = next(input);
          const state = boundCaseOnOrderedPath();
          const wakes = news || output.commands.some(acceptsUpdate);
          news = false;
          if (!state || !wakes || output.commands.some(recordsEvent)) return output;
          const restateStage: Command = {
            upsertWorkflowSearchAttributes: { searchAttributes: { indexedFields: encodeUnifiedSearchAttributes(undefined, [{ key: StageAttribute, value: state.stage }]) } },
          };
          return { commands: [...output.commands, restateStage] };
        },
      },
    ],
  };
};
