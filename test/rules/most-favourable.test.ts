// 第十三条 in the rules' result: the more favourable A4 program comes with its whole
// computation (components, reasons, overlaps, trace), so the committee can see both
// and record which one stands; earlier awards are set against a claim by cost
// category and period, each once.
import { describe, expect, it } from 'vitest';
import { allocateApproved, evaluate, getPolicyVersion, StandingProgramError, standingAssessment } from '../../rules/index.js';
import type { EvaluationInput } from '../../rules/index.js';

const keyWithFiling: EvaluationInput = {
  program: 'A4-COMPUTE-KEY',
  submittedOn: '2025-03-10',
  period: { start: '2025-01-01', end: '2025-12-31' },
  applicant: { registeredInDistrict: true, qualifications: ['beijing-ai-key-enterprise', 'national-genai-filing'] },
  // 2,000,000,000 × 30% = 600,000,000: KEY caps it at 300,000,000, FILED at 1,000,000,000.
  facts: { computeSpendFen: 2_000_000_000 },
};

describe('the more favourable option (A4 pair)', () => {
  it('returns both computations: the program applied for, and the alternative with its own trace', () => {
    const result = evaluate(keyWithFiling);
    expect(result.amountFen).toBe(300_000_000);
    expect(result.alternatives).toHaveLength(1);
    const [filed] = result.alternatives;
    expect(filed).toMatchObject({ program: 'A4-COMPUTE-FILED', article: '第四条', amountFen: 600_000_000, moreByFen: 300_000_000, reasons: [], overlaps: [] });
    expect(filed?.components).toEqual([expect.objectContaining({ name: 'compute', amountFen: 600_000_000, capFen: 1_000_000_000, capped: false, costCategory: 'compute' })]);
    expect(filed?.trace.map((s) => s.step)).toEqual(expect.arrayContaining(['policy-version', 'eligibility.qualification', 'compute.amount', 'total']));
    expect(filed?.trace.every((s) => s.policyVersion === '2025-draft' && s.textZh.length > 0 && s.textEn.length > 0)).toBe(true);
    const comparison = result.trace.find((s) => s.step === 'most-favourable');
    expect(comparison).toMatchObject({ article: '第十三条', result: 'A4-COMPUTE-FILED', figures: { thisAmountFen: 300_000_000, alternativeAmountFen: 600_000_000 } });
  });

  it('computes the alternative against the same earlier awards', () => {
    const result = evaluate({ ...keyWithFiling, applicant: { ...keyWithFiling.applicant, priorAwards: [{ policy: '区算力券', costCategory: 'compute', year: 2025, amountFen: 250_000_000 }] } });
    // KEY: 300,000,000 − 250,000,000 = 50,000,000; FILED: 600,000,000 − 250,000,000 = 350,000,000.
    expect(result.amountFen).toBe(50_000_000);
    expect(result.alternatives[0]).toMatchObject({ amountFen: 350_000_000, moreByFen: 300_000_000 });
    expect(result.alternatives[0]?.overlaps).toEqual([expect.objectContaining({ stands: 'this', payableFen: 350_000_000 })]);
  });

  it('gives the standing computation the committee chose, with the reason in its trace', () => {
    const version = getPolicyVersion('2025-draft');
    const result = evaluate(keyWithFiling);
    const filed = standingAssessment(version, result, 'A4-COMPUTE-FILED');
    expect(filed).toMatchObject({ program: 'A4-COMPUTE-FILED', article: '第四条', amountFen: 600_000_000, alternatives: [], policyVersion: '2025-draft' });
    expect(filed.trace.at(-1)).toMatchObject({ step: 'most-favourable.decided', article: '第十三条', result: 'A4-COMPUTE-FILED' });
    expect(filed.trace.at(-1)?.textZh).toContain('按更优的算力应用（通过国家生成式人工智能服务备案的大模型）支持');
    expect(allocateApproved(version, filed, 600_000_000).parts).toEqual([{ component: 'compute', amountFen: 600_000_000 }]);
    const kept = standingAssessment(version, result, 'A4-COMPUTE-KEY');
    expect(kept).toMatchObject({ program: 'A4-COMPUTE-KEY', amountFen: 300_000_000 });
    expect(kept.trace.at(-1)).toMatchObject({ step: 'most-favourable.decided', result: 'A4-COMPUTE-KEY' });
    expect(standingAssessment(version, evaluate({ ...keyWithFiling, facts: { computeSpendFen: 100 } }), undefined).trace.some((s) => s.step === 'most-favourable.decided')).toBe(false);
    expect(() => standingAssessment(version, result, 'A6-PLATFORM')).toThrow(StandingProgramError);
  });

  it('lists no alternative for the A3 and A8 pairs from 2027-recognitions (POLICY.md names only A4)', () => {
    const result = evaluate({
      program: 'A3-COMPUTE-DISTRICT',
      submittedOn: '2027-03-10',
      applicant: { registeredInDistrict: true, qualifications: ['district-key-project', 'municipal-compute-support'] },
      facts: { projectInvestmentFen: 100_000_000 },
    });
    expect(result.alternatives).toEqual([]);
    expect(result.trace.some((s) => s.step === 'most-favourable')).toBe(false);
  });
});

describe('earlier awards set against a claim (第十三条)', () => {
  it('sets an A6 rent award against the A10 rent alone, once, never the fund', () => {
    // rent 600,000,000 × 50% = 300,000,000 − 150,000,000 = 150,000,000; the fund (category operating) keeps 200,000,000.
    const result = evaluate({
      program: 'A10-OPERATOR',
      submittedOn: '2026-03-10',
      period: { start: '2026-01-01', end: '2026-12-31' },
      applicant: { registeredInDistrict: true, qualifications: ['cluster-operator'], priorAwards: [{ program: 'A6-PLATFORM', costCategory: 'rent', periodStart: '2026-01-01', periodEnd: '2026-06-30', amountFen: 150_000_000 }] },
      facts: { rentPaidFen: 600_000_000, monthsOperated: 12 },
    });
    expect(result.components.map((c) => [c.name, c.amountFen])).toEqual([
      ['rent', 150_000_000],
      ['operating', 200_000_000],
    ]);
    expect(result.overlaps).toHaveLength(1);
  });

  it('uses what is left of an award after an earlier component took part of it', () => {
    // Two other-policy rent awards over 2026; the claim's rent 300,000,000 takes both (100m + 250m ≥ 300m) → 0.
    const result = evaluate({
      program: 'A10-OPERATOR',
      submittedOn: '2026-03-10',
      period: { start: '2026-01-01', end: '2026-12-31' },
      applicant: {
        registeredInDistrict: true,
        qualifications: ['cluster-operator'],
        priorAwards: [
          { policy: '区租金补贴', costCategory: 'rent', year: 2026, amountFen: 100_000_000 },
          { policy: '区租金补贴', costCategory: 'rent', year: 2026, amountFen: 250_000_000 },
        ],
      },
      facts: { rentPaidFen: 600_000_000, monthsOperated: 6 },
    });
    // fund 200,000,000 × 6/12 = 100,000,000
    expect(result.amountFen).toBe(100_000_000);
    expect(result.overlaps.map((o) => o.stands)).toEqual(['existing', 'existing']);
  });
});
