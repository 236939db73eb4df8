// Test workflows for the case client: one takes an Update at once but finishes it
// only when told (a request taken and not yet finished); one continues as new right
// after a decision (an Update taken in the run before).
import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';
import { DECISION_REFUSED } from '../../workflows/subsidy-case/messages.js';
import type { DecisionReceipt } from '../../workflows/subsidy-case/messages.js';

export const slowDecisionUpdate = defineUpdate<DecisionReceipt, [{ note: string }]>('slowDecision');
export const finishSignal = defineSignal('finish');

export async function slowToDecide(): Promise<void> {
  let finished = false;
  setHandler(finishSignal, () => {
    finished = true;
  });
  setHandler(slowDecisionUpdate, async (): Promise<DecisionReceipt> => {
    await condition(() => finished);
    return { stage: 'formal-review', status: 'in-progress' };
  });
  await condition(() => finished);
  // Stays open a moment longer so the Update's outcome is read from a running case.
  await condition(() => false, '1 minute');
}

/**
 * Takes one decision, then continues as new (as a case does at the end of a support
 * year); the next run refuses the decision, as a case whose task is gone does.
 */
export async function decidesThenContinues(decided = false): Promise<void> {
  let taken = false;
  setHandler(
    slowDecisionUpdate,
    (_decision: { note: string }): DecisionReceipt => {
      taken = true;
      return { stage: 'formal-review', status: 'in-progress' };
    },
    {
      validator: (_decision: { note: string }) => {
        if (decided) throw ApplicationFailure.create({ type: DECISION_REFUSED, message: 'already decided in the year before' });
      },
    },
  );
  if (decided) {
    await condition(() => false, '1 minute');
    return;
  }
  await condition(() => taken && allHandlersFinished());
  await continueAsNew<typeof decidesThenContinues>(true);
}
