// Writes people's decisions to the read model from the main flow. An Update handler
// records a decision in state and answers; this loop, started with the run, writes it
// as a local activity in the same workflow task (one marker event). Before it, each
// handler awaited a regular activity: three events and one more workflow task per
// decision (a local activity awaited inside a handler does not replay). Runs that
// began before it keep the handler's write: the patch marks which is which.
import { condition, patched } from '@temporalio/workflow';
import { activities } from './activities.js';
import type { CaseState } from './case-state.js';

export const DECISIONS_PROJECTED_BY_MAIN_FLOW = 'decisions-projected-by-main-flow';

/** Call first thing in a run: decides, once per run, who writes decisions. */
export function startDecisionProjector(state: CaseState): void {
  state.projectsDecisionsInMainFlow = patched(DECISIONS_PROJECTED_BY_MAIN_FLOW);
  if (!state.projectsDecisionsInMainFlow) return;
  void (async () => {
    for (;;) {
      await condition(() => state.decisionsToProject.length > 0);
      // Taken off the queue only once written: a run ends after the queue is empty.
      await activities.closeTask(state.decisionsToProject[0]!);
      state.decisionsToProject.shift();
    }
  })();
}

/** Resolves once every decision recorded so far is in the read model. */
export function decisionsProjected(state: CaseState): Promise<void> {
  return condition(() => state.decisionsToProject.length === 0);
}
