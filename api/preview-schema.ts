// The response of POST /policies/preview: the zod twin of rules/preview/result.ts (a
// compile-time check below keeps them one shape), so the OpenAPI document and the
// workspace's types come from here.
import { z } from 'zod';
import { COMPONENT_NAMES, PROGRAM_CODES } from '../rules/index.js';
import type { PreviewResult } from '../rules/index.js';
import { traceStep } from './evaluation-schema.js';

const fen = z.number().int();
const touchCode = z.enum(['applies', 'submitted-before-effective', 'later-version-in-force']);
const change = z.enum(['gain', 'lose', 'stay']);
const bilingual = z.object({ en: z.string(), zh: z.string() });

const side = z.object({
  eligible: z.boolean(),
  amountFen: fen,
  components: z.array(
    z.object({
      name: z.enum(COMPONENT_NAMES),
      amountFen: fen,
      capped: z.boolean(),
      claimed: z.boolean(),
      costCategory: z.string(),
      computedFen: fen.describe('before the cap'),
      capFen: fen.nullable(),
      beforeOverlapFen: fen.describe('after the cap, before 第十三条 sets earlier awards against it'),
    }),
  ),
  reasons: z.array(z.object({ code: z.string(), article: z.string() })),
  trace: z.array(traceStep).optional().describe('with ?traces=all, or where the year’s amount changes (the default)'),
});

const yearPreview = z.object({
  supportYear: z.number().int(),
  budgetYear: z.number().int().describe('noticeYear + supportYear − 1'),
  figures: z
    .object({
      source: z.enum(['verified-report', 'submitted-report', 'application']),
      fromSupportYear: z.number().int().describe('earlier than supportYear when this year is not reported yet'),
      assumed: z.array(z.string()).readonly().describe('facts assumed for a projected year (A4’s model iteration)'),
    })
    .nullable(),
  own: side.nullable(),
  candidate: side.nullable().describe('as if the candidate were the case’s version'),
  deltaFen: fen,
  errors: z.array(z.object({ side: z.enum(['own', 'candidate']), field: z.string(), message: z.string() })),
});

const casePreview = z.object({
  caseId: z.string(),
  program: z.enum(PROGRAM_CODES),
  enterpriseId: z.string(),
  kind: z.enum(['application', 'award']),
  submittedOn: z.string(),
  noticeYear: z.number().int(),
  ownVersion: z.string(),
  applies: z.boolean().describe('would the candidate become the case’s version (touchRule)'),
  touch: z.object({ code: touchCode, versionIfAdopted: z.string() }),
  programChanged: z.boolean(),
  ownFen: fen,
  candidateFen: fen,
  deltaFen: fen.describe('candidate − own, as if applied'),
  effectiveDeltaFen: fen.describe('what adoption changes: deltaFen where it applies, else 0'),
  change,
  changeIfApplied: change,
  years: z.array(yearPreview).optional().describe('each undecided support year; absent with ?detail=cases'),
});

const counts = z.object({ gain: z.number().int(), lose: z.number().int(), stay: z.number().int() });

export const previewResultSchema = z.object({
  candidate: z.object({
    id: z.string(),
    basedOn: z.string(),
    effectiveFrom: z.string(),
    titleZh: z.string(),
    titleEn: z.string(),
    note: z.string(),
    changes: z.array(z.object({ path: z.string(), from: z.unknown(), to: z.unknown() })),
  }),
  asOf: z.string(),
  touchRule: bilingual,
  touchReasons: z.object({ applies: bilingual, 'submitted-before-effective': bilingual, 'later-version-in-force': bilingual }),
  book: z.object({
    cases: z.number().int(),
    applications: z.number().int(),
    awards: z.number().int(),
    fullyDecided: z.number().int(),
    supportYears: z.number().int(),
    evaluations: z.number().int(),
    touched: z.number().int(),
    notTouched: z.partialRecord(touchCode, z.number().int()),
  }),
  totals: z.array(
    z.object({
      program: z.enum(PROGRAM_CODES),
      budgetYear: z.number().int(),
      budgetFen: fen.nullable(),
      reservedFen: fen,
      ownFen: fen,
      candidateFen: fen.describe('after adoption: the candidate where it applies, the own version elsewhere'),
      ifAppliedFen: fen.describe('the candidate for every case'),
      leftAfterCandidateFen: fen.nullable(),
      leftAfterOwnFen: fen.nullable(),
      cases: z.number().int(),
    }),
  ),
  counts,
  countsIfApplied: counts,
  largestChanges: z.array(z.object({ caseId: z.string(), program: z.enum(PROGRAM_CODES), applies: z.boolean(), ownFen: fen, candidateFen: fen, deltaFen: fen, effectiveDeltaFen: fen })),
  cases: z.array(casePreview),
  caseErrors: z.array(z.object({ caseId: z.string(), field: z.string(), message: z.string() })),
});
export type PreviewView = z.infer<typeof previewResultSchema>;

/** POST /policies/preview/cases/{caseId}: one case opened, with its years and traces. */
export const casePreviewResultSchema = z.object({ candidate: previewResultSchema.shape.candidate, case: casePreview });
export type CasePreviewView = z.infer<typeof casePreviewResultSchema>;

// The rules' result must serialise through this schema unchanged.
const _sameShape = (x: PreviewResult): PreviewView => x;
void _sameShape;
