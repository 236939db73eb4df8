// The program catalogue (办事指南): each program of a policy version as an enterprise
// reads it before applying — its article, the evidence checklist, the facts to state
// (with units) in the application and in each yearly report, how the amount is
// computed and capped, the support years, and how it is evaluated. Built from the
// policy data alone, so the guide and the checks the API applies cannot disagree.
import { z } from 'zod';
import {
  articleZh,
  COMPONENT_LABELS,
  criterionNameEn,
  EVALUATION_LABELS,
  EVIDENCE_LABELS,
  FACT_LABELS,
  ownFacts,
  PROGRAM_CODES,
  QUALIFICATION_LABELS,
  SPECIALTY_LABELS,
} from '../rules/index.js';
import type { ComponentRule, FactName, Label, PolicyVersion, ProgramDefinition } from '../rules/index.js';

const label = z.object({ zh: z.string(), en: z.string() });
const coded = z.object({ code: z.string(), name: label });

const factView = z.object({
  fact: z.string(),
  name: label,
  unit: z.enum(['fen', 'm2', 'months', 'boolean']).describe('fen: integer fen (1 yuan = 100 fen); m2: square metres, two decimals; months: whole months 0..12; boolean: yes or no'),
});

const factSet = z.object({
  required: z.array(factView).describe('must be stated, else the API answers 400 naming the fact'),
  optional: z.array(factView).describe('may be stated; read by the rules when given'),
  atLeastOneOf: z.array(z.string()).describe('facts of which at least one must be stated (a program whose components are all optional); empty when none'),
});

const componentView = z.object({
  component: z.string(),
  name: label,
  kind: z.enum(['ratio', 'area-rent', 'actual-capped', 'fixed-yearly', 'decided']),
  baseFact: z.string().nullable().describe('the fact the amount is a share of, when it is one'),
  ratioPercent: z.number().nullable().describe('share of the base fact, in percent (ratio)'),
  ratioIsMaximum: z.boolean().nullable().describe('true where the text says 不超过: the committee may award less'),
  levelRatioPercent: z.object({ national: z.number(), provincial: z.number() }).nullable().describe('area-rent: share of the rent by platform level'),
  areaCapM2: z.number().nullable().describe('area-rent: rent is supported for at most this floor area'),
  capFen: z.number().int().nullable().describe('the most this component pays a support year (null: no cap)'),
  fixedAmountFen: z.number().int().nullable().describe('fixed-yearly: the amount of a full year'),
  prorated: z.boolean().describe('fixed-yearly: prorated by months operated'),
  costCategory: z.string().describe('what 第十三条 compares with other awards for the same costs'),
});

export const programGuide = z.object({
  program: z.enum(PROGRAM_CODES),
  article: z.number().int(),
  articleName: label.describe('e.g. 第六条 / Article 6'),
  title: label,
  policyVersion: z.string(),
  qualifications: z.array(coded).describe('the applicant must hold at least one (empty: none beyond registration in the district, 第二条)'),
  levels: z.object({ national: coded, provincial: coded }).nullable().describe('A6: which recognition gives which rent level'),
  evidence: z.array(z.object({ kind: z.string(), name: label })).describe('the checklist: one item per kind with the application'),
  applicationFacts: factSet,
  yearlyReportFacts: factSet.nullable().describe('support years after the first: the facts each yearly report states (null for one-off programs)'),
  committeeDecidesAmount: z.boolean().describe('the amount is set by the committee (议定), up to the cap; not stated by the applicant'),
  districtResolution: z.boolean().describe('the amount and term follow a district resolution (一事一议)'),
  components: z.array(componentView).describe('how the amount is computed, component by component, with its cap'),
  capScope: z.enum(['per-year', 'whole-award']),
  supportYears: z.object({
    years: z.number().int().describe('1: one-off'),
    setByResolution: z.boolean(),
    consecutive: z.boolean().describe('a missed or failed year ends the award (or skips it, per policy)'),
    continuationFact: z.string().nullable().describe('a fact that must hold for each later year (A4: the model was iterated)'),
  }),
  oncePerEnterprise: z.boolean(),
  alternatives: z.array(z.string()).describe('programs compared under 第十三条 (the more favourable stands)'),
  evaluation: z.object({
    mode: z.enum(['experts', 'audit', 'experts-and-audit', 'none']),
    name: label,
    expertsDrawn: z.boolean(),
    specialty: coded.nullable().describe('the expert pool a panel is drawn from, when experts are drawn'),
    criteria: z.array(z.object({ criterion: z.string(), name: label, maxPoints: z.number().int() })),
    passMark: z.number().nullable(),
  }),
});
export type ProgramGuide = z.infer<typeof programGuide>;

export const programCatalogue = z.object({
  asOf: z.string().describe('the date (Beijing) the version in force was chosen for: today unless `on` was given; its year is the annual notice applications go under'),
  policyVersion: z.string(),
  effectiveFrom: z.string(),
  title: label,
  programs: z.array(programGuide),
});

const nameOf = (table: Record<string, Label>, code: string): Label => table[code] ?? { zh: code, en: code };

/** The committee's decided amount is never the applicant's to state. */
const stated = (facts: Iterable<FactName>) => [...facts].filter((f) => f !== 'decidedAmountFen');
const factOf = (fact: FactName) => ({ fact, name: { zh: FACT_LABELS[fact].zh, en: FACT_LABELS[fact].en }, unit: FACT_LABELS[fact].unit });

function factSetOf(def: ProgramDefinition, later: boolean) {
  const required = new Set(stated(later ? [...def.reportFacts.laterYears, ...def.requiredFacts.laterYears] : [...def.reportFacts.firstYear, ...def.requiredFacts.firstYear]));
  for (const rule of def.components) if (rule.kind === 'fixed-yearly' && rule.prorate) required.add(rule.monthsFact);
  if (later && def.continuationFact) required.add(def.continuationFact);
  const optional = stated(ownFacts(def)).filter((f) => !required.has(f) && (later || f !== def.continuationFact));
  const optionalComponents = def.components.filter((c): c is Extract<ComponentRule, { optional: boolean }> => 'optional' in c && c.optional);
  const atLeastOneOf = optionalComponents.length > 0 && optionalComponents.length === def.components.length ? optionalComponents.map((c) => c.baseFact) : [];
  return { required: [...required].map(factOf), optional: optional.map(factOf), atLeastOneOf };
}

function componentOf(rule: ComponentRule) {
  return {
    component: rule.name,
    name: nameOf(COMPONENT_LABELS, rule.name),
    kind: rule.kind,
    baseFact: 'baseFact' in rule ? rule.baseFact : null,
    ratioPercent: rule.kind === 'ratio' ? rule.ratioBp / 100 : null,
    ratioIsMaximum: rule.kind === 'ratio' ? rule.ratioIsMaximum : null,
    levelRatioPercent: rule.kind === 'area-rent' ? { national: rule.levelRatioBp.national / 100, provincial: rule.levelRatioBp.provincial / 100 } : null,
    areaCapM2: rule.kind === 'area-rent' ? rule.areaCapM2 : null,
    capFen: rule.kind === 'fixed-yearly' ? rule.amountFen : rule.capFen,
    fixedAmountFen: rule.kind === 'fixed-yearly' ? rule.amountFen : null,
    prorated: rule.kind === 'fixed-yearly' && rule.prorate,
    costCategory: rule.costCategory,
  };
}

export function guideOf(version: PolicyVersion, def: ProgramDefinition): ProgramGuide {
  const multiYear = def.years > 1 || def.yearsSetByResolution;
  const expertsDrawn = def.evaluation === 'experts' || def.evaluation === 'experts-and-audit';
  const qualification = (code: string) => ({ code, name: nameOf(QUALIFICATION_LABELS, code) });
  return {
    program: def.code,
    article: def.article,
    articleName: { zh: articleZh(def.article), en: `Article ${def.article}` },
    title: { zh: def.titleZh, en: def.titleEn },
    policyVersion: version.id,
    qualifications: def.qualificationsAnyOf.map(qualification),
    levels: def.levels ? { national: qualification(def.levels.national), provincial: qualification(def.levels.provincial) } : null,
    evidence: def.evidence.map((kind) => ({ kind, name: nameOf(EVIDENCE_LABELS, kind) })),
    applicationFacts: factSetOf(def, false),
    yearlyReportFacts: multiYear ? factSetOf(def, true) : null,
    committeeDecidesAmount: def.decidedAmount,
    districtResolution: def.districtResolution,
    components: def.components.map(componentOf),
    capScope: def.capScope,
    supportYears: { years: def.years, setByResolution: def.yearsSetByResolution, consecutive: def.consecutive, continuationFact: def.continuationFact },
    oncePerEnterprise: def.oncePerEnterprise,
    alternatives: [...def.alternatives],
    evaluation: {
      mode: def.evaluation,
      name: EVALUATION_LABELS[def.evaluation],
      expertsDrawn,
      specialty: expertsDrawn ? { code: def.expertSpecialty, name: nameOf(SPECIALTY_LABELS, def.expertSpecialty) } : null,
      criteria: def.criteria.map((c) => ({ criterion: c.name, name: { zh: c.nameZh, en: criterionNameEn(c.name) }, maxPoints: c.maxPoints })),
      passMark: def.passMark,
    },
  };
}

export function catalogueOf(version: PolicyVersion, asOf: string): z.infer<typeof programCatalogue> {
  return {
    asOf,
    policyVersion: version.id,
    effectiveFrom: version.effectiveFrom,
    title: { zh: version.titleZh, en: version.titleEn },
    programs: PROGRAM_CODES.map((code) => guideOf(version, version.programs[code])),
  };
}
