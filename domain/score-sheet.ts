// What is wrong with an expert's score sheet against the program's criteria: one check,
// read by the case's validator (its first problem refuses the Update) and by the API
// (every problem, each naming its field).
import type { Criterion } from '../rules/index.js';

export type ScoreSheetProblem =
  | { criterion: Criterion; problem: 'missing' | 'out-of-range' }
  | { name: string; problem: 'unknown' };

/** Each criterion scored with whole points within its maximum, and nothing else scored. */
export function scoreSheetProblems(criteria: readonly Criterion[], scores: Record<string, number>): ScoreSheetProblem[] {
  const problems: ScoreSheetProblem[] = [];
  for (const criterion of criteria) {
    const points = scores[criterion.name];
    if (points === undefined) problems.push({ criterion, problem: 'missing' });
    else if (!Number.isInteger(points) || points < 0 || points > criterion.maxPoints) problems.push({ criterion, problem: 'out-of-range' });
  }
  for (const name of Object.keys(scores)) {
    if (!criteria.some((c) => c.name === name)) problems.push({ name, problem: 'unknown' });
  }
  return problems;
}

/** The case's refusal: the first problem, in words. */
export function scoreSheetRefusal(criteria: readonly Criterion[], scores: Record<string, number>): string | undefined {
  const [first] = scoreSheetProblems(criteria, scores);
  if (first === undefined) return undefined;
  if (first.problem === 'unknown') return `"${first.name}" is not a criterion of this program`;
  if (first.problem === 'missing') return `criterion "${first.criterion.name}" has no score`;
  return `criterion "${first.criterion.name}" takes a whole number of points from 0 to ${first.criterion.maxPoints}`;
}
