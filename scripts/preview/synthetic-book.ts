// A synthetic book for the preview benchmark and tests: awards and applications of
// all 15 programs with 1–3 support years, facts of the size the office sees, a few
// earlier awards under other policies (第十三条) and a budget per program and year.
// Seeded, so a run is repeatable.
import { BOOK_FORMAT, policyVersionInForce } from '../../rules/index.js';
import type { Book, BookCase, Facts, FactName, ProgramCode } from '../../rules/index.js';
import { PROGRAM_CODES } from '../../rules/index.js';

/** mulberry32: a small seeded generator; enough for test data. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOTICE_YEARS = [2025, 2026, 2027] as const;

export interface SyntheticOptions {
  /** Cases in the book: awards with years left (A4, A6, A10) and undecided applications (every program). */
  cases: number;
  seed?: number;
}

export function syntheticBook({ cases: count, seed = 17 }: SyntheticOptions): Book {
  const random = seeded(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const factValue = (name: FactName): number | boolean => {
    switch (name) {
      case 'areaUsedM2':
        return int(10_000, 800_000) / 100;
      case 'monthsOperated':
        return int(1, 12);
      case 'modelIterated':
        return true;
      default:
        return int(1_000_000, 3_000_000_000);
    }
  };
  const factsFor = (names: readonly FactName[]): Facts => Object.fromEntries(names.map((n) => [n, factValue(n)])) as Facts;

  const enterpriseCount = Math.max(1, Math.ceil(count / 2));
  const enterprises = Array.from({ length: enterpriseCount }, (_, i) => ({ id: `E${i}`, registeredInDistrict: random() > 0.01, blacklisted: random() < 0.005 }));
  const earlierAwards: Book['earlierAwards'] = [];
  for (let i = 0; i < enterpriseCount / 10; i++) {
    const year = pick(NOTICE_YEARS);
    earlierAwards.push({ enterpriseId: `E${int(0, enterpriseCount - 1)}`, caseId: null, policy: 'District talent housing policy (石政发〔2024〕1号)', costCategory: pick(['rent', 'operating', 'compute']), periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, amountFen: int(100_000, 50_000_000) });
  }

  const cases: BookCase[] = [];
  for (let i = 0; i < count; i++) {
    const program: ProgramCode = pick(PROGRAM_CODES);
    const noticeYear = pick(NOTICE_YEARS);
    const submittedOn = `${noticeYear}-0${int(3, 5)}-${String(int(10, 28))}`;
    const version = policyVersionInForce(submittedOn);
    const def = version.programs[program];
    const qualifications = def.levels ? [pick([def.levels.national, def.levels.provincial])] : def.qualificationsAnyOf.length > 0 ? [pick(def.qualificationsAnyOf)] : [];
    // A one-off program's case is open only until its approval; a multi-year award is
    // in one of its years, that year approved or not, with at least one year left.
    const isAward = def.years > 1 && random() < 0.8;
    const supportYear = isAward ? int(1, def.years) : 1;
    const decidedThrough = isAward ? (supportYear < def.years && random() < 0.5 ? supportYear : Math.max(1, supportYear - 1)) : 0;
    const figures: BookCase['figures'] = [{ supportYear: 1, source: 'application', facts: factsFor(def.reportFacts.firstYear) }];
    for (let y = 2; y <= supportYear; y++) {
      // This year's report is not always in yet: the preview then uses last year's figures.
      if (y === supportYear && random() < 0.5) continue;
      figures.push({ supportYear: y, source: y < supportYear ? 'verified-report' : 'submitted-report', facts: factsFor(def.reportFacts.laterYears) });
    }
    cases.push({
      caseId: `${isAward ? 'AW' : 'AP'}-${i}`,
      program,
      enterpriseId: `E${int(0, enterpriseCount - 1)}`,
      policyVersion: version.id,
      submittedOn,
      noticeYear,
      kind: isAward ? 'award' : 'application',
      supportYear,
      decidedYears: Array.from({ length: decidedThrough }, (_, k) => k + 1),
      priorYears: Array.from({ length: supportYear - 1 }, (_, k) => ({ supportYear: k + 1, outcome: 'verified' as const })),
      qualifications,
      figures,
    });
  }

  const budgets: Book['budgets'] = [];
  for (const year of [2025, 2026, 2027, 2028, 2029]) {
    for (const program of PROGRAM_CODES) budgets.push({ year, program, budgetFen: int(1_000, 50_000) * 1_000_000, reservedFen: int(0, 500) * 1_000_000 });
  }
  return { format: BOOK_FORMAT, asOf: '2027-06-30', budgets, enterprises, earlierAwards, cases };
}
