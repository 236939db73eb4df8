// 从优不重复 (第十三条): the same cost item of the same enterprise is supported once,
// across the programs of these measures and other district policies. An earlier
// award overlaps a claimed component when it is of the same cost category and its
// cost period overlaps the claim's. The component is reduced so that the enterprise
// ends with the more favourable of the two amounts: payable = max(0, this − existing).
// Each earlier award is set against the claim once: what one component used of it
// is not set against another. A second claim under the same program for an
// overlapping period is flagged as such.

import { articleZh, isProgramCode } from './codes.js';
import type { EvalContext } from './context.js';
import { calendarYear, periodsOverlap } from './dates.js';
import type { Period } from './dates.js';
import type { FieldError } from './errors.js';
import { programInText } from './labels.js';
import type { PolicyVersion } from './policy/types.js';
import { COMPONENT_LABEL, enYuan, zhYuan } from './trace.js';
import type { ComponentResult, Overlap, PriorAward } from './types.js';

function priorPeriod(a: PriorAward): Period | null {
  if (a.periodStart !== undefined && a.periodEnd !== undefined) return { start: a.periodStart, end: a.periodEnd };
  if (a.year !== undefined) return calendarYear(a.year);
  return null;
}

/** The award's one cost category: stated, or the only one its program of these measures has. */
function priorCategory(version: PolicyVersion, a: PriorAward): string | null {
  if (a.costCategory !== undefined) return a.costCategory;
  if (a.policy === undefined && a.program !== undefined && isProgramCode(a.program)) {
    const categories = version.programs[a.program].components.map((c) => c.costCategory);
    if (categories.length === 1) return categories[0] ?? null;
  }
  return null;
}

/** An earlier award named in a sentence: its number, policy, program and cost period, as words. */
function priorAwardText(a: PriorAward, index: number, lang: 'zh' | 'en'): string {
  const period = priorPeriod(a);
  const inThese = a.policy === undefined;
  // A program of these measures has a name; another policy's program is shown as the input gave it.
  const program = a.program === undefined ? '' : inThese && isProgramCode(a.program) ? programInText(a.program, lang) : a.program;
  const words = lang === 'zh'
    ? [`已获支持第${index + 1}项`, a.policy ?? '本办法', program, period ? `${period.start}~${period.end}` : '']
    : [`prior award ${index + 1}`, a.policy ?? 'these measures', program, period ? `${period.start} to ${period.end}` : ''];
  return words.filter((w) => w !== '').join(' ');
}

/** An earlier award the rules cannot set against a claim exactly: its category or its period is not known. */
export function priorAwardErrors(version: PolicyVersion, priorAwards: readonly PriorAward[]): FieldError[] {
  const errors: FieldError[] = [];
  priorAwards.forEach((a, i) => {
    if (priorCategory(version, a) === null) {
      const components = a.program !== undefined && isProgramCode(a.program) ? version.programs[a.program].components.map((c) => c.costCategory).join(', ') : null;
      errors.push({ field: `applicant.priorAwards[${i}].costCategory`, message: components ? `is required: ${a.program} covers ${components}, one award entry per cost category` : 'is required' });
    }
    if (priorPeriod(a) === null) errors.push({ field: `applicant.priorAwards[${i}].periodStart`, message: 'a prior award needs its cost period (periodStart and periodEnd, or year)' });
  });
  return errors;
}

export function applyOverlaps(ctx: EvalContext, components: ComponentResult[]): Overlap[] {
  const found: Overlap[] = [];
  const a13 = articleZh(13);
  const claimPeriod = ctx.input.period ?? null;
  // What is left of each earlier award to set against this claim (null: amount unknown).
  const left = ctx.priorAwards.map((a) => a.amountFen ?? null);
  for (const component of components) {
    if (component.amountFen === 0) continue;
    const hits = ctx.priorAwards
      .map((a, i) => ({ a, i }))
      .filter(({ a, i }) => {
        if (priorCategory(ctx.version, a) !== component.costCategory) return false;
        if (left[i] === 0) return false;
        const theirs = priorPeriod(a);
        return claimPeriod === null || theirs === null || periodsOverlap(claimPeriod, theirs);
      });
    if (hits.length === 0) continue;
    const thisAmount = component.amountFen;
    const unknownAmount = hits.some(({ i }) => left[i] === null);
    // Without the claim's period the overlap cannot be established: flagged, the officer decides.
    const flagOnly = claimPeriod === null || (unknownAmount && ctx.version.readings.overlapUnknownAmount === 'flag-only');
    const existing = unknownAmount ? null : hits.reduce((sum, { i }) => sum + (left[i] ?? 0), 0);
    let payable: number;
    let stands: Overlap['stands'];
    if (flagOnly) {
      payable = thisAmount;
      stands = 'officer-decides';
    } else if (existing === null || existing >= thisAmount) {
      payable = 0;
      stands = 'existing';
    } else {
      payable = thisAmount - existing;
      stands = 'this';
    }
    if (!flagOnly) {
      // Set the earlier awards against this component once, in order, up to what it pays.
      let deduct = thisAmount - payable;
      for (const { i } of hits) {
        const use = Math.min(left[i] ?? 0, deduct);
        left[i] = (left[i] ?? 0) - use;
        deduct -= use;
      }
    }
    const secondClaim = hits.some(({ a }) => a.policy === undefined && a.program === ctx.code);
    for (const { a, i } of hits) {
      found.push({
        article: a13,
        component: component.name,
        costCategory: component.costCategory,
        priorAwardIndex: i,
        program: a.program ?? null,
        policy: a.policy ?? null,
        existingAmountFen: a.amountFen ?? null,
        thisAmountFen: thisAmount,
        payableFen: payable,
        stands,
        sameProgram: a.policy === undefined && a.program === ctx.code,
      });
    }
    component.amountFen = payable;
    const label = COMPONENT_LABEL[component.name];
    const which = (lang: 'zh' | 'en') => hits.map(({ a, i }) => priorAwardText(a, i, lang)).join(lang === 'zh' ? '；' : '; ');
    if (ctx.trace.kept) ctx.trace.add({
      step: `${component.name}.no-duplication`,
      article: a13,
      parameters: { overlapUnknownAmount: ctx.version.readings.overlapUnknownAmount },
      inputs: { costCategory: component.costCategory, claimPeriod: claimPeriod ? `${claimPeriod.start}~${claimPeriod.end}` : null, overlapping: hits.map(({ i }) => `priorAwards[${i}]`) },
      figures: { thisAmountFen: thisAmount, existingAmountFen: existing, stands, secondClaim },
      result: payable,
      textZh: claimPeriod === null
        ? `${label.zh}与已获支持（${which('zh')}）同一费用类别，本次申报未载明费用期间，是否重叠由经办人确认`
        : flagOnly
          ? `${label.zh}与已获支持（${which('zh')}）同一费用类别、期间重叠，已有金额未知，由经办人决定从优`
          : stands === 'existing'
            ? `${label.zh}与已获支持（${which('zh')}）同一费用类别、期间重叠，已获金额${zhYuan(existing ?? 0)}不低于本次${zhYuan(thisAmount)}，从优保留已获支持，本项为0`
            : `${label.zh}与已获支持（${which('zh')}）同一费用类别、期间重叠，本次${zhYuan(thisAmount)}更优，扣除已获${zhYuan(existing ?? 0)}后补足${zhYuan(payable)}`,
      textEn: claimPeriod === null
        ? `${label.en} is of the same cost category as an existing award (${which('en')}); the claim states no cost period, so the officer confirms whether they overlap`
        : flagOnly
          ? `${label.en} overlaps an existing award (${which('en')}) in cost category and period; its amount is unknown, so the officer decides which stands`
          : stands === 'existing'
            ? `${label.en} overlaps an existing award (${which('en')}) in cost category and period; the existing ${enYuan(existing ?? 0)} is at least this ${enYuan(thisAmount)}, so the existing award stands and this component is 0`
            : `${label.en} overlaps an existing award (${which('en')}) in cost category and period; this ${enYuan(thisAmount)} is more favourable, so only the difference ${enYuan(payable)} over the existing ${enYuan(existing ?? 0)} is paid`,
    });
    if (secondClaim) {
      ctx.reasons.push({
        code: 'second-claim-same-program-period',
        article: a13,
        message: `An award of ${programInText(ctx.code, 'en')} already covers this ${label.en} for an overlapping period: this is a second claim for the same program and period.`,
        messageZh: `同一费用期间已获${programInText(ctx.code, 'zh')}支持，本次为同一项目同一期间的重复申报。`,
      });
    }
    if (flagOnly) {
      ctx.notes.push({ code: 'overlap-needs-decision', article: a13, message: `The ${label.en} may overlap an existing award (period or amount unknown); the officer decides which stands.`, messageZh: `${label.zh}可能与已获支持重叠（期间或金额未知），由经办人决定从优。` });
    } else {
      ctx.reasons.push({
        code: stands === 'existing' ? 'duplicate-support-existing-stands' : 'duplicate-support-reduced',
        article: a13,
        message: stands === 'existing' ? `The ${label.en} is already supported by an existing award at least as favourable; not paid again.` : `The ${label.en} is reduced by the existing award's amount so the cost item is supported once, at the more favourable amount.`,
        messageZh: stands === 'existing' ? `${label.zh}已获同等或更优支持，从优不重复，不再支持。` : `${label.zh}扣除已获支持金额，按从优不重复原则补足差额。`,
      });
    }
  }
  return found;
}
