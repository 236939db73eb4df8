// Which support years of a case a preview computes, and on which figures.

import type { Facts } from '../types.js';
import type { ProgramDefinition } from '../policy/types.js';
import type { BookCase, FigureSource } from './book.js';

/**
 * The years not yet decided: from the case's current year to its last, under either
 * version (a candidate may lengthen or shorten the support period), less the years the
 * committee approved and the years that ended missed or failed.
 */
export function yearsToPreview(c: BookCase, own: ProgramDefinition, candidate: ProgramDefinition): number[] {
  const last = Math.max(own.years, candidate.years, c.supportYear);
  const years: number[] = [];
  // A handful of years per case: scanned, not hashed.
  for (let y = c.supportYear; y <= last; y++) {
    if (c.decidedYears.includes(y) || c.priorYears.some((p) => p.supportYear === y && p.outcome !== 'verified')) continue;
    years.push(y);
  }
  return years;
}

/** Shared: most years assume nothing (never mutated). */
const NO_ASSUMPTIONS: string[] = [];

const RANK: Record<FigureSource, number> = { 'verified-report': 0, 'submitted-report': 1, application: 2 };

/** Where a year's figures come from, as the preview shows it. Shared and frozen: a book of 100,000 cases holds a handful. */
export interface FiguresView {
  readonly source: FigureSource;
  /** The support year the figures were reported for: earlier than the year previewed when it is not yet reported. */
  readonly fromSupportYear: number;
  /** Facts assumed because the year is projected (A4's model iteration, 第四条). */
  readonly assumed: readonly string[];
}

export interface YearFigures {
  facts: Facts;
  view: FiguresView;
}

// By source rank and support year; a projected year's assumptions (rare) by their names.
const plainViews: FiguresView[][] = [[], [], []];
const assumingViews = new Map<string, FiguresView>();

function viewOf(source: FigureSource, fromSupportYear: number, assumed: readonly string[]): FiguresView {
  const make = () => Object.freeze({ source, fromSupportYear, assumed: Object.freeze([...assumed]) });
  if (assumed.length === 0) {
    const byYear = plainViews[RANK[source]]!;
    return (byYear[fromSupportYear] ??= make());
  }
  const key = `${source}|${fromSupportYear}|${assumed.join(',')}`;
  let view = assumingViews.get(key);
  if (!view) assumingViews.set(key, (view = make()));
  return view;
}

/**
 * The latest figures the case holds for the year: its own (verified before submitted
 * before the application's), else the latest earlier year's. A later year projected
 * from earlier figures assumes the award continues (the continuation fact true), since
 * the preview asks what the year would pay, not whether the enterprise will report.
 */
export function figuresFor(c: BookCase, supportYear: number, continuationFacts: readonly ('modelIterated' | null)[]): YearFigures | null {
  let best: BookCase['figures'][number] | null = null;
  for (const f of c.figures) {
    if (f.supportYear > supportYear) continue;
    if (!best || f.supportYear > best.supportYear || (f.supportYear === best.supportYear && RANK[f.source] < RANK[best.source])) best = f;
  }
  if (!best) return null;
  let facts: Facts = best.facts;
  let assumed: string[] = NO_ASSUMPTIONS;
  if (supportYear > 1) {
    for (const fact of continuationFacts) {
      if (fact && facts[fact] === undefined) {
        // A copy: the book's own figures stay as reported.
        facts = { ...facts, [fact]: true };
        assumed = [...assumed, fact];
      }
    }
  }
  return { facts, view: viewOf(best.source, best.supportYear, assumed) };
}
