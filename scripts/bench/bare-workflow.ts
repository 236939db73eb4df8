// The lifecycle benchmark's baseline: a bare workflow with the shape of a measured
// case (scripts/bench/bare-plan.ts derives it from a real case's history) and none of
// its logic. Per run (support year): blocks in order; in a block, lanes in parallel
// (the panel's seats, a payment's components); in a lane, steps in order: no-op
// activities, then wait (with a timer, as a case waits with its due date) for one
// Update (whose handler runs one no-op activity where the case's did). Fired timers sleep before their
// block; further run-spanning timers are started and cancelled. A plan of several
// runs continues as new for each, as a multi-year case does. Bundled on its own:
// this file is not part of workflows/.
import { CancellationScope, allHandlersFinished, condition, continueAsNew, defineUpdate, proxyActivities, proxyLocalActivities, setHandler, sleep, workflowInfo, ApplicationFailure } from '@temporalio/workflow';

export interface BareStep {
  activitiesBefore: number;
  /** Local activities (the case's read-model projections), before the activities. */
  localActivitiesBefore?: number;
}
export interface BareLane {
  steps: BareStep[];
}
export interface BareBlock {
  /** Timers that fire before the block starts (a public notice, waiting for next year), in ms. */
  sleepsBeforeMs: number[];
  lanes: BareLane[];
}
export interface BareRun {
  blocks: BareBlock[];
  /** No-op activities after the last block (closing the case, for instance). */
  tailActivities: number;
  tailLocalActivities?: number;
  /** Timers started and cancelled beyond one per Update. */
  extraTimers: number;
  /**
   * Whether each Update's handler runs an activity of its own (runs of cases that
   * began before decisions were projected by the main flow); absent means it does.
   */
  handlerActivity?: boolean;
}
export interface BareInput {
  runs: BareRun[];
  run: number;
}
export interface StepKey {
  run: number;
  block: number;
  lane: number;
  step: number;
}

export const stepUpdate = defineUpdate<{ ok: true }, [StepKey]>('step');

const { noop } = proxyActivities<{ noop(): Promise<void> }>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const local = proxyLocalActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '1 minute' });

const keyOf = (k: Omit<StepKey, 'run'>) => `${k.block}/${k.lane}/${k.step}`;

export async function bareCaseWorkflow(input: BareInput): Promise<{ runs: number }> {
  const plan = input.runs[input.run];
  if (!plan) throw ApplicationFailure.nonRetryable(`no run ${input.run} in the plan`);
  const waiting = new Set<string>();
  const done = new Set<string>();

  setHandler(
    stepUpdate,
    async (key) => {
      // As a case's task, a step is answered only once its lane waits for it.
      await condition(() => waiting.has(keyOf(key)));
      if (plan.handlerActivity !== false) await noop();
      done.add(keyOf(key));
      return { ok: true as const };
    },
    {
      // An Update for another run (sent while this one continues as new) is refused; the driver resends.
      validator: (key) => {
        if (key.run !== input.run) throw new Error(`this is run ${input.run}, not ${key.run}`);
        if (done.has(keyOf(key))) throw new Error('step already done');
      },
    },
  );

  for (const [b, block] of plan.blocks.entries()) {
    for (const ms of block.sleepsBeforeMs) await sleep(ms);
    await Promise.all(
      block.lanes.map(async (lane, l) => {
        for (const [s, step] of lane.steps.entries()) {
          for (let i = 0; i < (step.localActivitiesBefore ?? 0); i += 1) await local.noop();
          for (let i = 0; i < step.activitiesBefore; i += 1) await noop();
          const key = keyOf({ block: b, lane: l, step: s });
          // The due-date timer starts before the step can be answered, as a case's does
          // when it opens a task (else an Update already waiting could beat it).
          const answered = condition(() => done.has(key), '1 day');
          waiting.add(key);
          await answered;
        }
      }),
    );
  }
  for (let i = 0; i < plan.extraTimers; i += 1) {
    const scope = new CancellationScope();
    const timer = scope.run(() => sleep('1 day')).catch(() => undefined);
    await sleep(1);
    scope.cancel();
    await timer;
  }
  for (let i = 0; i < (plan.tailLocalActivities ?? 0); i += 1) await local.noop();
  for (let i = 0; i < plan.tailActivities; i += 1) await noop();
  await condition(allHandlersFinished);
  if (input.run + 1 < input.runs.length) return continueAsNew<typeof bareCaseWorkflow>({ ...input, run: input.run + 1 });
  return { runs: workflowInfo().continuedFromExecutionRunId ? input.runs.length : 1 };
}
