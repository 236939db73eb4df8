// Stable codes shared by every part of the system: programs, qualifications, facts.

export const PROGRAM_CODES = [
  'A3-COMPUTE-MUNI',
  'A3-COMPUTE-DISTRICT',
  'A4-COMPUTE-FILED',
  'A4-COMPUTE-KEY',
  'A5-DATA-ZONE',
  'A5-DATA-OPEN',
  'A5-DATA-REGISTER',
  'A5-DATA-TRADE',
  'A5-DATA-SAFEROOM',
  'A6-PLATFORM',
  'A7-EVAL-CERT',
  'A8-SCENARIO-MUNI',
  'A8-SCENARIO-DISTRICT',
  'A9-CASE-BY-CASE',
  'A10-OPERATOR',
] as const;
export type ProgramCode = (typeof PROGRAM_CODES)[number];

export const QUALIFICATIONS = [
  'national-genai-filing',
  'beijing-ai-key-enterprise',
  'beijing-agi-partner',
  /** Legacy: one code for both municipal recognitions (2025-draft only; running cases hold it). */
  'municipal-support',
  /** Municipal support of an intelligent-computing centre (第三条). */
  'municipal-compute-support',
  /** Municipal support of an application scenario (第八条). */
  'municipal-scenario-support',
  /** District key project with clear industrial demand (第三条; under 2025-draft also 第八条). */
  'district-key-project',
  /** District-level major scenario project (第八条). */
  'district-major-scenario-project',
  'public-data-authorization',
  'platform-national',
  'platform-provincial',
  'national-eval-certification',
  'cluster-operator',
] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

/**
 * The largest amount any input may state: 10^13 fen (100 billion yuan). Sums of a few
 * hundred such amounts and every ratio product stay far inside 2^53.
 */
export const MAX_FEN = 10_000_000_000_000;

/** Facts holding an amount of money, integer fen. */
export const MONEY_FACTS = [
  'municipalSupportFen',
  'projectInvestmentFen',
  'computeSpendFen',
  'registrationFeesFen',
  'contractAmountFen',
  'serviceContractFen',
  'evaluationContractFen',
  'rentPaidFen',
  'operatingCostsFen',
  'decidedAmountFen',
] as const;
export type MoneyFact = (typeof MONEY_FACTS)[number];

export const FACT_NAMES = [...MONEY_FACTS, 'areaUsedM2', 'monthsOperated', 'modelIterated'] as const;
export type FactName = (typeof FACT_NAMES)[number];

export const COMPONENT_NAMES = ['rent', 'operating', 'compute', 'one-off'] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

export const PRIOR_YEAR_OUTCOMES = ['verified', 'missed', 'failed'] as const;
export type PriorYearOutcome = (typeof PRIOR_YEAR_OUTCOMES)[number];

export function isProgramCode(value: string): value is ProgramCode {
  return (PROGRAM_CODES as readonly string[]).includes(value);
}

const ZH_NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 6 → "第六条", 13 → "第十三条" (articles of the measures run 1..14). */
export function articleZh(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 19) throw new Error(`article number out of range: ${n}`);
  const text = n <= 10 ? ZH_NUMERALS[n] : `十${ZH_NUMERALS[n - 10]}`;
  return `第${text}条`;
}

/** 6 → "Art. 6": how English text names an article (the workspace's words too). */
export function articleEn(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 19) throw new Error(`article number out of range: ${n}`);
  return `Art. ${n}`;
}

/** "第十三条" → 13; null for text that is not an article the rules cite. */
export function articleNumber(article: string): number | null {
  for (let n = 1; n <= 19; n++) if (articleZh(n) === article) return n;
  return null;
}

/** An article as the rules cite it (第十三条, trace and reason data) in English: "Art. 13". */
export function articleEnOf(article: string): string {
  const n = articleNumber(article);
  return n === null ? article : articleEn(n);
}
