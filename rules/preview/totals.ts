// The preview's sums: per program and budget year against the year's budget, the
// gain/lose/stay counts, the largest changes and what the book held.

import type { ProgramCode } from '../codes.js';
import type { Book, BookCase } from './book.js';
import type { CasePreview, Change, Counts, PreviewResult, ProgramYearTotal } from './result.js';
import type { TouchCode } from './touch.js';

type Running = ProgramYearTotal & { lastCase: BookCase | null };

/** Totals per program and budget year, added to year by year as the cases are previewed. */
export class ProgramYearTotals {
  // Keyed by program, then year: no string is built per support year of a large book.
  private readonly totals = new Map<ProgramCode, Map<number, Running>>();
  private readonly budgets = new Map<ProgramCode, Map<number, Book['budgets'][number]>>();

  constructor(private readonly bookBudgets: Book['budgets']) {
    for (const b of bookBudgets) {
      let byYear = this.budgets.get(b.program);
      if (!byYear) this.budgets.set(b.program, (byYear = new Map()));
      byYear.set(b.year, b);
    }
  }

  private totalFor(program: ProgramCode, budgetYear: number): Running {
    let byYear = this.totals.get(program);
    if (!byYear) this.totals.set(program, (byYear = new Map()));
    let t = byYear.get(budgetYear);
    if (!t) {
      const budget = this.budgets.get(program)?.get(budgetYear);
      t = { program, budgetYear, budgetFen: budget?.budgetFen ?? null, reservedFen: budget?.reservedFen ?? 0, ownFen: 0, candidateFen: 0, ifAppliedFen: 0, leftAfterCandidateFen: null, leftAfterOwnFen: null, cases: 0, lastCase: null };
      byYear.set(budgetYear, t);
    }
    return t;
  }

  /** One previewed year: its own amount, the candidate's, and whether the candidate would apply. */
  readonly add = (c: BookCase, budgetYear: number, ownFen: number, candidateFen: number, applies: boolean): void => {
    const t = this.totalFor(c.program, budgetYear);
    t.ownFen += ownFen;
    t.ifAppliedFen += candidateFen;
    t.candidateFen += applies ? candidateFen : ownFen;
    // A case's years fall in different budget years, so a case counts once per total.
    if (t.lastCase !== c) {
      t.lastCase = c;
      t.cases++;
    }
  };

  result(): ProgramYearTotal[] {
    // Budget years with a budget and nothing previewed still show what is left.
    for (const b of this.bookBudgets) this.totalFor(b.program, b.year);
    const out: ProgramYearTotal[] = [];
    for (const byYear of this.totals.values()) {
      for (const { lastCase: _last, ...t } of byYear.values()) {
        if (t.budgetFen !== null) {
          t.leftAfterOwnFen = t.budgetFen - t.reservedFen - t.ownFen;
          t.leftAfterCandidateFen = t.budgetFen - t.reservedFen - t.candidateFen;
        }
        out.push(t);
      }
    }
    return out.sort((a, b) => a.budgetYear - b.budgetYear || (a.program < b.program ? -1 : a.program > b.program ? 1 : 0));
  }
}

export function bookSummary(cases: readonly CasePreview[], supportYears: number, evaluations: number, fullyDecided: number): PreviewResult['book'] {
  const notTouched: Partial<Record<TouchCode, number>> = {};
  let touched = 0;
  let applications = 0;
  for (const c of cases) {
    if (c.kind === 'application') applications++;
    if (c.applies) touched++;
    else notTouched[c.touch.code] = (notTouched[c.touch.code] ?? 0) + 1;
  }
  return { cases: cases.length, applications, awards: cases.length - applications, fullyDecided, supportYears, evaluations, touched, notTouched };
}

export function countOf(cases: readonly CasePreview[], of: (c: CasePreview) => Change): Counts {
  const counts: Counts = { gain: 0, lose: 0, stay: 0 };
  for (const c of cases) counts[of(c)]++;
  return counts;
}

export function largestChanges(cases: readonly CasePreview[], n: number): PreviewResult['largestChanges'] {
  // A bounded selection: the book may hold 100,000 cases, the list holds n.
  const top: CasePreview[] = [];
  for (const c of cases) {
    if (c.deltaFen === 0) continue;
    const size = Math.abs(c.deltaFen);
    if (top.length === n && size <= Math.abs(top[n - 1]!.deltaFen)) continue;
    let i = top.length;
    while (i > 0 && Math.abs(top[i - 1]!.deltaFen) < size) i--;
    top.splice(i, 0, c);
    if (top.length > n) top.pop();
  }
  return top.map((c) => ({ caseId: c.caseId, program: c.program, applies: c.applies, ownFen: c.ownFen, candidateFen: c.candidateFen, deltaFen: c.deltaFen, effectiveDeltaFen: c.effectiveDeltaFen }));
}
