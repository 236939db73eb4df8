// The policy preview: candidate patches checked as published ones are, and a book
// previewed under its own versions and a candidate, to the fen.
import { describe, expect, it } from 'vitest';
import { BOOK_FORMAT, evaluate, parseBook, parseCandidate, policyPatchSchema, previewBook, previewCase, previewRows } from '../../rules/index.js';
import type { Book, BookCase, Candidate, PolicyPatchInput } from '../../rules/index.js';
import { recognitions2027 } from '../../rules/policy/versions/2027-recognitions.js';
import { finalExample2030 } from '../../rules/policy/versions/2030-final-example.js';
import { syntheticBook } from '../../scripts/preview/synthetic-book.js';

/** A4-COMPUTE-KEY's compute cap 3m → 4m yuan, on 2025-draft, from 2026-01-01. */
const RAISE_A4_KEY_CAP: PolicyPatchInput = {
  id: '2026-a4-key-cap',
  effectiveFrom: '2026-01-01',
  basedOn: '2025-draft',
  titleZh: '算力应用（重点企业）上限调整',
  titleEn: 'A4 key-enterprise cap raised',
  programs: { 'A4-COMPUTE-KEY': { components: { compute: { capFen: 400_000_000 } } } },
};

function candidate(patch: unknown): Candidate {
  const parsed = parseCandidate(patch);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.candidate;
}

function bookCase(values: Partial<BookCase> & Pick<BookCase, 'caseId' | 'program' | 'figures'>): BookCase {
  return { enterpriseId: 'E1', policyVersion: '2025-draft', submittedOn: '2026-03-10', noticeYear: 2026, kind: 'application', supportYear: 1, decidedYears: [], priorYears: [], qualifications: [], ...values };
}

function book(cases: BookCase[]): Book {
  return {
    format: BOOK_FORMAT,
    asOf: '2026-06-30',
    budgets: [{ year: 2026, program: 'A4-COMPUTE-KEY', budgetFen: 2_000_000_000, reservedFen: 100_000_000 }],
    enterprises: [{ id: 'E1', registeredInDistrict: true, blacklisted: false }],
    earlierAwards: [],
    cases,
  };
}

const key = (caseId: string, computeSpendFen: number, values: Partial<BookCase> = {}) =>
  bookCase({ caseId, program: 'A4-COMPUTE-KEY', qualifications: ['beijing-ai-key-enterprise'], figures: [{ supportYear: 1, source: 'application', facts: { computeSpendFen } }], ...values });

describe('candidate versions', () => {
  it('the published patches have the candidate shape', () => {
    expect(policyPatchSchema.safeParse(recognitions2027).success).toBe(true);
    expect(policyPatchSchema.safeParse(finalExample2030).success).toBe(true);
  });

  it('resolves a valid patch against the version it is based on, listing what it changes', () => {
    const c = candidate(RAISE_A4_KEY_CAP);
    expect(c.version.programs['A4-COMPUTE-KEY'].components[0]).toMatchObject({ name: 'compute', capFen: 400_000_000, ratioBp: 3000 });
    expect(c.version.programs['A6-PLATFORM']).toEqual(c.base.programs['A6-PLATFORM']);
  });

  it.each([
    [{ ...RAISE_A4_KEY_CAP, programs: { 'A4-COMPUTE-KEY': { components: { compute: { capFen: -1 } } } } }, 'programs.A4-COMPUTE-KEY.components.compute.capFen'],
    [{ ...RAISE_A4_KEY_CAP, programs: { 'A4-COMPUTE-KEY': { components: { compute: { amountFen: 5 } } } } }, 'programs.A4-COMPUTE-KEY.components.compute.amountFen'],
    [{ ...RAISE_A4_KEY_CAP, programs: { 'A4-COMPUTE-KEY': { components: { rent: { capFen: 5 } } } } }, 'programs.A4-COMPUTE-KEY.components.rent'],
    [{ ...RAISE_A4_KEY_CAP, programs: { 'A4-COMPUTE-KEY': { yeras: 3 } } }, 'programs.A4-COMPUTE-KEY.yeras'],
    [{ ...RAISE_A4_KEY_CAP, programs: { 'A11-NEW': {} } }, 'programs.A11-NEW'],
    [{ ...RAISE_A4_KEY_CAP, basedOn: '2024-nothing' }, 'basedOn'],
    [{ ...RAISE_A4_KEY_CAP, id: '2025-draft' }, 'id'],
    [{ ...RAISE_A4_KEY_CAP, effectiveFrom: '2027-01-01' }, 'effectiveFrom'],
    [{ ...RAISE_A4_KEY_CAP, effectiveFrom: '2026-02-30' }, 'effectiveFrom'],
    [{ ...RAISE_A4_KEY_CAP, readings: { missedYear: 'forgive' } }, 'readings.missedYear'],
  ])('a bad patch names its field (%#)', (patch, field) => {
    const parsed = parseCandidate(patch);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field)).toContain(field);
  });
});

describe('previewBook', () => {
  it('a raised cap changes exactly the capped cases, by the expected fen', () => {
    const b = book([
      key('capped-far', 2_000_000_000), // 30% = 600m → own cap 300m, candidate cap 400m: +100m
      key('capped-near', 1_200_000_000), // 30% = 360m → own 300m, candidate 360m: +60m
      key('under-cap', 500_000_000), // 30% = 150m under both caps
      bookCase({ caseId: 'other-program', program: 'A5-DATA-REGISTER', figures: [{ supportYear: 1, source: 'application', facts: { registrationFeesFen: 1_000_000 } }] }),
    ]);
    const r = previewBook(b, candidate(RAISE_A4_KEY_CAP));
    const byId = new Map(r.cases.map((c) => [c.caseId, c]));
    // A4 has two support years: year 2 is projected from year 1's figures (model iteration assumed).
    expect(byId.get('capped-far')).toMatchObject({ applies: true, ownFen: 600_000_000, candidateFen: 800_000_000, deltaFen: 200_000_000, effectiveDeltaFen: 200_000_000, change: 'gain' });
    expect(byId.get('capped-far')!.years!.map((y) => y.deltaFen)).toEqual([100_000_000, 100_000_000]);
    expect(byId.get('capped-far')!.years![1]!.figures).toEqual({ source: 'application', fromSupportYear: 1, assumed: ['modelIterated'] });
    expect(byId.get('capped-near')).toMatchObject({ deltaFen: 120_000_000, change: 'gain' });
    expect(byId.get('under-cap')).toMatchObject({ deltaFen: 0, change: 'stay', programChanged: true });
    expect(byId.get('other-program')).toMatchObject({ deltaFen: 0, change: 'stay', programChanged: false });
    expect(r.counts).toEqual({ gain: 2, lose: 0, stay: 2 });
    expect(r.largestChanges.map((c) => c.caseId)).toEqual(['capped-far', 'capped-near']);
    // Both traces where the amount moved, none where it did not (the default).
    const moved = byId.get('capped-far')!.years![0]!;
    expect(moved.own!.trace!.some((s) => s.step.startsWith('compute') && s.parameters.capFen === 300_000_000)).toBe(true);
    expect(moved.candidate!.trace!.some((s) => s.step.startsWith('compute') && s.parameters.capFen === 400_000_000)).toBe(true);
    expect(byId.get('under-cap')!.years![0]!.own!.trace).toBeUndefined();
    const total = r.totals.find((t) => t.program === 'A4-COMPUTE-KEY' && t.budgetYear === 2026)!;
    expect(total).toMatchObject({ budgetFen: 2_000_000_000, reservedFen: 100_000_000, ownFen: 300_000_000 + 300_000_000 + 150_000_000, candidateFen: 400_000_000 + 360_000_000 + 150_000_000, cases: 3 });
    expect(total.leftAfterCandidateFen).toBe(2_000_000_000 - 100_000_000 - 910_000_000);
    expect(r.candidate.changes).toEqual([{ path: 'programs.A4-COMPUTE-KEY.components.compute.capFen', from: 300_000_000, to: 400_000_000 }]);
  });

  it('a candidate effective after a case’s submission changes nothing for it, and says why', () => {
    const b = book([key('before', 2_000_000_000, { submittedOn: '2025-12-31', noticeYear: 2025 }), key('on-the-day', 2_000_000_000, { submittedOn: '2026-01-01' })]);
    const r = previewBook(b, candidate(RAISE_A4_KEY_CAP));
    const before = r.cases.find((c) => c.caseId === 'before')!;
    expect(before).toMatchObject({ applies: false, touch: { code: 'submitted-before-effective', versionIfAdopted: '2025-draft' }, deltaFen: 200_000_000, effectiveDeltaFen: 0, change: 'stay', changeIfApplied: 'gain' });
    expect(r.cases.find((c) => c.caseId === 'on-the-day')).toMatchObject({ applies: true, effectiveDeltaFen: 200_000_000 });
    expect(r.book).toMatchObject({ touched: 1, notTouched: { 'submitted-before-effective': 1 } });
    // After adoption the pinned case counts at its own amount; "if applied" counts the candidate.
    const y2025 = r.totals.find((t) => t.budgetYear === 2025 && t.program === 'A4-COMPUTE-KEY')!;
    expect(y2025).toMatchObject({ ownFen: 300_000_000, candidateFen: 300_000_000, ifAppliedFen: 400_000_000 });
    expect(r.touchReasons['submitted-before-effective'].en).toMatch(/whole life/);
  });

  it('a case submitted under a later published version stays under it', () => {
    const b = book([key('late', 2_000_000_000, { submittedOn: '2027-03-01', noticeYear: 2027, policyVersion: '2027-recognitions' })]);
    const r = previewBook(b, candidate(RAISE_A4_KEY_CAP));
    expect(r.cases[0]).toMatchObject({ applies: false, touch: { code: 'later-version-in-force', versionIfAdopted: '2027-recognitions' }, effectiveDeltaFen: 0 });
  });

  it('previews only undecided years, on the latest figures held', () => {
    const a6 = bookCase({
      caseId: 'a6',
      program: 'A6-PLATFORM',
      kind: 'award',
      supportYear: 2,
      decidedYears: [1],
      priorYears: [{ supportYear: 1, outcome: 'verified' }],
      qualifications: ['platform-national'],
      figures: [
        { supportYear: 1, source: 'application', facts: { operatingCostsFen: 100_000_000 } },
        { supportYear: 2, source: 'submitted-report', facts: { operatingCostsFen: 200_000_000 } },
        { supportYear: 2, source: 'verified-report', facts: { operatingCostsFen: 250_000_000 } },
      ],
    });
    const r = previewBook(book([a6]), candidate(RAISE_A4_KEY_CAP), { traces: 'none' });
    expect(r.cases[0]!.years!.map((y) => [y.supportYear, y.figures?.source, y.figures?.fromSupportYear, y.own?.amountFen])).toEqual([
      [2, 'verified-report', 2, 250_000_000],
      [3, 'verified-report', 2, 250_000_000],
    ]);
    expect(r.book.evaluations).toBe(2); // A6 unchanged by the candidate: computed once per year
  });

  it('agrees with rules.evaluate on every year of a synthetic book', () => {
    const b = syntheticBook({ cases: 300, seed: 5 });
    const c = candidate({ ...RAISE_A4_KEY_CAP, effectiveFrom: '2025-06-01', programs: { ...RAISE_A4_KEY_CAP.programs, 'A6-PLATFORM': { components: { rent: { areaCapM2: 6000 } } } } });
    const r = previewBook(b, c, { traces: 'none' });
    expect(r.caseErrors).toEqual([]);
    const enterprises = new Map(b.enterprises.map((e) => [e.id, e]));
    for (const p of r.cases) {
      const bc = b.cases.find((x) => x.caseId === p.caseId)!;
      for (const y of p.years!) {
        if (!y.own) continue;
        const facts = bc.figures.filter((f) => f.supportYear <= y.supportYear).sort((a, b2) => b2.supportYear - a.supportYear)[0]!.facts;
        const e = enterprises.get(bc.enterpriseId)!;
        const own = evaluate({
          program: bc.program,
          submittedOn: bc.submittedOn,
          policyVersion: bc.policyVersion,
          supportYear: y.supportYear,
          applicant: { registeredInDistrict: e.registeredInDistrict, blacklisted: e.blacklisted, qualifications: bc.qualifications, priorAwards: b.earlierAwards.filter((a) => a.enterpriseId === bc.enterpriseId).map(({ enterpriseId: _e, caseId: _c, ...a }) => a) },
          facts: { ...facts, ...(y.figures!.assumed.includes('modelIterated') && { modelIterated: true }) },
          priorYears: bc.priorYears.filter((x) => x.supportYear < y.supportYear),
          period: { start: `${bc.noticeYear + y.supportYear - 1}-01-01`, end: `${bc.noticeYear + y.supportYear - 1}-12-31` },
        });
        expect(y.own.amountFen, `${p.caseId} y${y.supportYear}`).toBe(own.amountFen);
      }
    }
    expect(r.countsIfApplied.gain).toBeGreaterThan(0);
    expect(previewRows(r).length).toBeGreaterThanOrEqual(r.book.supportYears);
  });

  it('the sums-only preview answers as the full one does, and one case opened gives its years with both traces', () => {
    const b = syntheticBook({ cases: 400, seed: 11 });
    const c = candidate({ ...RAISE_A4_KEY_CAP, effectiveFrom: '2025-06-01', programs: { ...RAISE_A4_KEY_CAP.programs, 'A6-PLATFORM': { components: { operating: { capFen: 600_000_000 } } } } });
    const full = previewBook(b, c, { traces: 'none' });
    const sums = previewBook(b, c, { detail: 'cases' });
    expect(sums.cases.every((x) => x.years === undefined)).toBe(true);
    const { cases: fullCases, ...fullRest } = full;
    const { cases: sumCases, ...sumRest } = sums;
    expect(sumRest).toEqual(fullRest);
    expect(sumCases).toEqual(fullCases.map(({ years: _years, ...rest }) => rest));

    const changed = fullCases.find((x) => x.deltaFen !== 0)!;
    const opened = previewCase(b, c, changed.caseId);
    if (!opened.found) throw new Error(`not found: ${opened.reason}`);
    const { years, ...sumsOfCase } = opened.case;
    expect(sumsOfCase).toEqual(sumCases.find((x) => x.caseId === changed.caseId));
    expect(years!.map((y) => y.deltaFen)).toEqual(changed.years!.map((y) => y.deltaFen));
    for (const y of years!) {
      expect(y.own!.trace!.length).toBeGreaterThan(0);
      expect(y.candidate!.trace!.length).toBeGreaterThan(0);
    }
    expect(previewCase(b, c, 'no-such-case')).toEqual({ found: false, reason: 'not-in-book' });
  });

  it('a book file names its bad field', () => {
    const parsed = parseBook({ ...book([key('x', 1)]), cases: [{ ...key('x', 1), figures: [{ supportYear: 1, source: 'guess', facts: {} }] }] });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field)).toContain('cases[0].figures[0].source');
  });
});
