// The expert draw, as a pure function: the workflow's seeded random makes it the same
// on replay. Which specialty a panel needs and how its totals make the result are rules
// of the policy version (rules/panel.ts); the score sheet's check is domain/score-sheet.ts.

/** Draws one candidate not yet drawn, or undefined when the pool is used up. */
export function drawExpert(candidates: readonly string[], alreadyDrawn: ReadonlySet<string>, random: () => number): string | undefined {
  const remaining = candidates.filter((id) => !alreadyDrawn.has(id));
  if (remaining.length === 0) return undefined;
  return remaining[Math.floor(random() * remaining.length)];
}
