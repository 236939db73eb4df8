// Expert panels, as pure functions: which specialty a program needs, the random draw
// (the workflow's seeded random makes it the same on replay), and how scores add up.
import type { Criterion, ProgramCode } from '../../rules/index.js';

const specialtyByArticle: Record<string, string> = {
  A3: 'compute',
  A4: 'compute',
  A5: 'data',
  A6: 'platform',
  A7: 'evaluation',
  A8: 'scenario',
  A9: 'industry',
  A10: 'platform',
};

export function specialtyFor(program: ProgramCode): string {
  const article = program.split('-')[0] ?? '';
  return specialtyByArticle[article] ?? 'industry';
}

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

export interface PanelResult {
  totals: number[];
  /** The totals that count: with 5 or more experts the highest and lowest are dropped. */
  counted: number[];
  /** Mean of the counted totals, to two decimals (for display; the pass test is exact). */
  average: number;
  passed: boolean;
}

export function aggregateScores(totals: readonly number[], passMark: number): PanelResult {
  const sorted = [...totals].sort((a, b) => a - b);
  const counted = sorted.length >= 5 ? sorted.slice(1, -1) : sorted;
  const sum = counted.reduce((a, b) => a + b, 0);
  return {
    totals: [...totals],
    counted,
    average: Math.floor((sum * 100) / counted.length) / 100,
    // sum / n >= passMark, without division.
    passed: counted.length > 0 && sum >= passMark * counted.length,
  };
}
