// 公示: the approval is published for the notice period; an objection in that time
// sends the case back to the committee.
import { condition } from '@temporalio/workflow';
import { activities } from '../activities.js';
import type { CaseState } from '../case-state.js';
import { Stage } from '../messages.js';
import { enterStage } from '../stage.js';

export async function publicNotice(state: CaseState): Promise<'published' | 'objected'> {
  enterStage(state, Stage.PublicNotice);
  await activities.recordStage({ caseId: state.caseId, stage: Stage.PublicNotice });
  const objectionsBefore = state.objections.length;
  const objected = await condition(() => state.objections.length > objectionsBefore, state.input.settings.noticePeriod);
  return objected ? 'objected' : 'published';
}
