import { describe, expect, it } from 'vitest';
import { changeExceeds, evaluate, yearOverYear } from '../../rules/index.js';
import type { EvaluationInput, Facts, ProgramCode, Qualification } from '../../rules/index.js';

function year(program: ProgramCode, qualifications: Qualification[], supportYear: number, facts: Facts): ReturnType<typeof evaluate> {
  const input: EvaluationInput = {
    program,
    submittedOn: '2026-03-10',
    policyVersion: '2025-draft',
    supportYear,
    applicant: { registeredInDistrict: true, qualifications },
    facts,
    priorYears: Array.from({ length: supportYear - 1 }, (_, i) => ({ supportYear: i + 1, outcome: 'verified' as const })),
  };
  return evaluate(input);
}

const a6 = (supportYear: number, facts: Facts) => year('A6-PLATFORM', ['platform-national'], supportYear, facts);

describe('year over year', () => {
  it('explains an A6 change line by line, to the fen, with each changed input', () => {
    // Year 1: rent 6,000,000 × 4,000/6,000 = 4,000,000; operating 3,000,000 → 7,000,000 yuan.
    const before = a6(1, { rentPaidFen: 600_000_000, areaUsedM2: 6000, operatingCostsFen: 300_000_000 });
    // Year 2: rent 3,500,001.23 × 4,000/7,000 = 2,000,000.70 (floored to the fen); operating 6,000,000 capped at 5,000,000.
    const after = a6(2, { rentPaidFen: 350_000_123, areaUsedM2: 7000, operatingCostsFen: 600_000_000 });
    const diff = yearOverYear(before, after);
    expect([diff.fromFen, diff.toFen]).toEqual([700_000_000, 700_000_070]);
    expect(diff.changeFen).toBe(70);
    expect(diff.lines.map((l) => [l.step, l.fromFen, l.toFen, l.deltaFen])).toEqual([
      ['rent.amount', 400_000_000, 200_000_070, -199_999_930],
      ['operating.amount', 300_000_000, 500_000_000, 200_000_000],
    ]);
    expect(diff.lines.reduce((sum, l) => sum + l.deltaFen, 0)).toBe(diff.changeFen);
    expect(diff.lines[0]!.inputChanges).toEqual([
      { name: 'rentPaidFen', unit: 'fen', from: 600_000_000, to: 350_000_123 },
      { name: 'areaUsedM2', unit: 'm2', from: 6000, to: 7000 },
    ]);
    expect(diff.lines[0]!.article).toBe('第六条');
    expect(diff.lines[0]!.textZh).toBe('[第六条] 房租补贴（计算）：实缴租金 6,000,000.00元 → 3,500,001.23元；使用面积 6,000㎡ → 7,000㎡；本行计入由4,000,000.00元变为2,000,000.70元，-1,999,999.30元');
    expect(diff.lines[1]!.textEn).toBe('[Art. 6] operating funds (formula): operating costs CNY 3,000,000.00 → CNY 6,000,000.00; this line counted CNY 3,000,000.00 then CNY 5,000,000.00: +CNY 2,000,000.00');
    expect(diff.inputChanges.map((c) => c.name)).toEqual(['rentPaidFen', 'areaUsedM2', 'operatingCostsFen']);
    expect(diff.changeBp).toBe(0);
    expect(diff.textZh).toBe('第2年与第1年相比：核定金额由7,000,000.00元变为7,000,000.70元，+0.70元（0%）');
  });

  it('keeps a line whose input changed under a cap, with no change to the amount', () => {
    const before = a6(2, { rentPaidFen: 300_000_000, areaUsedM2: 3000, operatingCostsFen: 600_000_000 });
    const after = a6(3, { rentPaidFen: 300_000_000, areaUsedM2: 3000, operatingCostsFen: 700_000_000 });
    const diff = yearOverYear(before, after);
    expect(diff.changeFen).toBe(0);
    expect(diff.lines.map((l) => [l.step, l.deltaFen, l.inputChanges.map((c) => [c.from, c.to])])).toEqual([['operating.amount', 0, [[600_000_000, 700_000_000]]]]);
    expect(diff.lines[0]!.textEn).toContain('no change to the amount');
  });

  it('attributes a prorated fund to the months operated', () => {
    const a10 = (supportYear: number, monthsOperated: number) => year('A10-OPERATOR', ['cluster-operator'], supportYear, { rentPaidFen: 100_000_000, monthsOperated });
    const diff = yearOverYear(a10(1, 6), a10(2, 12));
    expect(diff.lines.map((l) => [l.step, l.deltaFen])).toEqual([['operating.amount', 100_000_000]]);
    expect(diff.lines[0]!.inputChanges).toEqual([{ name: 'monthsOperated', unit: 'months', from: 6, to: 12 }]);
    expect(diff.lines[0]!.textZh).toContain('运营月数 6个月 → 12个月');
    expect(diff.changeBp).toBe(6666);
  });

  it('puts a lost eligibility on one line carrying the whole amount, with the article', () => {
    const a4 = (supportYear: number, modelIterated: boolean) => year('A4-COMPUTE-FILED', ['national-genai-filing'], supportYear, { computeSpendFen: 1_000_000_000, modelIterated });
    const diff = yearOverYear(a4(1, true), a4(2, false));
    expect(diff.toEligible).toBe(false);
    expect(diff.lines).toHaveLength(1);
    expect(diff.lines[0]).toMatchObject({ step: 'eligibility', article: '第四条', fromFen: 300_000_000, toFen: 0, deltaFen: -300_000_000 });
    expect(diff.lines[0]!.textEn).toMatch(/^\[Art\. 4\] eligibility: not eligible this year \(Art\. 4 Support year 2 requires evidence that the model kept iterating/);
    expect(diff.changeBp).toBe(-10_000);
  });

  it('says when a change exceeds a threshold of last year’s amount, either way', () => {
    expect(changeExceeds(1000, 1200, 2000)).toBe(false);
    expect(changeExceeds(1000, 1201, 2000)).toBe(true);
    expect(changeExceeds(1000, 800, 2000)).toBe(false);
    expect(changeExceeds(1000, 799, 2000)).toBe(true);
    expect(changeExceeds(0, 0, 2000)).toBe(false);
    expect(changeExceeds(0, 1, 2000)).toBe(true);
    // 10^13 fen × 10,000 bp leaves the safe integer range: compared exactly.
    expect(changeExceeds(10_000_000_000_000, 12_000_000_000_001, 2000)).toBe(true);
  });
});
