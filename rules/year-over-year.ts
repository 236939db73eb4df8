// Year over year (年度对比): why a support year's amount differs from the previous
// one, step by step. Each component's amount is a chain of trace lines (its formula,
// then the whole-award cap, then 从优不重复), each line's `result` the running amount
// after it; a line's share is what it adds to the chain. The difference of the two
// years is then the sum of each line's share this year minus last year, to the fen,
// with the inputs and parameters each line read old → new. Pure, integer fen.

import type { ComponentName } from './codes.js';
import { BP_ONE, formatArea, formatBp, formatYuan } from './money.js';
import { articleEnOf } from './codes.js';
import { FACT_LABELS } from './labels.js';
import { COMPONENT_LABEL } from './trace.js';
import type { EvaluationResult, Scalar, TraceStep } from './types.js';

export type ValueUnit = 'fen' | 'm2' | 'months' | 'bp' | 'flag' | 'text';
type Value = Scalar | Scalar[];

/** One input or parameter of a rule line that differs between the two years. */
export interface ValueChange {
  name: string;
  unit: ValueUnit;
  from: Value | null;
  to: Value | null;
}

export interface YearOverYearLine {
  /** The trace step, e.g. `rent.amount`, `operating.whole-award-cap`, or `eligibility`. */
  step: string;
  article: string;
  component: ComponentName | null;
  /** What this line added to the amount in each year (a cap or 从优不重复 line subtracts: negative). */
  fromFen: number;
  toFen: number;
  deltaFen: number;
  inputChanges: ValueChange[];
  parameterChanges: ValueChange[];
  textZh: string;
  textEn: string;
}

export interface YearOverYear {
  program: string;
  policyVersion: string;
  fromSupportYear: number;
  toSupportYear: number;
  fromEligible: boolean;
  toEligible: boolean;
  fromFen: number;
  toFen: number;
  changeFen: number;
  /** The change as basis points of last year's amount, toward zero; null when last year's was 0. */
  changeBp: number | null;
  /** Every line that moved or read a changed input; their deltaFen sum to changeFen exactly. */
  lines: YearOverYearLine[];
  /** The inputs that changed, over all lines, each once. */
  inputChanges: ValueChange[];
  textZh: string;
  textEn: string;
}

/** A broken invariant of the rules' traces (a bug, never bad input). */
export class YearOverYearError extends Error {}

const STEP_LABEL: Record<string, { zh: string; en: string }> = {
  amount: { zh: '计算', en: 'formula' },
  'not-claimed': { zh: '未申报', en: 'not claimed' },
  'decided-amount': { zh: '决定金额', en: 'decided amount' },
  'whole-award-cap': { zh: '整个支持期上限', en: 'whole-award cap' },
  'no-duplication': { zh: '从优不重复', en: 'no duplication' },
};

/** Words for the inputs and parameters rule lines read; a name not listed is shown as it is. */
const VALUE_LABEL: Record<string, { zh: string; en: string }> = {
  // The facts as the catalogue names them, lower-cased to sit inside a sentence.
  ...Object.fromEntries(Object.entries(FACT_LABELS).map(([fact, label]) => [fact, { zh: label.zh, en: label.en.charAt(0).toLowerCase() + label.en.slice(1) }])),
  paidInEarlierYearsFen: { zh: '此前年度已付', en: 'paid in earlier years' },
  costCategory: { zh: '费用类别', en: 'cost category' },
  claimPeriod: { zh: '费用期间', en: 'cost period' },
  overlapping: { zh: '重叠的已获支持', en: 'overlapping awards' },
  level: { zh: '级别', en: 'level' },
  ratioBp: { zh: '比例', en: 'ratio' },
  ratio: { zh: '比例', en: 'ratio' },
  capFen: { zh: '上限', en: 'cap' },
  ratioIsMaximum: { zh: '比例为上限', en: 'ratio is a maximum' },
  areaCapM2: { zh: '补贴面积上限', en: 'area counted up to' },
  yearlyAmountFen: { zh: '每年金额', en: 'yearly amount' },
  prorate: { zh: '按月折算', en: 'prorated by months' },
  capScope: { zh: '上限范围', en: 'cap scope' },
  undecidedShowsCap: { zh: '未决定时显示上限', en: 'shows the cap until decided' },
  overlapUnknownAmount: { zh: '已获金额未知时', en: 'when the existing amount is unknown' },
};

export function unitOf(name: string, value: Value | null): ValueUnit {
  if (typeof value === 'boolean') return 'flag';
  if (name.endsWith('Fen')) return 'fen';
  if (name.endsWith('M2')) return 'm2';
  if (name === 'monthsOperated' || name === 'monthsCounted') return 'months';
  if (name.endsWith('Bp')) return 'bp';
  return 'text';
}

function valueText(change: ValueChange, value: Value | null, lang: 'zh' | 'en'): string {
  if (value === null) return lang === 'zh' ? '无' : 'none';
  if (Array.isArray(value)) return value.length === 0 ? (lang === 'zh' ? '无' : 'none') : value.join(', ');
  if (typeof value === 'number') {
    if (change.unit === 'fen') return lang === 'zh' ? `${formatYuan(value)}元` : `CNY ${formatYuan(value)}`;
    if (change.unit === 'm2') return lang === 'zh' ? `${formatArea(Math.round(value * 100))}㎡` : `${formatArea(Math.round(value * 100))} m²`;
    if (change.unit === 'months') return lang === 'zh' ? `${value}个月` : `${value} month(s)`;
    if (change.unit === 'bp') return formatBp(value);
  }
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  return String(value);
}

/** "+CNY 1,000.00" / "-1,000.00元": a signed amount of fen. */
export function signedYuan(fen: number, lang: 'zh' | 'en'): string {
  const sign = fen > 0 ? '+' : fen < 0 ? '-' : '±';
  const abs = formatYuan(Math.abs(fen));
  return lang === 'zh' ? `${sign}${abs}元` : `${sign}CNY ${abs}`;
}

const yuan = (fen: number, lang: 'zh' | 'en'): string => (fen < 0 ? signedYuan(fen, lang) : lang === 'zh' ? `${formatYuan(fen)}元` : `CNY ${formatYuan(fen)}`);

function changeText(change: ValueChange, lang: 'zh' | 'en'): string {
  return `${VALUE_LABEL[change.name]?.[lang] ?? change.name} ${valueText(change, change.from, lang)} → ${valueText(change, change.to, lang)}`;
}

function same(a: Value | null | undefined, b: Value | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function changesOf(from: Record<string, Value> | undefined, to: Record<string, Value> | undefined): ValueChange[] {
  const names = [...new Set([...Object.keys(from ?? {}), ...Object.keys(to ?? {})])];
  return names
    .filter((name) => !same(from?.[name], to?.[name]))
    .map((name) => {
      const before = from?.[name] ?? null;
      const after = to?.[name] ?? null;
      return { name, unit: unitOf(name, after ?? before), from: before, to: after };
    });
}

/** A component's chain: each line with what it added to the component's amount. */
function chainOf(result: EvaluationResult, component: ComponentName): Map<string, { step: TraceStep; shareFen: number }> {
  const chain = new Map<string, { step: TraceStep; shareFen: number }>();
  if (!result.eligible) return chain;
  let running = 0;
  for (const step of result.trace) {
    if (!step.step.startsWith(`${component}.`) || typeof step.result !== 'number') continue;
    chain.set(step.step, { step, shareFen: step.result - running });
    running = step.result;
  }
  const amount = result.components.find((c) => c.name === component)?.amountFen ?? 0;
  if (running !== amount) throw new YearOverYearError(`the trace of ${component} ends at ${running} fen, the component is ${amount} fen`);
  return chain;
}

function componentLines(previous: EvaluationResult, current: EvaluationResult): YearOverYearLine[] {
  const names = [...new Set([...current.components.map((c) => c.name), ...previous.components.map((c) => c.name)])];
  const lines: YearOverYearLine[] = [];
  for (const component of names) {
    const before = chainOf(previous, component);
    const after = chainOf(current, component);
    const steps = [...new Set([...after.keys(), ...before.keys()])];
    for (const key of steps) {
      const old = before.get(key);
      const now = after.get(key);
      const fromFen = old?.shareFen ?? 0;
      const toFen = now?.shareFen ?? 0;
      const inputChanges = changesOf(old?.step.inputs, now?.step.inputs);
      const parameterChanges = changesOf(old?.step.parameters, now?.step.parameters);
      if (fromFen === toFen && inputChanges.length === 0 && parameterChanges.length === 0) continue;
      const article = (now ?? old)!.step.article;
      lines.push(describeLine({ step: key, article, component, fromFen, toFen, deltaFen: toFen - fromFen, inputChanges, parameterChanges }));
    }
  }
  return lines;
}

function describeLine(line: Omit<YearOverYearLine, 'textZh' | 'textEn'>): YearOverYearLine {
  const label = line.component ? COMPONENT_LABEL[line.component] : { zh: '支持条件', en: 'eligibility' };
  const kind = STEP_LABEL[line.step.slice(line.step.indexOf('.') + 1)] ?? { zh: line.step, en: line.step };
  const what = (lang: 'zh' | 'en') => [...line.inputChanges, ...line.parameterChanges].map((c) => changeText(c, lang));
  const zhWhat = what('zh');
  const enWhat = what('en');
  const moved = line.deltaFen !== 0;
  return {
    ...line,
    textZh:
      `[${line.article}] ${label.zh}（${kind.zh}）：` +
      (zhWhat.length > 0 ? `${zhWhat.join('；')}；` : '') +
      (moved ? `本行计入由${yuan(line.fromFen, 'zh')}变为${yuan(line.toFen, 'zh')}，${signedYuan(line.deltaFen, 'zh')}` : `本行计入仍为${yuan(line.toFen, 'zh')}，金额未变`),
    textEn:
      `[${articleEnOf(line.article)}] ${label.en} (${kind.en}): ` +
      (enWhat.length > 0 ? `${enWhat.join('; ')}; ` : '') +
      (moved ? `this line counted ${yuan(line.fromFen, 'en')} then ${yuan(line.toFen, 'en')}: ${signedYuan(line.deltaFen, 'en')}` : `this line still counts ${yuan(line.toFen, 'en')}: no change to the amount`),
  };
}

/** Eligibility changed: the whole amount moves on the eligibility line, citing why. */
function eligibilityLine(previous: EvaluationResult, current: EvaluationResult): YearOverYearLine {
  const ineligible = current.eligible ? previous : current;
  const why = ineligible.reasons;
  const article = why[0]?.article ?? current.article;
  const fromFen = previous.amountFen;
  const toFen = current.amountFen;
  const zhWhy = why.map((r) => `${r.article} ${r.messageZh}`).join('；');
  const enWhy = why.map((r) => `${articleEnOf(r.article)} ${r.message}`).join('; ');
  return {
    step: 'eligibility',
    article,
    component: null,
    fromFen,
    toFen,
    deltaFen: toFen - fromFen,
    inputChanges: [],
    parameterChanges: [],
    textZh: current.eligible
      ? `[${article}] 支持条件：上年不符合（${zhWhy}），本年符合，计入${yuan(toFen, 'zh')}，${signedYuan(toFen - fromFen, 'zh')}`
      : `[${article}] 支持条件：本年不符合（${zhWhy}），金额由${yuan(fromFen, 'zh')}变为0，${signedYuan(toFen - fromFen, 'zh')}`,
    textEn: current.eligible
      ? `[${articleEnOf(article)}] eligibility: not eligible last year (${enWhy}), eligible this year at ${yuan(toFen, 'en')}: ${signedYuan(toFen - fromFen, 'en')}`
      : `[${articleEnOf(article)}] eligibility: not eligible this year (${enWhy}), the amount goes from ${yuan(fromFen, 'en')} to 0: ${signedYuan(toFen - fromFen, 'en')}`,
  };
}

/** The change as basis points of the earlier amount, toward zero (BigInt: no float). */
export function changeBasisPoints(fromFen: number, toFen: number): number | null {
  if (fromFen === 0) return null;
  return Number((BigInt(toFen - fromFen) * BigInt(BP_ONE)) / BigInt(fromFen));
}

/**
 * Does a change from `fromFen` to `toFen` exceed `thresholdBp` of the earlier amount
 * (either way)? From 0 any change does. Exactly at the threshold does not.
 */
export function changeExceeds(fromFen: number, toFen: number, thresholdBp: number): boolean {
  const change = BigInt(Math.abs(toFen - fromFen));
  if (fromFen === 0) return change > 0n;
  return change * BigInt(BP_ONE) > BigInt(thresholdBp) * BigInt(fromFen);
}

/**
 * How `current` (this support year) differs from `previous` (an earlier support year
 * of the same case, same program and version), line by line.
 */
export function yearOverYear(previous: EvaluationResult, current: EvaluationResult): YearOverYear {
  if (previous.program !== current.program) throw new YearOverYearError(`compares ${previous.program} with ${current.program}: not the same case`);
  const lines = previous.eligible === current.eligible ? (current.eligible ? componentLines(previous, current) : []) : [eligibilityLine(previous, current)];
  const changeFen = current.amountFen - previous.amountFen;
  const summed = lines.reduce((sum, line) => sum + line.deltaFen, 0);
  if (summed !== changeFen) throw new YearOverYearError(`the lines sum to ${summed} fen, the amounts differ by ${changeFen} fen`);
  const inputChanges: ValueChange[] = [];
  for (const change of lines.flatMap((l) => l.inputChanges)) if (!inputChanges.some((c) => c.name === change.name)) inputChanges.push(change);
  const changeBp = changeBasisPoints(previous.amountFen, current.amountFen);
  const pct = changeBp === null ? '' : `${changeBp < 0 ? '-' : changeBp > 0 ? '+' : ''}${formatBp(Math.abs(changeBp))}`;
  const { supportYear: fromYear } = previous;
  const { supportYear: toYear } = current;
  return {
    program: current.program,
    policyVersion: current.policyVersion,
    fromSupportYear: fromYear,
    toSupportYear: toYear,
    fromEligible: previous.eligible,
    toEligible: current.eligible,
    fromFen: previous.amountFen,
    toFen: current.amountFen,
    changeFen,
    changeBp,
    lines,
    inputChanges,
    textZh: `第${toYear}年与第${fromYear}年相比：核定金额由${yuan(previous.amountFen, 'zh')}变为${yuan(current.amountFen, 'zh')}，${signedYuan(changeFen, 'zh')}${pct ? `（${pct}）` : ''}`,
    textEn: `Support year ${toYear} against year ${fromYear}: the amount goes from ${yuan(previous.amountFen, 'en')} to ${yuan(current.amountFen, 'en')}, ${signedYuan(changeFen, 'en')}${pct ? ` (${pct})` : ''}`,
  };
}
