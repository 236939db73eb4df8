// 专家评审: a panel drawn at random from the pool by specialty, conflicts excluded.
// Each expert declares no conflict, then scores; a declined or timed-out expert is
// replaced by a new draw. With 5 or more, the highest and lowest totals are dropped.
import { sleep } from '@temporalio/workflow';
import { aggregatePanelScores, expertSpecialty } from '../../../rules/panel.js';
import { getPolicyVersion, programDefinition } from '../../../rules/policy/registry.js';
import { activities } from '../activities.js';
import type { CaseState } from '../case-state.js';
import { Role, Stage, TaskKind } from '../messages.js';
import type { PanelSeatView } from '../messages.js';
import { drawExpert } from '../panel.js';
import { closeAs, enterStage, proceed } from '../stage.js';
import type { StageOutcome } from '../stage.js';
import { awaitDecisionBy, decisionOf, openTask } from '../tasks.js';

export function needsExperts(state: CaseState): boolean {
  const { evaluation } = programDefinition(state.input.policyVersion, state.input.program);
  return evaluation === 'experts' || evaluation === 'experts-and-audit';
}

export async function expertEvaluation(state: CaseState): Promise<StageOutcome> {
  const program = programDefinition(state.input.policyVersion, state.input.program);
  enterStage(state, Stage.ExpertEvaluation);
  await activities.recordStage({ caseId: state.caseId, stage: Stage.ExpertEvaluation });
  const pool = new ExpertPool(state);
  const size = Math.max(3, state.input.settings.panelSize);
  const seats = Array.from({ length: size }, (_, seat) => fillSeat(state, pool, seat + 1));
  const totals = await Promise.all(seats);
  await activities.closePanel(state.caseId);

  // The policy version's rule, with its trace line in the audit entry.
  const result = aggregatePanelScores(getPolicyVersion(state.input.policyVersion), state.input.program, totals);
  await activities.recordAudit({
    eventKey: state.nextEventKey('panel-result'),
    caseId: state.caseId,
    actor: 'system',
    action: 'panel-scored',
    detail: result,
  });
  if (!result.passed) return closeAs('rejected', `the expert panel's average ${result.average} is below the pass mark ${program.passMark}`);
  return proceed;
}

/** Runs one seat until an expert has scored: declined or timed-out experts are replaced. */
async function fillSeat(state: CaseState, pool: ExpertPool, seat: number): Promise<number> {
  const { expertDeclarationPeriod, expertScoringPeriod } = state.input.settings;
  for (;;) {
    const expertId = await pool.draw();
    await setSeat(state, { expertId, seat, status: 'invited' });

    const declaration = await openTask(state, TaskKind.ExpertConflict, Role.Expert, { assignee: expertId, due: expertDeclarationPeriod });
    if (!(await awaitDecisionBy(state, declaration, expertDeclarationPeriod, 'no declaration by the deadline'))) {
      await setSeat(state, { expertId, seat, status: 'timed-out' });
      continue;
    }
    if (decisionOf(declaration, TaskKind.ExpertConflict).hasConflict) {
      await setSeat(state, { expertId, seat, status: 'declined' });
      continue;
    }
    await setSeat(state, { expertId, seat, status: 'accepted' });

    const scoring = await openTask(state, TaskKind.ExpertScoring, Role.Expert, { assignee: expertId, due: expertScoringPeriod });
    if (!(await awaitDecisionBy(state, scoring, expertScoringPeriod, 'no scores by the deadline'))) {
      await setSeat(state, { expertId, seat, status: 'timed-out' });
      continue;
    }
    const { scores } = decisionOf(scoring, TaskKind.ExpertScoring);
    const total = Object.values(scores).reduce((a, b) => a + b, 0);
    await setSeat(state, { expertId, seat, status: 'scored' }, scores, total);
    return total;
  }
}

async function setSeat(state: CaseState, view: PanelSeatView & { seat: number }, scores?: Record<string, number>, total?: number) {
  state.panel.set(view.expertId, view);
  await activities.recordSeat({
    caseId: state.caseId,
    ...view,
    ...(scores !== undefined && { scores }),
    ...(total !== undefined && { totalPoints: total }),
  });
}

/** The panel's specialty: policy data of the case's version. */
const specialtyOf = (state: CaseState): string => expertSpecialty(getPolicyVersion(state.input.policyVersion), state.input.program).specialty;

/** Candidates without conflicts; each expert is drawn at most once per case. */
class ExpertPool {
  private candidates: Promise<string[]> | undefined;
  private readonly drawn = new Set<string>();

  constructor(private readonly state: CaseState) {}

  async draw(): Promise<string> {
    for (;;) {
      // Seats draw concurrently; they share one look-up of the pool.
      this.candidates ??= activities.listExpertCandidates({
        enterpriseId: this.state.input.enterpriseId,
        specialty: specialtyOf(this.state),
      });
      // Math.random is seeded per workflow run: the same draw on every replay.
      const expertId = drawExpert(await this.candidates, this.drawn, Math.random);
      if (expertId !== undefined) {
        this.drawn.add(expertId);
        return expertId;
      }
      // The pool is used up: tell the supervisor, wait, and look again.
      await activities.recordAudit({
        eventKey: this.state.nextEventKey('expert-pool-exhausted'),
        caseId: this.state.caseId,
        actor: 'system',
        action: 'expert-pool-exhausted',
        detail: { specialty: specialtyOf(this.state), drawn: [...this.drawn] },
      });
      await sleep(this.state.input.settings.escalationStep);
      this.candidates = undefined;
    }
  }
}
