// A workflow that takes an Update at once but finishes it only when told: the case
// client's answer for a request the case has taken and not yet finished.
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';
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
