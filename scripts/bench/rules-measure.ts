// The rules' side-by-side measurements, shared by `npm run bench:rules` and
// `npm run bench:preview`: a mix of programs, the A6 example, and the same A6
// computation encoded for json-rules-engine (rules + dynamic facts).
import { Engine } from 'json-rules-engine';
import type { Almanac } from 'json-rules-engine';
import type { EvaluationInput } from '../../rules/index.js';

const applicant = (qualifications: EvaluationInput['applicant']['qualifications']) => ({ registeredInDistrict: true, blacklisted: false, qualifications, priorAwards: [] });

export const A6: EvaluationInput = {
  program: 'A6-PLATFORM',
  submittedOn: '2025-03-10',
  supportYear: 1,
  applicant: { ...applicant(['platform-national']), priorAwards: [{ program: 'A7-EVAL-CERT', year: 2024 }] },
  facts: { rentPaidFen: 600000000, areaUsedM2: 6000, operatingCostsFen: 300000000 },
};

export const MIX: EvaluationInput[] = [
  A6,
  { program: 'A3-COMPUTE-MUNI', submittedOn: '2025-03-10', applicant: applicant(['municipal-support']), facts: { municipalSupportFen: 1234567891 } },
  { program: 'A4-COMPUTE-KEY', submittedOn: '2025-03-10', applicant: applicant(['beijing-ai-key-enterprise', 'national-genai-filing']), facts: { computeSpendFen: 2000000000 } },
  { program: 'A4-COMPUTE-FILED', submittedOn: '2026-03-10', supportYear: 2, applicant: applicant(['national-genai-filing']), facts: { computeSpendFen: 900000000, modelIterated: true } },
  { program: 'A5-DATA-TRADE', submittedOn: '2025-03-10', applicant: applicant([]), facts: { contractAmountFen: 4000000020 } },
  { program: 'A5-DATA-ZONE', submittedOn: '2025-03-10', applicant: applicant(['public-data-authorization']), facts: { decidedAmountFen: 300000001 } },
  { program: 'A7-EVAL-CERT', submittedOn: '2025-03-10', applicant: applicant(['national-eval-certification']), facts: { evaluationContractFen: 80000000 } },
  { program: 'A8-SCENARIO-DISTRICT', submittedOn: '2025-03-10', applicant: applicant(['district-key-project']), facts: { projectInvestmentFen: 400000000 } },
  { program: 'A10-OPERATOR', submittedOn: '2025-03-10', applicant: applicant(['cluster-operator']), facts: { rentPaidFen: 40000000, monthsOperated: 5 } },
  { program: 'A6-PLATFORM', submittedOn: '2025-03-10', applicant: applicant(['platform-provincial']), facts: { rentPaidFen: 987654321, areaUsedM2: 4321.25, operatingCostsFen: 1 } },
];

// The A6 computation for json-rules-engine: eligibility as rule conditions, the
// amounts as dynamic facts (integer BigInt arithmetic, same formula).
export function a6Engine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addFact('level', async (_p: unknown, almanac: Almanac) => {
    const q = (await almanac.factValue('qualifications')) as string[];
    return q.includes('platform-national') ? 'national' : q.includes('platform-provincial') ? 'provincial' : 'none';
  });
  engine.addFact('rentSubsidyFen', async (_p: unknown, almanac: Almanac) => {
    const rent = (await almanac.factValue('rentPaidFen')) as number;
    const area = (await almanac.factValue('areaUsedM2')) as number;
    const level = await almanac.factValue('level');
    const ratioBp = level === 'national' ? 10000n : 8000n;
    const areaC = BigInt(Math.round(area * 100));
    const counted = areaC < 400000n ? areaC : 400000n;
    return Number((ratioBp * BigInt(rent) * counted) / (10000n * areaC));
  });
  engine.addFact('operatingFundsFen', async (_p: unknown, almanac: Almanac) => {
    const costs = (await almanac.factValue('operatingCostsFen')) as number;
    return Math.min(costs, 500000000);
  });
  engine.addRule({
    name: 'a6-eligible',
    conditions: {
      all: [
        { fact: 'registeredInDistrict', operator: 'equal', value: true },
        { fact: 'blacklisted', operator: 'equal', value: false },
        { fact: 'level', operator: 'in', value: ['national', 'provincial'] },
        { fact: 'supportYear', operator: 'lessThanInclusive', value: 3 },
      ],
    },
    event: { type: 'a6-award' },
  });
  return engine;
}

export async function jreEvaluate(engine: Engine, input: EvaluationInput): Promise<number> {
  const { events, almanac } = await engine.run({
    registeredInDistrict: input.applicant.registeredInDistrict,
    blacklisted: input.applicant.blacklisted ?? false,
    qualifications: input.applicant.qualifications ?? [],
    supportYear: input.supportYear ?? 1,
    rentPaidFen: input.facts?.rentPaidFen ?? 0,
    areaUsedM2: input.facts?.areaUsedM2 ?? 0,
    operatingCostsFen: input.facts?.operatingCostsFen ?? 0,
  });
  if (events.length === 0) return 0;
  return ((await almanac.factValue('rentSubsidyFen')) as number) + ((await almanac.factValue('operatingFundsFen')) as number);
}

export function measureSync(label: string, fn: (i: number) => unknown, seconds: number): number {
  const warmEnd = performance.now() + 1000;
  let i = 0;
  while (performance.now() < warmEnd) fn(i++);
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (true) {
    for (let k = 0; k < 100; k++) fn(n++);
    if (performance.now() >= end) break;
  }
  const rate = n / ((performance.now() - start) / 1000);
  console.log(`${label.padEnd(44)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} evaluations/s`);
  return rate;
}

export async function measureAsync(label: string, fn: (i: number) => Promise<unknown>, seconds: number): Promise<number> {
  const warmEnd = performance.now() + 1000;
  let i = 0;
  while (performance.now() < warmEnd) await fn(i++);
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (true) {
    for (let k = 0; k < 100; k++) await fn(n++);
    if (performance.now() >= end) break;
  }
  const rate = n / ((performance.now() - start) / 1000);
  console.log(`${label.padEnd(44)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} evaluations/s`);
  return rate;
}

