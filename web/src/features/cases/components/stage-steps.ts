// The stepper's stages and the date beside each: when it was done (its last task
// closed, the notice's approval, the last payment), or for the stage the case is in,
// since when (its first open task). Every date is an instant the read model recorded
// as it happened (the application's when its case was recorded, the closing's when the
// case was closed), never the office's calendar date of submission: one clock for all.
import type { CaseDetail } from '../../../lib/api-types.js';

const FLOW = ['application', 'formal-review', 'correction', 'expert-evaluation', 'committee', 'public-notice', 'disbursement', 'yearly-report', 'yearly-verification', 'recovery', 'closed'];
/** Stages every case passes, shown ahead even before it reaches them. */
const ALWAYS = new Set(['application', 'formal-review', 'committee', 'public-notice', 'disbursement', 'closed']);

export interface StageStep {
  stage: string;
  /** ISO instant; undefined when not reached. */
  date: string | undefined;
  /** The date says since when (the current stage) rather than when it was done. */
  since: boolean;
}

const latest = (dates: (string | null | undefined)[]) => dates.filter((d): d is string => !!d).sort().at(-1);
const earliest = (dates: (string | null | undefined)[]) => dates.filter((d): d is string => !!d).sort()[0];

export function stageSteps(c: CaseDetail): { steps: StageStep[]; current: number } {
  const done = c.doneTasks ?? [];
  const doneOn = new Map<string, string | undefined>([['application', c.recordedAt]]);
  for (const stage of FLOW) {
    const closed = latest(done.filter((t) => t.stage === stage).map((t) => t.closedAt));
    if (closed) doneOn.set(stage, closed);
  }
  const approvedAt = earliest((c.approvals ?? []).map((a) => a.approvedAt));
  if (approvedAt && !doneOn.has('public-notice') && c.stage !== 'committee') doneOn.set('public-notice', approvedAt);
  const paidAt = latest((c.payments ?? []).map((p) => p.settledAt));
  if (paidAt) doneOn.set('disbursement', paidAt);
  if (c.stage === 'closed') doneOn.set('closed', c.closedAt ?? latest([...doneOn.values()]));
  const sinceOn = earliest(c.openTasks.filter((t) => t.stage === c.stage).map((t) => t.createdAt));

  const stages = FLOW.filter((s) => ALWAYS.has(s) || doneOn.has(s) || s === c.stage);
  const steps = stages.map((stage) => {
    if (stage === c.stage && c.stage !== 'closed') return { stage, date: sinceOn ?? doneOn.get(stage), since: !!sinceOn };
    return { stage, date: doneOn.get(stage), since: false };
  });
  return { steps, current: Math.max(stages.indexOf(c.stage), 0) };
}
