// 从优不重复 (第十三条): the same cost item of the same enterprise is supported once,
// across the programs of these measures and other district policies. An overlapping
// component is reduced so that the enterprise ends with the more favourable of the
// two amounts: payable = max(0, this − existing).

import { articleZh, isProgramCode } from './codes.js';
import type { EvalContext } from './context.js';
import { calendarYear, periodsOverlap } from './dates.js';
import type { Period } from './dates.js';
import { sumFen } from './money.js';
import { COMPONENT_LABEL, enYuan, zhYuan } from './trace.js';
import type { ComponentResult, Overlap, PriorAward } from './types.js';

function priorPeriod(a: PriorAward): Period | null {
  if (a.periodStart !== undefined && a.periodEnd !== undefined) return { start: a.periodStart, end: a.periodEnd };
  if (a.year !== undefined) return calendarYear(a.year);
  return null;
}

function priorCategories(ctx: EvalContext, a: PriorAward): string[] {
  if (a.costCategory !== undefined) return [a.costCategory];
  if (a.policy === undefined && a.program !== undefined && isProgramCode(a.program)) {
    return ctx.version.programs[a.program].components.map((c) => c.costCategory);
  }
  return [];
}

function overlaps(ctx: EvalContext, a: PriorAward, component: ComponentResult): boolean {
  if (!priorCategories(ctx, a).includes(component.costCategory)) return false;
  const samePolicyProgram = a.policy === undefined && a.program === ctx.code;
  const mine = ctx.input.period ?? null;
  const theirs = priorPeriod(a);
  if (samePolicyProgram) {
    // Earlier years of the same multi-year award are continuation, not duplication.
    if (a.supportYear !== undefined) return a.supportYear === ctx.supportYear;
    if (mine && theirs) return periodsOverlap(mine, theirs);
    return false;
  }
  if (mine && theirs) return periodsOverlap(mine, theirs);
  // Period unknown on one side: flag it, the officer confirms.
  return true;
}

export function applyOverlaps(ctx: EvalContext, components: ComponentResult[]): Overlap[] {
  const found: Overlap[] = [];
  const a13 = articleZh(13);
  for (const component of components) {
    if (component.amountFen === 0) continue;
    const hits = ctx.priorAwards.map((a, i) => ({ a, i })).filter(({ a }) => overlaps(ctx, a, component));
    if (hits.length === 0) continue;
    const thisAmount = component.amountFen;
    const unknown = hits.some(({ a }) => a.amountFen === undefined);
    const flagOnly = unknown && ctx.version.readings.overlapUnknownAmount === 'flag-only';
    const existing = unknown ? null : sumFen(hits.map(({ a }) => a.amountFen ?? 0));
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
      });
    }
    component.amountFen = payable;
    const label = COMPONENT_LABEL[component.name];
    const which = hits.map(({ a, i }) => `priorAwards[${i}] ${a.policy ?? '本办法'} ${a.program ?? a.costCategory ?? ''}`.trim()).join('; ');
    ctx.trace.add({
      step: `${component.name}.no-duplication`,
      article: a13,
      parameters: { overlapUnknownAmount: ctx.version.readings.overlapUnknownAmount },
      inputs: { costCategory: component.costCategory, overlapping: hits.map(({ i }) => `priorAwards[${i}]`) },
      figures: { thisAmountFen: thisAmount, existingAmountFen: existing, stands },
      result: payable,
      textZh: flagOnly
        ? `${label.zh}与已获支持（${which}）同一费用类别、期间重叠，已有金额未知，由经办人决定从优`
        : stands === 'existing'
          ? `${label.zh}与已获支持（${which}）重复，已获金额${zhYuan(existing ?? 0)}不低于本次${zhYuan(thisAmount)}，从优保留已获支持，本项为0`
          : `${label.zh}与已获支持（${which}）重复，本次${zhYuan(thisAmount)}更优，扣除已获${zhYuan(existing ?? 0)}后补足${zhYuan(payable)}`,
      textEn: flagOnly
        ? `${label.en} overlaps an existing award (${which}) in cost category and period; its amount is unknown, so the officer decides which stands`
        : stands === 'existing'
          ? `${label.en} duplicates an existing award (${which}); the existing ${enYuan(existing ?? 0)} is at least this ${enYuan(thisAmount)}, so the existing award stands and this component is 0`
          : `${label.en} duplicates an existing award (${which}); this ${enYuan(thisAmount)} is more favourable, so only the difference ${enYuan(payable)} over the existing ${enYuan(existing ?? 0)} is paid`,
    });
    if (flagOnly) {
      ctx.notes.push({ code: 'overlap-needs-decision', article: a13, message: `The ${label.en} overlaps an existing award of unknown amount; the officer decides which stands.`, messageZh: `${label.zh}与已获支持重叠（金额未知），由经办人决定从优。` });
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
