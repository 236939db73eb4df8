// The policy preview: every undecided support year of the book under its own version
// and under the candidate, per component, with totals per program and budget year
// against the budgets. Pure: the book and the candidate in, the answer out.

import type { ProgramCode } from '../codes.js';
import { RulesInputError } from '../errors.js';
import { evaluateUnder } from '../evaluate.js';
import { supportYearCostPeriod } from '../dates.js';
import { listPolicyVersions } from '../policy/registry.js';
import type { PolicyVersion } from '../policy/types.js';
import type { EvaluationInput, EvaluationResult, PriorAward } from '../types.js';
import type { Book, BookCase, EarlierAward } from './book.js';
import type { Candidate } from './candidate.js';
import { parameterChanges } from './changes.js';
import type { CasePreview, Change, Counts, PreviewResult, ProgramYearTotal, SideResult, YearPreview } from './result.js';
import { TOUCH_REASONS, TOUCH_RULE, touchOf } from './touch.js';
import type { TouchCode } from './touch.js';
import { figuresFor, yearsToPreview } from './years.js';

export interface PreviewOptions {
  /** Which years carry both traces: those whose amount changes (default), all, or none. */
  traces?: 'changed' | 'all' | 'none';
  /** How many largest changes to list (default 20). */
  largest?: number;
  /** The published versions (default: the registry's). */
  published?: readonly PolicyVersion[];
}

const changeOf = (delta: number): Change => (delta > 0 ? 'gain' : delta < 0 ? 'lose' : 'stay');

/**
 * Whether the candidate can give a program a different amount than a version does:
 * only its definition and the readings enter an amount. Where they are equal, the
 * candidate's result is the own version's, and is not computed twice.
 */
function sameRulesCache(candidate: PolicyVersion) {
  const cache = new Map<string, boolean>();
  const candidateReadings = JSON.stringify(candidate.readings);
  return (own: PolicyVersion, program: ProgramCode): boolean => {
    const key = `${own.id}\u0000${program}`;
    let same = cache.get(key);
    if (same === undefined) {
      same = candidateReadings === JSON.stringify(own.readings) && JSON.stringify(own.programs[program]) === JSON.stringify(candidate.programs[program]);
      cache.set(key, same);
    }
    return same;
  };
}

function side(result: EvaluationResult, withTrace: boolean): SideResult {
  // The rules' own component results, not copies: a large book keeps one object per component.
  const side: SideResult = { policyVersion: result.policyVersion, eligible: result.eligible, amountFen: result.amountFen, components: result.components, reasons: result.reasons.length === 0 ? (NONE as never[]) : result.reasons.map((r) => ({ code: r.code, article: r.article })) };
  if (withTrace) side.trace = result.trace;
  return side;
}

type Evaluated = { ok: true; result: EvaluationResult } | { ok: false; errors: { field: string; message: string }[] };

function tryEvaluate(input: EvaluationInput, version: PolicyVersion, keepTrace: boolean): Evaluated {
  try {
    return { ok: true, result: evaluateUnder(input, version, true, keepTrace) };
  } catch (e) {
    if (e instanceof RulesInputError) return { ok: false, errors: e.errors };
    throw e;
  }
}

const NONE: readonly never[] = [];

/** The enterprise's earlier awards less the case's own (its earlier years cover other periods, not overlaps). */
function priorAwardsOf(c: BookCase, ofEnterprise: readonly EarlierAward[] | undefined): readonly PriorAward[] {
  if (!ofEnterprise) return NONE;
  // The book's entries carry the prior-award fields the rules read; extra keys are ignored.
  return ofEnterprise.some((a) => a.caseId === c.caseId) ? ofEnterprise.filter((a) => a.caseId !== c.caseId) : ofEnterprise;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export function previewBook(book: Book, candidate: Candidate, options: PreviewOptions = {}): PreviewResult {
  const traces = options.traces ?? 'changed';
  const published = options.published ?? listPolicyVersions();
  const versions = new Map(published.map((v) => [v.id, v]));
  const enterprises = new Map(book.enterprises.map((e) => [e.id, e]));
  const awardsByEnterprise = groupBy(book.earlierAwards, (a) => a.enterpriseId);
  const sameRules = sameRulesCache(candidate.version);
  const cand = candidate.version;

  const cases: CasePreview[] = [];
  const caseErrors: PreviewResult['caseErrors'] = [];
  let evaluations = 0;
  let supportYears = 0;
  let fullyDecided = 0;

  for (const c of book.cases) {
    const own = versions.get(c.policyVersion);
    const enterprise = enterprises.get(c.enterpriseId);
    if (!own) {
      caseErrors.push({ caseId: c.caseId, field: 'policyVersion', message: `unknown policy version "${c.policyVersion}"` });
      continue;
    }
    if (!enterprise) {
      caseErrors.push({ caseId: c.caseId, field: 'enterpriseId', message: `enterprise ${c.enterpriseId} is not in the book` });
      continue;
    }
    const ownDef = own.programs[c.program];
    const candDef = cand.programs[c.program];
    const same = sameRules(own, c.program);
    const touch = touchOf(c, cand, published);
    const applicant = {
      registeredInDistrict: enterprise.registeredInDistrict,
      blacklisted: enterprise.blacklisted,
      qualifications: c.qualifications,
      priorAwards: priorAwardsOf(c, awardsByEnterprise.get(c.enterpriseId)) as PriorAward[],
    };
    const toPreview = yearsToPreview(c, ownDef, candDef);
    if (toPreview.length === 0) {
      // Every year approved: the committee decided it, no version changes it now.
      fullyDecided++;
      continue;
    }
    const continuation = [ownDef.continuationFact, candDef.continuationFact];
    const years: YearPreview[] = [];
    let ownFen = 0;
    let candidateFen = 0;
    for (const supportYear of toPreview) {
      supportYears++;
      const figures = figuresFor(c, supportYear, continuation);
      const budgetYear = c.noticeYear + supportYear - 1;
      if (!figures) {
        const message = `the case holds no figures for support year ${supportYear} or earlier`;
        years.push({ supportYear, budgetYear, figures: null, own: null, candidate: null, deltaFen: 0, errors: [{ side: 'own', field: 'figures', message }, { side: 'candidate', field: 'figures', message }] });
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
        period: supportYearCostPeriod(c.noticeYear, supportYear),
      };
      // Amounts first, without writing traces (most years keep none); a year that
      // changes is computed again with both traces when they are asked for.
      const candidateInput = same ? input : { ...input, policyVersion: cand.id };
      let ownResult = tryEvaluate(input, own, traces === 'all');
      let candResult = same ? ownResult : tryEvaluate(candidateInput, cand, traces === 'all');
      evaluations += same ? 1 : 2;
      const ownAmount = ownResult.ok ? ownResult.result.amountFen : 0;
      // A side that cannot be computed counts as its other side: no change is claimed from an error.
      const candAmount = candResult.ok ? candResult.result.amountFen : ownAmount;
      const delta = ownResult.ok && candResult.ok ? candAmount - ownAmount : 0;
      const withTrace = traces === 'all' || (traces === 'changed' && delta !== 0);
      if (withTrace && traces === 'changed') {
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
        figures: { source: figures.source, fromSupportYear: figures.fromSupportYear, assumed: figures.assumed },
        own: ownSide,
        candidate: candResult.ok ? (same && ownSide ? { ...ownSide, policyVersion: cand.id } : side(candResult.result, withTrace)) : null,
        deltaFen: delta,
        errors,
      });
      ownFen += ownAmount;
      candidateFen += ownResult.ok ? candAmount : 0;
    }
    const deltaFen = candidateFen - ownFen;
    const effectiveDeltaFen = touch.applies ? deltaFen : 0;
    cases.push({
      caseId: c.caseId,
      program: c.program,
      enterpriseId: c.enterpriseId,
      kind: c.kind,
      submittedOn: c.submittedOn,
      noticeYear: c.noticeYear,
      ownVersion: own.id,
      applies: touch.applies,
      touch: { code: touch.code, versionIfAdopted: touch.versionIfAdopted },
      programChanged: !same,
      ownFen,
      candidateFen,
      deltaFen,
      effectiveDeltaFen,
      change: changeOf(effectiveDeltaFen),
      changeIfApplied: changeOf(deltaFen),
      years,
    });
  }

  return {
    candidate: {
      id: cand.id,
      basedOn: candidate.patch.basedOn,
      effectiveFrom: cand.effectiveFrom,
      titleZh: cand.titleZh,
      titleEn: cand.titleEn,
      note: cand.note,
      changes: parameterChanges(candidate.base, cand),
    },
    asOf: book.asOf,
    touchRule: TOUCH_RULE,
    touchReasons: TOUCH_REASONS,
    book: { ...summary(cases, supportYears, evaluations), fullyDecided },
    totals: totalsOf(book, cases),
    counts: countOf(cases, (c) => c.change),
    countsIfApplied: countOf(cases, (c) => c.changeIfApplied),
    largestChanges: largest(cases, options.largest ?? 20),
    cases,
    caseErrors,
  };
}

function summary(cases: readonly CasePreview[], supportYears: number, evaluations: number): Omit<PreviewResult['book'], 'fullyDecided'> {
  const notTouched: Partial<Record<TouchCode, number>> = {};
  let touched = 0;
  let applications = 0;
  for (const c of cases) {
    if (c.kind === 'application') applications++;
    if (c.applies) touched++;
    else notTouched[c.touch.code] = (notTouched[c.touch.code] ?? 0) + 1;
  }
  return { cases: cases.length, applications, awards: cases.length - applications, supportYears, evaluations, touched, notTouched };
}

function countOf(cases: readonly CasePreview[], of: (c: CasePreview) => Change): Counts {
  const counts: Counts = { gain: 0, lose: 0, stay: 0 };
  for (const c of cases) counts[of(c)]++;
  return counts;
}

function largest(cases: readonly CasePreview[], n: number): PreviewResult['largestChanges'] {
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

function totalsOf(book: Book, cases: readonly CasePreview[]): ProgramYearTotal[] {
  // Keyed by program, then year: no string is built per support year of a large book.
  const totals = new Map<ProgramCode, Map<number, ProgramYearTotal & { lastCase: CasePreview | null }>>();
  const budgets = new Map<ProgramCode, Map<number, Book['budgets'][number]>>();
  for (const b of book.budgets) {
    let byYear = budgets.get(b.program);
    if (!byYear) budgets.set(b.program, (byYear = new Map()));
    byYear.set(b.year, b);
  }
  const totalFor = (program: ProgramCode, budgetYear: number) => {
    let byYear = totals.get(program);
    if (!byYear) totals.set(program, (byYear = new Map()));
    let t = byYear.get(budgetYear);
    if (!t) {
      const budget = budgets.get(program)?.get(budgetYear);
      t = { program, budgetYear, budgetFen: budget?.budgetFen ?? null, reservedFen: budget?.reservedFen ?? 0, ownFen: 0, candidateFen: 0, ifAppliedFen: 0, leftAfterCandidateFen: null, leftAfterOwnFen: null, cases: 0, lastCase: null };
      byYear.set(budgetYear, t);
    }
    return t;
  };
  for (const c of cases) {
    for (const y of c.years) {
      if (!y.own) continue;
      const t = totalFor(c.program, y.budgetYear);
      const candidateAmount = y.candidate?.amountFen ?? y.own.amountFen;
      t.ownFen += y.own.amountFen;
      t.ifAppliedFen += candidateAmount;
      t.candidateFen += c.applies ? candidateAmount : y.own.amountFen;
      // A case's years fall in different budget years, so a case counts once per total.
      if (t.lastCase !== c) {
        t.lastCase = c;
        t.cases++;
      }
    }
  }
  // Budget years with a budget and nothing previewed still show what is left.
  for (const b of book.budgets) totalFor(b.program, b.year);
  const out: ProgramYearTotal[] = [];
  for (const byYear of totals.values()) {
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
