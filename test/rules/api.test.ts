import { describe, expect, it } from 'vitest';
import {
  PROGRAM_CODES,
  QUALIFICATIONS,
  FACT_NAMES,
  evaluate,
  explain,
  getPolicyVersion,
  listPolicyVersions,
  mulDivFloor,
  percentOfFloor,
  policyVersionInForce,
  programDefinition,
} from '../../rules/index.js';
import type { EvaluationInput, PolicyVersion } from '../../rules/index.js';
import { evaluateProgram } from '../../rules/evaluate.js';

describe('money', () => {
  it('rounds a percentage down to the fen with no float', () => {
    // 9,007,199,254,740,991 × 30% = 2,702,159,776,422,297.3 → 2,702,159,776,422,297
    expect(percentOfFloor(Number.MAX_SAFE_INTEGER, 3000)).toBe(2702159776422297);
    expect(percentOfFloor(1, 9999)).toBe(0);
    // 10 × 7 / 3 = 23.33 → 23
    expect(mulDivFloor([10, 7], [3])).toBe(23);
    expect(() => percentOfFloor(1.5, 3000)).toThrow();
  });
});

describe('policy versions', () => {
  it('lists the draft, the separate recognitions and the sample final version, oldest first', () => {
    expect(listPolicyVersions().map((v) => v.id)).toEqual(['2025-draft', '2027-recognitions', '2030-final-example']);
  });
  it('finds the version in force by effective date', () => {
    expect(policyVersionInForce('2025-01-01').id).toBe('2025-draft');
    expect(policyVersionInForce('2026-12-31').id).toBe('2025-draft');
    expect(policyVersionInForce('2027-01-01').id).toBe('2027-recognitions');
    expect(policyVersionInForce('2029-12-31').id).toBe('2027-recognitions');
    expect(policyVersionInForce('2030-01-01').id).toBe('2030-final-example');
    expect(() => policyVersionInForce('2024-12-31')).toThrow(/no policy version is in force/);
  });
  it('throws a clear error for an unknown id', () => {
    expect(() => getPolicyVersion('nope')).toThrow(/unknown policy version "nope"/);
  });
  it('the second version overrides only what it names', () => {
    const a = programDefinition('2025-draft', 'A4-COMPUTE-KEY');
    const b = programDefinition('2030-final-example', 'A4-COMPUTE-KEY');
    expect(a.components[0]).toMatchObject({ capFen: 300_000_000, ratioBp: 3000 });
    expect(b.components[0]).toMatchObject({ capFen: 500_000_000, ratioBp: 3000 });
    expect(programDefinition('2030-final-example', 'A4-COMPUTE-FILED')).toEqual(programDefinition('2025-draft', 'A4-COMPUTE-FILED'));
  });
  it('every program has process settings', () => {
    for (const v of listPolicyVersions()) {
      for (const code of PROGRAM_CODES) {
        const d = v.programs[code];
        expect(d.code).toBe(code);
        expect(d.years).toBeGreaterThanOrEqual(1);
        expect(d.evidence.length).toBeGreaterThan(0);
        expect(d.components.length).toBeGreaterThan(0);
        if (d.evaluation === 'experts' || d.evaluation === 'experts-and-audit') {
          expect(d.criteria.reduce((s, c) => s + c.maxPoints, 0)).toBe(100);
          expect(d.passMark).not.toBeNull();
        }
      }
    }
    expect(programDefinition('2025-draft', 'A4-COMPUTE-FILED').years).toBe(2);
    expect(programDefinition('2025-draft', 'A6-PLATFORM').years).toBe(3);
    expect(programDefinition('2025-draft', 'A10-OPERATOR').years).toBe(3);
    expect(programDefinition('2025-draft', 'A9-CASE-BY-CASE').districtResolution).toBe(true);
  });
  it('exports the code lists', () => {
    expect(PROGRAM_CODES).toHaveLength(15);
    expect(QUALIFICATIONS).toHaveLength(13);
    expect(FACT_NAMES).toHaveLength(13);
  });
});

function withReadings(base: PolicyVersion, changes: Partial<PolicyVersion['readings']>, capScope?: 'whole-award'): PolicyVersion {
  const programs = { ...base.programs };
  if (capScope) {
    for (const code of PROGRAM_CODES) programs[code] = { ...programs[code], capScope };
  }
  return { ...base, id: 'test-variant', readings: { ...base.readings, ...changes }, programs };
}

describe('readings as settings', () => {
  const draft = getPolicyVersion('2025-draft');
  const a10year3: EvaluationInput = {
    program: 'A10-OPERATOR',
    submittedOn: '2026-12-01',
    supportYear: 3,
    applicant: { registeredInDistrict: true, qualifications: ['cluster-operator'] },
    priorYears: [
      { supportYear: 1, outcome: 'verified' },
      { supportYear: 2, outcome: 'missed' },
    ],
    facts: { monthsOperated: 12 },
  };
  it('missedYear end-award: year 3 not paid after a missed year 2', () => {
    const r = evaluateProgram(a10year3, 'A10-OPERATOR', draft, false);
    expect(r.eligible).toBe(false);
  });
  it('missedYear skip-year: year 3 is paid', () => {
    const r = evaluateProgram(a10year3, 'A10-OPERATOR', withReadings(draft, { missedYear: 'skip-year' }), false);
    expect(r.eligible).toBe(true);
    expect(r.amountFen).toBe(200_000_000);
  });
  it('capScope whole-award: year 2 of A4 gets what is left of the cap', () => {
    // cap 300,000,000 for the whole award; year 1 paid 250,000,000 → 50,000,000 left;
    // year 2: 900,000,000 × 30% = 270,000,000 → 50,000,000
    const input: EvaluationInput = {
      program: 'A4-COMPUTE-KEY',
      submittedOn: '2026-03-01',
      supportYear: 2,
      applicant: { registeredInDistrict: true, qualifications: ['beijing-agi-partner'] },
      priorYears: [{ supportYear: 1, outcome: 'verified', paidFen: { compute: 250_000_000 } }],
      facts: { computeSpendFen: 900_000_000, modelIterated: true },
    };
    expect(evaluateProgram(input, 'A4-COMPUTE-KEY', draft, false).amountFen).toBe(270_000_000);
    const r = evaluateProgram(input, 'A4-COMPUTE-KEY', withReadings(draft, {}, 'whole-award'), false);
    expect(r.amountFen).toBe(50_000_000);
    expect(r.reasons.map((x) => x.code)).toEqual(['whole-award-cap-reached']);
  });
  it('A10 prorate off pays the full fund for a part year', () => {
    const v = withReadings(draft, {});
    const a10 = v.programs['A10-OPERATOR'];
    v.programs['A10-OPERATOR'] = { ...a10, components: a10.components.map((c) => (c.kind === 'fixed-yearly' ? { ...c, prorate: false } : c)) };
    const r = evaluateProgram({ ...a10year3, supportYear: 1, priorYears: [], facts: { monthsOperated: 3 } }, 'A10-OPERATOR', v, false);
    expect(r.amountFen).toBe(200_000_000);
  });
});

describe('explanations', () => {
  const input: EvaluationInput = {
    program: 'A6-PLATFORM',
    submittedOn: '2025-03-10',
    supportYear: 1,
    applicant: { registeredInDistrict: true, qualifications: ['platform-provincial'] },
    facts: { rentPaidFen: 600000000, areaUsedM2: 6000, operatingCostsFen: 300000000 },
  };
  it('every trace step names an article, the version, and has both renderings', () => {
    const r = evaluate(input);
    expect(r.trace.length).toBeGreaterThan(4);
    for (const s of r.trace) {
      expect(s.article).toMatch(/^第[一二三四五六七八九十]+条$/);
      expect(s.policyVersion).toBe('2025-draft');
      expect(s.textZh.length).toBeGreaterThan(0);
      expect(s.textEn.length).toBeGreaterThan(0);
    }
    const rent = r.trace.find((s) => s.step === 'rent.amount');
    expect(rent?.parameters).toMatchObject({ ratioBp: 8000, areaCapM2: 4000 });
    expect(rent?.inputs).toMatchObject({ rentPaidFen: 600000000, areaUsedM2: 6000 });
    expect(rent?.figures).toMatchObject({ areaCountedM2: 4000, areaCapped: true });
    expect(rent?.result).toBe(320000000);
  });
  it('renders Chinese and English text', () => {
    const r = evaluate(input);
    const zh = explain(r, 'zh');
    const en = explain(r, 'en');
    // 80% × 6,000,000 yuan × 4000/6000 = 3,200,000 yuan; + 3,000,000 = 6,200,000 yuan
    expect(zh).toContain('6,200,000.00元');
    expect(zh).toContain('[第六条]');
    expect(en).toContain('CNY 6,200,000.00');
    expect(en).toContain('[Art. 6] rent: ');
    expect(en).not.toContain('第六条');
  });
  it('is deterministic', () => {
    expect(JSON.stringify(evaluate(input))).toBe(JSON.stringify(evaluate(input)));
  });
});
