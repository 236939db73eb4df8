// The policy preview: every undecided support year of the book under its own version
// and under the candidate, per component, with totals per program and budget year
// against the budgets. Pure: the book and the candidate in, the answer out.

import { listPolicyVersions } from '../policy/registry.js';
import type { PolicyVersion } from '../policy/types.js';
import type { Book } from './book.js';
import type { Candidate } from './candidate.js';
import { previewContext, previewOneCase } from './case-years.js';
import type { TraceChoice } from './case-years.js';
import { parameterChanges } from './changes.js';
import type { CasePreview, PreviewResult } from './result.js';
import { ProgramYearTotals, bookSummary, countOf, largestChanges } from './totals.js';
import { TOUCH_REASONS, TOUCH_RULE } from './touch.js';

export interface PreviewOptions {
  /**
   * What each case carries: its support years with components (default), or only its
   * sums (`cases`), the whole-book answer that is fast enough to ask live; one case's
   * years and traces then come from `previewCase`.
   */
  detail?: 'years' | 'cases';
  /** Which years carry both traces (with detail `years`): those whose amount changes (default), all, or none. */
  traces?: TraceChoice;
  /** How many largest changes to list (default 20). */
  largest?: number;
  /** The published versions (default: the registry's). */
  published?: readonly PolicyVersion[];
}

export function previewBook(book: Book, candidate: Candidate, options: PreviewOptions = {}): PreviewResult {
  const published = options.published ?? listPolicyVersions();
  const ctx = previewContext(book, candidate.version, published);
  const perCase = { traces: options.traces ?? 'changed', years: (options.detail ?? 'years') === 'years' };
  const totals = new ProgramYearTotals(book.budgets);

  const cases: CasePreview[] = [];
  const caseErrors: PreviewResult['caseErrors'] = [];
  let evaluations = 0;
  let supportYears = 0;
  let fullyDecided = 0;
  for (const c of book.cases) {
    const outcome = previewOneCase(ctx, c, perCase, totals.add);
    if (outcome.kind === 'error') caseErrors.push({ caseId: c.caseId, field: outcome.field, message: outcome.message });
    else if (outcome.kind === 'fully-decided') fullyDecided++;
    else {
      cases.push(outcome.preview);
      evaluations += outcome.evaluations;
      supportYears += outcome.supportYears;
    }
  }

  return {
    candidate: describeCandidate(candidate),
    asOf: book.asOf,
    touchRule: TOUCH_RULE,
    touchReasons: TOUCH_REASONS,
    book: bookSummary(cases, supportYears, evaluations, fullyDecided),
    totals: totals.result(),
    counts: countOf(cases, (c) => c.change),
    countsIfApplied: countOf(cases, (c) => c.changeIfApplied),
    largestChanges: largestChanges(cases, options.largest ?? 20),
    cases,
    caseErrors,
  };
}

function describeCandidate(candidate: Candidate): PreviewResult['candidate'] {
  const v = candidate.version;
  return { id: v.id, basedOn: candidate.patch.basedOn, effectiveFrom: v.effectiveFrom, titleZh: v.titleZh, titleEn: v.titleEn, note: v.note, changes: parameterChanges(candidate.base, v) };
}

export type CaseDetail = { found: true; case: CasePreview; candidate: PreviewResult['candidate'] } | { found: false; reason: 'not-in-book' } | { found: false; reason: 'fully-decided' } | { found: false; reason: 'error'; field: string; message: string };

/** One case opened: every undecided year, per component, with both traces (or as asked). */
export function previewCase(book: Book, candidate: Candidate, caseId: string, options: Pick<PreviewOptions, 'traces' | 'published'> = {}): CaseDetail {
  const c = book.cases.find((x) => x.caseId === caseId);
  if (!c) return { found: false, reason: 'not-in-book' };
  const ctx = previewContext(book, candidate.version, options.published ?? listPolicyVersions());
  const outcome = previewOneCase(ctx, c, { traces: options.traces ?? 'all', years: true });
  if (outcome.kind === 'fully-decided') return { found: false, reason: 'fully-decided' };
  if (outcome.kind === 'error') return { found: false, reason: 'error', field: outcome.field, message: outcome.message };
  return { found: true, case: outcome.preview, candidate: describeCandidate(candidate) };
}
