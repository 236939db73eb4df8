// Expert panels, as pure functions: the random draw (the workflow's seeded random makes
// it the same on replay) and the score sheet's check. Which specialty a panel needs and
// how its totals make the result are rules of the policy version (rules/panel.ts).
import type { Criterion } from '../../rules/index.js';

/** Draws one candidate not yet drawn, or undefined when the pool is used up. */
export function drawExpert(candidates: readonly string[], alreadyDrawn: ReadonlySet<string>, random: () => number): string | undefined {
  const remaining = candidates.filter((id) => !alreadyDrawn.has(id));
  if (remaining.length === 0) return undefined;
  return remaining[Math.floor(random() * remaining.length)];
}

/** Why a score sheet is unacceptable, or undefined when every criterion is scored within its maximum. */
export function scoreSheetProblem(criteria: readonly Criterion[], scores: Record<string, number>): string | undefined {
  for (const criterion of criteria) {
    const points = scores[criterion.name];
    if (points === undefined) return `criterion "${criterion.name}" has no score`;
    if (!Number.isInteger(points) || points < 0 || points > criterion.maxPoints) {
      return `criterion "${criterion.name}" takes a whole number of points from 0 to ${criterion.maxPoints}`;
    }
  }
  const unknown = Object.keys(scores).find((name) => !criteria.some((c) => c.name === name));
  return unknown === undefined ? undefined : `"${unknown}" is not a criterion of this program`;
}
