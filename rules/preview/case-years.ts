// One case of the preview: each undecided support year under the case's own version
// and under the candidate. Shared by the whole-book pass and the one-case detail.

import type { ProgramCode } from '../codes.js';
import { supportYearCostPeriod } from '../dates.js';
import { RulesInputError } from '../errors.js';
import { evaluateProgram } from '../evaluate.js';
import { groupBy } from '../group-by.js';
import { priorAwardErrors } from '../overlap.js';
import type { PolicyVersion } from '../policy/types.js';
import type { Period } from '../dates.js';
import type { EvaluationInput, EvaluationResult, PriorAward } from '../types.js';
import type { Book, BookCase, EarlierAward } from './book.js';
import type { CasePreview, Change, SideResult, YearPreview } from './result.js';
import { touchOf } from './touch.js';
import { figuresFor, yearsToPreview } from './years.js';

export type TraceChoice = 'changed' | 'all' | 'none';

/** What every case of one preview shares: lookups built once per book. */
export interface PreviewContext {
  candidate: PolicyVersion;
  versions: ReadonlyMap<string, PolicyVersion>;
  enterprises: ReadonlyMap<string, Book['enterprises'][number]>;
  awardsByEnterprise: ReadonlyMap<string, EarlierAward[]>;
  sameRules: (own: PolicyVersion, program: ProgramCode) => boolean;
  touchFor: (c: BookCase) => { applies: boolean; view: CasePreview['touch'] };
}

/** Receives each previewed year's amounts (for totals per program and budget year). */
export type YearSink = (c: BookCase, budgetYear: number, ownFen: number, candidateFen: number, applies: boolean) => void;

export type CaseOutcome = { kind: 'previewed'; preview: CasePreview; supportYears: number; evaluations: number } | { kind: 'fully-decided' } | { kind: 'error'; field: string; message: string };

const NONE: readonly never[] = [];

// A support year's cost period is its budget year's calendar year: one object per year, not per case-year.
const periods = new Map<number, Period>();
function costPeriod(noticeYear: number, supportYear: number): Period {
  let period = periods.get(noticeYear + supportYear);
  if (!period) periods.set(noticeYear + supportYear, (period = Object.freeze(supportYearCostPeriod(noticeYear, supportYear))));
  return period;
}

export const changeOf = (delta: number): Change => (delta > 0 ? 'gain' : delta < 0 ? 'lose' : 'stay');

/**
 * Whether the candidate can give a program a different amount than a version does:
 * only its definition and the readings enter an amount. Where they are equal, the
 * candidate's result is the own version's, and is not computed twice.
 */
function sameRulesCache(candidate: PolicyVersion) {
  // By version, then program: no key string is built per case of a large book.
  const cache = new Map<string, Map<ProgramCode, boolean>>();
  const candidateReadings = JSON.stringify(candidate.readings);
  return (own: PolicyVersion, program: ProgramCode): boolean => {
    let byProgram = cache.get(own.id);
    if (!byProgram) cache.set(own.id, (byProgram = new Map()));
    let same = byProgram.get(program);
    if (same === undefined) {
      same = candidateReadings === JSON.stringify(own.readings) && JSON.stringify(own.programs[program]) === JSON.stringify(candidate.programs[program]);
      byProgram.set(program, same);
    }
    return same;
  };
}

/** Touch depends only on the submission day: one answer (and one shown object) per day. */
function touchCache(candidate: PolicyVersion, published: readonly PolicyVersion[]) {
  const byDay = new Map<string, { applies: boolean; view: CasePreview['touch'] }>();
  return (c: BookCase) => {
    let found = byDay.get(c.submittedOn);
    if (!found) {
      const touch = touchOf(c, candidate, published);
      found = { applies: touch.applies, view: Object.freeze({ code: touch.code, versionIfAdopted: touch.versionIfAdopted }) };
      byDay.set(c.submittedOn, found);
    }
    return found;
  };
}

export function previewContext(book: Book, candidate: PolicyVersion, published: readonly PolicyVersion[]): PreviewContext {
  return {
    candidate,
    versions: new Map(published.map((v) => [v.id, v])),
    enterprises: new Map(book.enterprises.map((e) => [e.id, e])),
    awardsByEnterprise: groupBy(book.earlierAwards, (a) => a.enterpriseId),
    sameRules: sameRulesCache(candidate),
    touchFor: touchCache(candidate, published),
  };
}

type Evaluated = { ok: true; result: EvaluationResult } | { ok: false; errors: { field: string; message: string }[] };

/**
 * One program's amount under a version. Not evaluateUnder: the preview shows no
 * alternatives (第十三条's other programs are the committee's choice, not an amount of
 * this case), and the enterprise's earlier awards are checked once per case.
 */
function tryEvaluate(input: EvaluationInput, version: PolicyVersion, keepTrace: boolean): Evaluated {
  try {
    return { ok: true, result: evaluateProgram(input, input.program, version, true, keepTrace) };
  } catch (e) {
    if (e instanceof RulesInputError) return { ok: false, errors: e.errors };
    throw e;
  }
}

const failedOrNull = (errors: { field: string; message: string }[]): Evaluated | null => (errors.length === 0 ? null : { ok: false, errors });

function side(result: EvaluationResult, withTrace: boolean): SideResult {
  // The rules' own component results, not copies: a large book keeps one object per component.
  const side: SideResult = { eligible: result.eligible, amountFen: result.amountFen, components: result.components, reasons: result.reasons.length === 0 ? (NONE as never[]) : result.reasons.map((r) => ({ code: r.code, article: r.article })) };
  if (withTrace) side.trace = result.trace;
  return side;
}

/** The enterprise's earlier awards less the case's own (its earlier years cover other periods, not overlaps). */
function priorAwardsOf(c: BookCase, ofEnterprise: readonly EarlierAward[] | undefined): readonly PriorAward[] {
  if (!ofEnterprise) return NONE;
  // The book's entries carry the prior-award fields the rules read; extra keys are ignored.
  return ofEnterprise.some((a) => a.caseId === c.caseId) ? ofEnterprise.filter((a) => a.caseId !== c.caseId) : ofEnterprise;
}

/**
 * Previews one case. With `years` false only the case's sums are kept (the whole-book
 * pass a committee asks first); the years, components and traces of one case are asked
 * for again when someone opens it.
 */
export function previewOneCase(ctx: PreviewContext, c: BookCase, options: { traces: TraceChoice; years: boolean }, sink?: YearSink): CaseOutcome {
  const own = ctx.versions.get(c.policyVersion);
  if (!own) return { kind: 'error', field: 'policyVersion', message: `unknown policy version "${c.policyVersion}"` };
  const enterprise = ctx.enterprises.get(c.enterpriseId);
  if (!enterprise) return { kind: 'error', field: 'enterpriseId', message: `enterprise ${c.enterpriseId} is not in the book` };
  const cand = ctx.candidate;
  const ownDef = own.programs[c.program];
  const candDef = cand.programs[c.program];
  const toPreview = yearsToPreview(c, ownDef, candDef);
  // Every year approved: the committee decided it, no version changes it now.
  if (toPreview.length === 0) return { kind: 'fully-decided' };

  const same = ctx.sameRules(own, c.program);
  const touch = ctx.touchFor(c);
  const priorAwards = priorAwardsOf(c, ctx.awardsByEnterprise.get(c.enterpriseId));
  const applicant = { registeredInDistrict: enterprise.registeredInDistrict, blacklisted: enterprise.blacklisted, qualifications: c.qualifications, priorAwards: priorAwards as PriorAward[] };
  // An earlier award the version cannot place fails every year of that side alike.
  const ownAwardErrors = priorAwards.length === 0 ? null : failedOrNull(priorAwardErrors(own, priorAwards));
  const candAwardErrors = priorAwards.length === 0 ? null : same ? ownAwardErrors : failedOrNull(priorAwardErrors(cand, priorAwards));
  const { traces } = options;
  const continuation = [ownDef.continuationFact, candDef.continuationFact];
  const years: YearPreview[] | null = options.years ? [] : null;
  let ownFen = 0;
  let candidateFen = 0;
  let evaluations = 0;
  for (const supportYear of toPreview) {
    const figures = figuresFor(c, supportYear, continuation);
    const budgetYear = c.noticeYear + supportYear - 1;
    if (!figures) {
      const message = `the case holds no figures for support year ${supportYear} or earlier`;
      years?.push({ supportYear, budgetYear, figures: null, own: null, candidate: null, deltaFen: 0, errors: [{ side: 'own', field: 'figures', message }, { side: 'candidate', field: 'figures', message }] });
      continue;
    }
    const input: EvaluationInput = {
      program: c.program,
      submittedOn: c.submittedOn,
      supportYear,
      policyVersion: own.id,
      applicant,
      facts: figures.facts,
      priorYears: c.priorYears.length === 0 ? (NONE as never[]) : c.priorYears.filter((y) => y.supportYear < supportYear),
      period: costPeriod(c.noticeYear, supportYear),
    };
    // Amounts first, without writing traces (most years keep none); a year that
    // changes is computed again with both traces when they are asked for. Where the
    // candidate leaves the program as it is, its result is the own version's.
    const candidateInput = same ? input : { ...input, policyVersion: cand.id };
    const traceAll = years !== null && traces === 'all';
    let ownResult = ownAwardErrors ?? tryEvaluate(input, own, traceAll);
    let candResult = same ? ownResult : (candAwardErrors ?? tryEvaluate(candidateInput, cand, traceAll));
    evaluations += same ? 1 : 2;
    const ownAmount = ownResult.ok ? ownResult.result.amountFen : 0;
    // A side that cannot be computed counts as its other side: no change is claimed from an error.
    const candAmount = candResult.ok ? candResult.result.amountFen : ownAmount;
    const delta = ownResult.ok && candResult.ok ? candAmount - ownAmount : 0;
    if (ownResult.ok) {
      ownFen += ownAmount;
      candidateFen += candAmount;
      sink?.(c, budgetYear, ownAmount, candAmount, touch.applies);
    }
    if (!years) continue;
    const withTrace = traceAll || (traces === 'changed' && delta !== 0);
    if (withTrace && !traceAll) {
      ownResult = tryEvaluate(input, own, true);
      candResult = tryEvaluate(candidateInput, cand, true);
      evaluations += 2;
    }
    const errors: YearPreview['errors'] = ownResult.ok && candResult.ok ? (NONE as never[]) : [];
    if (!ownResult.ok) errors.push(...ownResult.errors.map((e) => ({ side: 'own' as const, ...e })));
    if (!candResult.ok) errors.push(...candResult.errors.map((e) => ({ side: 'candidate' as const, ...e })));
    const ownSide = ownResult.ok ? side(ownResult.result, withTrace) : null;
    years.push({
      supportYear,
      budgetYear,
      figures: figures.view,
      own: ownSide,
      // Unchanged program: one result object serves both sides (a side names no version; the case and the candidate do).
      candidate: candResult.ok ? (same ? ownSide : side(candResult.result, withTrace)) : null,
      deltaFen: delta,
      errors,
    });
  }
  const deltaFen = candidateFen - ownFen;
  const effectiveDeltaFen = touch.applies ? deltaFen : 0;
  const preview: CasePreview = {
    caseId: c.caseId,
    program: c.program,
    enterpriseId: c.enterpriseId,
    kind: c.kind,
    submittedOn: c.submittedOn,
    noticeYear: c.noticeYear,
    ownVersion: own.id,
    applies: touch.applies,
    touch: touch.view,
    programChanged: !same,
    ownFen,
    candidateFen,
    deltaFen,
    effectiveDeltaFen,
    change: changeOf(effectiveDeltaFen),
    changeIfApplied: changeOf(deltaFen),
  };
  if (years) preview.years = years;
  return { kind: 'previewed', preview, supportYears: toPreview.length, evaluations };
}
