// Every code the policy versions use has a name in both languages, and the catalogue
// asks of an applicant exactly what the API's application checks require.
import { describe, expect, it } from 'vitest';
import { contentErrors } from '../../api/application-checks.js';
import { catalogueOf } from '../../api/program-catalogue.js';
import { EVIDENCE_LABELS, listPolicyVersions, PROGRAM_LABELS, SPECIALTY_LABELS } from '../../rules/index.js';

describe('the program catalogue', () => {
  for (const version of listPolicyVersions()) {
    const catalogue = catalogueOf(version, version.effectiveFrom);

    it(`names every evidence kind and specialty of ${version.id} in zh and en`, () => {
      for (const def of Object.values(version.programs)) {
        for (const kind of def.evidence) expect(EVIDENCE_LABELS[kind], kind).toBeDefined();
        expect(SPECIALTY_LABELS[def.expertSpecialty], def.expertSpecialty).toBeDefined();
      }
      for (const guide of catalogue.programs) {
        for (const named of [guide.title, guide.articleName, ...guide.evidence.map((e) => e.name), ...guide.qualifications.map((q) => q.name)]) {
          expect(named.zh).not.toBe('');
          expect(named.en).not.toBe('');
        }
      }
    });

    it(`words every program of ${version.id} as PROGRAM_LABELS does (the one list the API and the workspace read)`, () => {
      for (const def of Object.values(version.programs)) {
        expect({ article: def.article, zh: def.titleZh, en: def.titleEn }, def.code).toEqual(PROGRAM_LABELS[def.code]);
      }
      for (const guide of catalogue.programs) expect(guide.title, guide.program).toEqual({ zh: PROGRAM_LABELS[guide.program].zh, en: PROGRAM_LABELS[guide.program].en });
    });

    it(`under ${version.id}, an application stating the catalogue's required facts (and one of the "at least one") passes the API's checks`, () => {
      for (const guide of catalogue.programs) {
        const facts: Record<string, number | boolean> = {};
        for (const f of guide.applicationFacts.required) facts[f.fact] = f.unit === 'boolean' ? true : f.unit === 'months' ? 12 : 100;
        const evidence = guide.evidence.map((e) => ({ kind: e.kind, reference: 'R-1' }));
        expect(contentErrors(version.id, guide.program, 1, { facts, evidence }), guide.program).toEqual([]);
        if (guide.yearlyReportFacts) {
          const report: Record<string, number | boolean> = {};
          for (const f of guide.yearlyReportFacts.required) report[f.fact] = f.unit === 'boolean' ? true : f.unit === 'months' ? 12 : 100;
          expect(contentErrors(version.id, guide.program, 2, { facts: report }), `${guide.program} year 2`).toEqual([]);
        }
      }
    });
  }
});
