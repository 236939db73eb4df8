// The reduced-approval split, the panel's aggregation and each program's expert
// specialty as rules over policy data, each with its trace line. Running cases must
// not see a difference now that the workflow uses them, so each is checked over many
// inputs against the rule the workflow applied itself before (written out below).
import { describe, expect, it } from 'vitest';
import { aggregatePanelScores, allocateApproved, evaluate, expertSpecialty, getPolicyVersion, listPolicyVersions, PROGRAM_CODES } from '../../rules/index.js';
import type { EvaluationInput } from '../../rules/index.js';
import type { ComponentAmount, EvaluationResult } from '../../rules/index.js';

/** The workflow's split before it moved here: last components reduced first. */
function workflowAllocate(assessment: EvaluationResult, approvedFen: number): ComponentAmount[] {
  if (assessment.decision.decidedAmount) return [{ component: assessment.components[0]?.name ?? 'decided', amountFen: approvedFen }];
  let remaining = approvedFen;
  const parts: ComponentAmount[] = [];
  for (const component of assessment.components) {
    const amountFen = Math.min(component.amountFen, remaining);
    remaining -= amountFen;
    if (amountFen > 0) parts.push({ component: component.name, amountFen });
  }
  return parts;
}

/** The workflow's panel rule before it moved here: with 5 or more, drop the highest and lowest. */
function workflowAggregate(totals: readonly number[], passMark: number) {
  const sorted = [...totals].sort((a, b) => a - b);
  const counted = sorted.length >= 5 ? sorted.slice(1, -1) : sorted;
  const sum = counted.reduce((a, b) => a + b, 0);
  return { totals: [...totals], counted, average: Math.floor((sum * 100) / counted.length) / 100, passed: counted.length > 0 && sum >= passMark * counted.length };
}

/** The workflow's specialty table before it became policy data. */
const workflowSpecialty = (program: string): string =>
  ({ A3: 'compute', A4: 'compute', A5: 'data', A6: 'platform', A7: 'evaluation', A8: 'scenario', A9: 'industry', A10: 'platform' })[program.split('-')[0] ?? ''] ?? 'industry';

const draft = getPolicyVersion('2025-draft');

const a6: EvaluationInput = {
  program: 'A6-PLATFORM',
  submittedOn: '2025-03-10',
  applicant: { registeredInDistrict: true, qualifications: ['platform-national'] },
  // rent 4,000,000 yuan (capped area), operating 3,000,000 yuan
  facts: { rentPaidFen: 600_000_000, areaUsedM2: 6000, operatingCostsFen: 300_000_000 },
};

describe('reduced approval split (allocateApproved)', () => {
  it('the full maximum goes to each component at its amount', () => {
    const assessment = evaluate(a6);
    const { parts, trace } = allocateApproved(draft, assessment, 700_000_000);
    expect(parts).toEqual([
      { component: 'rent', amountFen: 400_000_000 },
      { component: 'operating', amountFen: 300_000_000 },
    ]);
    expect(trace).toMatchObject({ step: 'approval.allocation', article: '第六条', policyVersion: '2025-draft', result: 700_000_000 });
    expect(trace.textZh).toContain('房租补贴4,000,000.00元');
  });
  it('a reduction takes the last components first', () => {
    const { parts, trace } = allocateApproved(draft, evaluate(a6), 450_000_000);
    // rent 4,000,000 in full, operating the remaining 500,000 yuan
    expect(parts).toEqual([
      { component: 'rent', amountFen: 400_000_000 },
      { component: 'operating', amountFen: 50_000_000 },
    ]);
    expect(trace.textEn).toContain('reduced from the last component first');
  });
  it('a decided amount is the award on the single component', () => {
    const zone = evaluate({ program: 'A5-DATA-ZONE', submittedOn: '2025-03-10', applicant: { registeredInDistrict: true, qualifications: ['public-data-authorization'] }, facts: {} });
    expect(allocateApproved(draft, zone, 123_456).parts).toEqual([{ component: 'one-off', amountFen: 123_456 }]);
  });
  it('matches the workflow’s split for every approved amount tried', () => {
    const assessments = [evaluate(a6), evaluate({ ...a6, facts: { operatingCostsFen: 10 } }), evaluate({ program: 'A10-OPERATOR', submittedOn: '2025-03-10', applicant: { registeredInDistrict: true, qualifications: ['cluster-operator'] }, facts: { rentPaidFen: 333, monthsOperated: 7 } })];
    for (const assessment of assessments) {
      for (let approved = 0; approved <= assessment.amountFen + 2; approved += Math.max(1, Math.floor(assessment.amountFen / 97))) {
        expect(allocateApproved(draft, assessment, approved).parts).toEqual(workflowAllocate(assessment, approved));
      }
    }
  });
});

describe('panel aggregation (aggregatePanelScores)', () => {
  it('with 5 or more totals drops the highest and the lowest', () => {
    const r = aggregatePanelScores(draft, 'A6-PLATFORM', [90, 10, 70, 60, 100]);
    expect(r).toMatchObject({ counted: [60, 70, 90], average: 73.33, passed: true });
    expect(r.trace).toMatchObject({ step: 'panel.aggregate', article: '第六条', parameters: { passMark: 60, panelDropExtremesFrom: 5 }, result: true });
    expect(r.trace.textZh).toContain('去掉最高分和最低分');
  });
  it('with 3 counts all and compares the mean with the pass mark exactly', () => {
    expect(aggregatePanelScores(draft, 'A6-PLATFORM', [60, 59, 61])).toMatchObject({ counted: [59, 60, 61], passed: true, average: 60 });
    expect(aggregatePanelScores(draft, 'A6-PLATFORM', [60, 59, 60])).toMatchObject({ passed: false, average: 59.66 });
  });
  it('matches the workflow’s aggregation', () => {
    const panels = [[], [60], [1, 2, 3], [100, 0, 59, 61, 60], [55, 66, 77, 88, 99, 44, 33], [60, 60, 60, 60, 59]];
    for (const totals of panels) {
      for (const code of ['A6-PLATFORM', 'A8-SCENARIO-MUNI', 'A9-CASE-BY-CASE'] as const) {
        const { trace, ...result } = aggregatePanelScores(draft, code, totals);
        expect(trace.result).toBe(result.passed);
        expect(result).toEqual(workflowAggregate(totals, draft.programs[code].passMark ?? 0));
      }
    }
  });
});

describe('expert specialty (policy data)', () => {
  it('is the workflow’s specialty for every program of every version', () => {
    for (const version of listPolicyVersions()) {
      for (const code of PROGRAM_CODES) {
        const { specialty, trace } = expertSpecialty(version, code);
        expect(specialty, `${version.id} ${code}`).toBe(workflowSpecialty(code));
        expect(trace).toMatchObject({ step: 'panel.specialty', result: specialty, policyVersion: version.id });
      }
    }
  });
});
