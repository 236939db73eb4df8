// The amount of each component of a program, by the kind of rule it follows.

import type { EvalContext } from '../context.js';
import { BP_ONE, formatArea, formatBp, minFen, mulDivFloor, percentOfFloor } from '../money.js';
import type { ActualCappedComponent, AreaRentComponent, ComponentRule, DecidedComponent, FixedYearlyComponent, RatioComponent } from '../policy/types.js';
import type { FactName } from '../codes.js';
import { FACT_LABELS } from '../labels.js';
import { COMPONENT_LABEL, enYuan, zhYuan } from '../trace.js';
import type { ComponentResult } from '../types.js';

type Level = 'national' | 'provincial' | null;

function result(rule: ComponentRule, claimed: boolean, computedFen: number, capFen: number | null): ComponentResult {
  const amount = capFen === null ? computedFen : minFen(computedFen, capFen);
  return {
    name: rule.name,
    amountFen: amount,
    capped: capFen !== null && computedFen > capFen,
    claimed,
    costCategory: rule.costCategory,
    computedFen,
    capFen,
    beforeOverlapFen: amount,
  };
}

function notClaimed(ctx: EvalContext, rule: ComponentRule, fact: FactName): ComponentResult {
  const label = COMPONENT_LABEL[rule.name];
  const factLabel = FACT_LABELS[fact];
  if (ctx.trace.kept) ctx.trace.add({
    step: `${rule.name}.not-claimed`,
    article: ctx.article,
    inputs: { [fact]: null },
    result: 0,
    textZh: `未申报${label.zh}（无${factLabel.zh}），该项为0`,
    textEn: `No ${label.en} claimed (no ${factLabel.en.toLowerCase()}): 0`,
  });
  ctx.notes.push({ code: 'component-not-claimed', article: ctx.article, message: `No ${label.en} claimed (${factLabel.en.toLowerCase()} not given).`, messageZh: `未申报${label.zh}（未提供${factLabel.zh}）。` });
  return { ...result(rule, false, 0, null), capFen: null };
}

function ratio(ctx: EvalContext, rule: RatioComponent): ComponentResult {
  const base = ctx.facts[rule.baseFact];
  if (base === undefined) return notClaimed(ctx, rule, rule.baseFact);
  const computed = percentOfFloor(base, rule.ratioBp);
  const r = result(rule, true, computed, rule.capFen);
  if (!ctx.trace.kept) return r;
  const label = COMPONENT_LABEL[rule.name];
  const pct = formatBp(rule.ratioBp);
  const capZh = rule.capFen === null ? '' : `，最高${zhYuan(rule.capFen)}`;
  const capEn = rule.capFen === null ? '' : `, cap ${enYuan(rule.capFen)}`;
  ctx.trace.add({
    step: `${rule.name}.amount`,
    article: ctx.article,
    parameters: { ratioBp: rule.ratioBp, ratio: pct, ratioIsMaximum: rule.ratioIsMaximum, capFen: rule.capFen },
    inputs: { [rule.baseFact]: base },
    figures: { computedFen: computed, capFen: rule.capFen, capped: r.capped },
    result: r.amountFen,
    textZh: `${label.zh}：${rule.ratioIsMaximum ? '不超过' : '按'}${pct} × ${zhYuan(base)}（${FACT_LABELS[rule.baseFact].zh}）= ${zhYuan(computed)}（向下取整到分）${capZh}${r.capped ? '，按上限' : ''}，为${zhYuan(r.amountFen)}`,
    textEn: `${label.en}: ${rule.ratioIsMaximum ? 'up to ' : ''}${pct} × ${enYuan(base)} (${FACT_LABELS[rule.baseFact].en.toLowerCase()}) = ${enYuan(computed)} (rounded down to the fen)${capEn}${r.capped ? ', capped' : ''}: ${enYuan(r.amountFen)}`,
  });
  return r;
}

function areaRent(ctx: EvalContext, rule: AreaRentComponent, level: Level): ComponentResult {
  const rent = ctx.facts[rule.baseFact];
  if (rent === undefined) return notClaimed(ctx, rule, rule.baseFact);
  const areaM2 = ctx.facts[rule.areaFact] ?? 0;
  const areaC = Math.round(areaM2 * 100);
  const capC = mulDivFloor([rule.areaCapM2, 100], [1]);
  const countedC = minFen(areaC, capC);
  const ratioBp = level === 'provincial' ? rule.levelRatioBp.provincial : rule.levelRatioBp.national;
  const computed = rent === 0 || areaC === 0 ? 0 : mulDivFloor([ratioBp, rent, countedC], [BP_ONE, areaC]);
  const r = result(rule, true, computed, rule.capFen);
  const areaCapped = areaC > capC;
  r.capped = r.capped || areaCapped;
  if (!ctx.trace.kept) return r;
  const pct = formatBp(ratioBp);
  const label = COMPONENT_LABEL[rule.name];
  const levelZh = level === 'provincial' ? '省级' : '国家级';
  ctx.trace.add({
    step: 'rent.amount',
    article: ctx.article,
    parameters: { level: level ?? 'national', ratioBp, ratio: pct, areaCapM2: rule.areaCapM2, capFen: rule.capFen },
    inputs: { [rule.baseFact]: rent, [rule.areaFact]: areaM2 },
    figures: { areaCountedM2: countedC / 100, areaCapped, computedFen: computed },
    result: r.amountFen,
    textZh: `${label.zh}：${levelZh}不超过${pct} × ${zhYuan(rent)} × 计补面积${formatArea(countedC)}㎡ ÷ 实际面积${formatArea(areaC)}㎡（补贴面积不超过${rule.areaCapM2}㎡）= ${zhYuan(r.amountFen)}（向下取整到分）`,
    textEn: `${label.en}: ${level ?? 'national'} level, up to ${pct} × ${enYuan(rent)} × counted area ${formatArea(countedC)} m² ÷ area used ${formatArea(areaC)} m² (area counted up to ${rule.areaCapM2} m²) = ${enYuan(r.amountFen)} (rounded down to the fen)`,
  });
  return r;
}

function actualCapped(ctx: EvalContext, rule: ActualCappedComponent): ComponentResult {
  const actual = ctx.facts[rule.baseFact];
  if (actual === undefined) return notClaimed(ctx, rule, rule.baseFact);
  const r = result(rule, true, actual, rule.capFen);
  const label = COMPONENT_LABEL[rule.name];
  if (ctx.trace.kept) ctx.trace.add({
    step: `${rule.name}.amount`,
    article: ctx.article,
    parameters: { capFen: rule.capFen, capScope: ctx.def.capScope },
    inputs: { [rule.baseFact]: actual },
    figures: { capped: r.capped },
    result: r.amountFen,
    textZh: `${label.zh}：以实际发生额${zhYuan(actual)}为限，每年不超过${zhYuan(rule.capFen)}，为${zhYuan(r.amountFen)}`,
    textEn: `${label.en}: actual costs ${enYuan(actual)}, at most ${enYuan(rule.capFen)} a year: ${enYuan(r.amountFen)}`,
  });
  return r;
}

function fixedYearly(ctx: EvalContext, rule: FixedYearlyComponent): ComponentResult {
  const months = ctx.facts[rule.monthsFact] ?? 12;
  const amount = rule.prorate ? mulDivFloor([rule.amountFen, months], [12]) : rule.amountFen;
  const r = result(rule, true, amount, null);
  const label = COMPONENT_LABEL[rule.name];
  if (ctx.trace.kept) ctx.trace.add({
    step: `${rule.name}.amount`,
    article: ctx.article,
    parameters: { yearlyAmountFen: rule.amountFen, prorate: rule.prorate },
    inputs: { [rule.monthsFact]: ctx.facts[rule.monthsFact] ?? null },
    figures: { monthsCounted: rule.prorate ? months : 12 },
    result: amount,
    textZh: rule.prorate
      ? `${label.zh}：每年${zhYuan(rule.amountFen)} × 运营${months}个月 ÷ 12 = ${zhYuan(amount)}（向下取整到分）`
      : `${label.zh}：每年${zhYuan(rule.amountFen)}`,
    textEn: rule.prorate
      ? `${label.en}: ${enYuan(rule.amountFen)} a year × ${months} month(s) operated ÷ 12 = ${enYuan(amount)} (rounded down to the fen)`
      : `${label.en}: ${enYuan(rule.amountFen)} a year`,
  });
  return r;
}

function decided(ctx: EvalContext, rule: DecidedComponent): ComponentResult {
  const amount = ctx.facts.decidedAmountFen;
  const label = COMPONENT_LABEL[rule.name];
  if (amount === undefined) {
    const shown = ctx.version.readings.undecidedShowsCap && rule.capFen !== null ? rule.capFen : 0;
    if (ctx.trace.kept) ctx.trace.add({
      step: `${rule.name}.decided-amount`,
      article: ctx.article,
      parameters: { capFen: rule.capFen, undecidedShowsCap: ctx.version.readings.undecidedShowsCap },
      inputs: { decidedAmountFen: null },
      figures: { maximumFen: rule.capFen },
      result: shown,
      textZh: rule.capFen === null
        ? `${label.zh}：金额由区级决议确定（一事一议），尚未决定`
        : `${label.zh}：金额由管委会择优确定，尚未决定；最高${zhYuan(rule.capFen)}（显示为上限）`,
      textEn: rule.capFen === null
        ? `${label.en}: amount set by a district-level resolution (one matter, one discussion); not yet decided`
        : `${label.en}: the committee decides the amount; not yet decided; maximum ${enYuan(rule.capFen)} (shown as the amount)`,
    });
    ctx.notes.push({
      code: 'amount-to-be-decided',
      article: ctx.article,
      message: rule.capFen === null ? 'The amount is set by a district-level resolution; none given yet.' : `The committee decides the amount; the result shows the maximum ${enYuan(rule.capFen)}.`,
      messageZh: rule.capFen === null ? '金额由区级决议确定，尚未提供。' : `金额由管委会确定，结果显示上限${zhYuan(rule.capFen)}。`,
    });
    return { ...result(rule, false, shown, rule.capFen) };
  }
  const r = result(rule, true, amount, rule.capFen);
  if (ctx.trace.kept) ctx.trace.add({
    step: `${rule.name}.decided-amount`,
    article: ctx.article,
    parameters: { capFen: rule.capFen },
    inputs: { decidedAmountFen: amount },
    figures: { capped: r.capped },
    result: r.amountFen,
    textZh: `${label.zh}：决定金额${zhYuan(amount)}${rule.capFen === null ? '' : `，最高${zhYuan(rule.capFen)}`}${r.capped ? '，超出上限按上限' : ''}，为${zhYuan(r.amountFen)}`,
    textEn: `${label.en}: decided amount ${enYuan(amount)}${rule.capFen === null ? '' : `, cap ${enYuan(rule.capFen)}`}${r.capped ? ', above the cap so reduced to it' : ''}: ${enYuan(r.amountFen)}`,
  });
  if (r.capped && rule.capFen !== null) {
    ctx.reasons.push({
      code: 'decided-amount-above-cap',
      article: ctx.article,
      message: `The decided amount ${enYuan(amount)} is above the cap ${enYuan(rule.capFen)}; reduced to the cap.`,
      messageZh: `决定金额${zhYuan(amount)}超过上限${zhYuan(rule.capFen)}，按上限核定。`,
    });
  }
  return r;
}

export function computeComponent(ctx: EvalContext, rule: ComponentRule, level: Level): ComponentResult {
  switch (rule.kind) {
    case 'ratio':
      return ratio(ctx, rule);
    case 'area-rent':
      return areaRent(ctx, rule, level);
    case 'actual-capped':
      return actualCapped(ctx, rule);
    case 'fixed-yearly':
      return fixedYearly(ctx, rule);
    case 'decided':
      return decided(ctx, rule);
  }
}

/** The cap that bounds a component over the whole award (whole-award cap scope). */
export function wholeAwardCap(rule: ComponentRule): number | null {
  switch (rule.kind) {
    case 'fixed-yearly':
      return rule.amountFen;
    case 'actual-capped':
      return rule.capFen;
    default:
      return rule.capFen;
  }
}
