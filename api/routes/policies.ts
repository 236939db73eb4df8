// Policy versions: the published ones with their adoption, the record of an adoption,
// and the preview of a candidate version against the live book (nothing stored
// changes: the book is read, the rules compute, the answer goes back).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../domain/vocabulary.js';
import { listPolicyVersions, parseCandidate, policyPatchSchema, previewBook, previewCase, previewRows } from '../../rules/index.js';
import type { Candidate, PreviewResult, PreviewRow } from '../../rules/index.js';
import { anyUser, only } from '../access.js';
import { actorOf } from '../auth.js';
import { toCsv, yuan } from '../csv.js';
import { casePreviewResultSchema, previewResultSchema } from '../preview-schema.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { loadBook } from '../repositories/book.js';
import { findPolicyAdoption, listPolicyAdoptions, recordPolicyAdoption } from '../repositories/policy-adoptions.js';
import type { PolicyAdoptionRow } from '../repositories/policy-adoptions.js';
import { toXlsx, XLSX_TYPE } from '../xlsx.js';

const isoDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

const adoptionView = z.object({
  policyVersion: z.string(),
  adoptedBy: z.string(),
  documentNumber: z.string(),
  decisionDate: z.string(),
  effectiveFrom: z.string(),
  note: z.string().nullable(),
  recordedAt: z.string(),
});
const toAdoptionView = (r: PolicyAdoptionRow): z.infer<typeof adoptionView> => ({ ...r, recordedAt: r.recordedAt.toISOString() });

export const versionView = z.object({
  id: z.string(),
  effectiveFrom: z.string(),
  basedOn: z.string().nullable(),
  titleZh: z.string(),
  titleEn: z.string(),
  note: z.string(),
  adoption: adoptionView.nullable().describe('null until its adoption is recorded (POST /policies/{version}/adoption)'),
});

const newAdoption = z.strictObject({
  documentNumber: z.string().trim().min(1).max(100).describe('the decision’s document number (文号)'),
  decisionDate: isoDate.describe('the day the decision was taken'),
  effectiveFrom: isoDate.describe('must be the version’s own effective date: cases choose their version by it'),
  note: z.string().trim().min(1).max(2000).optional().describe('recorded with the adoption and in the audit log'),
});

const previewQuery = z.object({
  traces: z.enum(['changed', 'all', 'none']).default('changed').describe('which years carry both traces: those whose amount changes (default), all, none'),
  detail: z
    .enum(['years', 'cases'])
    .default('years')
    .describe('years (default): each case with its support years and components; cases: each case’s sums only, the answer fast enough for a large book (open one case with POST /policies/preview/cases/{caseId})'),
});
const caseDetailQuery = z.object({
  traces: z.enum(['changed', 'all', 'none']).default('all').describe('which years carry both traces: all (default), those whose amount changes, none'),
});

const csvResponse = { description: 'The per-case table: one row per case, support year and component (CSV, UTF-8 with BOM)', content: { 'text/csv': { schema: z.string() } } };
const xlsxResponse = { description: 'The per-case table as an Excel workbook', content: { [XLSX_TYPE]: { schema: z.string().meta({ format: 'binary' }) } } };

const PREVIEWERS = [Role.Committee, Role.Supervisor, Role.Ops];

const TABLE_HEADERS = ['案件编号 case', '项目 program', '企业 enterprise', '类别 kind', '申报日 submitted', '现行版本 own version', '适用候选 applies', '原因 touch', '支持年度 support year', '预算年度 budget year', '数据来源 figures', '款项 component', '原版本（元）own (yuan)', '候选版本（元）candidate (yuan)', '差额（元）delta (yuan)', '采纳后差额（元）effective delta (yuan)'];
const tableCells = (r: PreviewRow): (string | number | null)[] => [r.caseId, r.program, r.enterpriseId, r.kind, r.submittedOn, r.ownVersion, r.applies, r.touch, r.supportYear, r.budgetYear, r.figuresFrom, r.component, yuan(r.ownFen as number | null), yuan(r.candidateFen as number | null), yuan(r.deltaFen as number), yuan(r.effectiveDeltaFen as number)];

function badPatch(errors: { field: string; message: string }[]): HttpProblem {
  const named = errors.map((e) => ({ field: `body.${e.field}`, message: e.message }));
  return new HttpProblem(400, named.map((e) => `${e.field}: ${e.message}`).join('; '), named);
}

export const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/policies',
    {
      config: anyUser,
      schema: {
        summary: 'The published policy versions, oldest first, each with its adoption',
        tags: ['policies'],
        response: { 200: z.object({ versions: z.array(versionView) }), ...problemResponses },
      },
    },
    async () => {
      const adoptions = new Map((await listPolicyAdoptions(db)).map((a) => [a.policyVersion, a]));
      return {
        versions: listPolicyVersions().map((v) => {
          const adoption = adoptions.get(v.id);
          return { id: v.id, effectiveFrom: v.effectiveFrom, basedOn: v.basedOn, titleZh: v.titleZh, titleEn: v.titleEn, note: v.note, adoption: adoption ? toAdoptionView(adoption) : null };
        }),
      };
    },
  );

  app.post(
    '/policies/:version/adoption',
    {
      config: only(Role.Admin, Role.Committee),
      schema: {
        summary: 'Record the adoption of a published version: who, the decision’s document number and date, its effective date (admin, committee)',
        description:
          'Versions are published as code (rules/policy/versions/); this records the decision that adopted one, once. 404 for a version not published; 409 when its adoption is already recorded; 422 naming body.effectiveFrom when it is not the version’s own effective date. Cases keep the version they were submitted under.',
        tags: ['policies'],
        params: z.object({ version: z.string().min(1).max(63) }),
        body: newAdoption,
        response: { 201: adoptionView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const version = listPolicyVersions().find((v) => v.id === request.params.version);
      if (!version) throw new HttpProblem(404, `no published policy version ${request.params.version}`);
      const { effectiveFrom } = request.body;
      if (effectiveFrom !== version.effectiveFrom) {
        const message = `${version.id} takes effect on ${version.effectiveFrom} (its published data); an adoption cannot give it another date`;
        throw new HttpProblem(422, message, [{ field: 'body.effectiveFrom', message }]);
      }
      const row = await recordPolicyAdoption(db, { policyVersion: version.id, adoptedBy: actorOf(request).userId, ...request.body });
      if (!row) {
        const existing = await findPolicyAdoption(db, version.id);
        throw new HttpProblem(409, `the adoption of ${version.id} is already recorded${existing ? ` (${existing.documentNumber}, by ${existing.adoptedBy})` : ''}`);
      }
      return reply.code(201).header('location', '/policies').send(toAdoptionView(row));
    },
  );

  /** Validates the candidate (400 naming the field). */
  function candidateOf(body: unknown): Candidate {
    const parsed = parseCandidate(body ?? {});
    if (!parsed.ok) throw badPatch(parsed.errors);
    return parsed.candidate;
  }
  const today = () => app.deps.now().toISOString().slice(0, 10);

  /** Previews the candidate on the book read now. */
  async function runPreview(body: unknown, traces: 'changed' | 'all' | 'none', detail: 'years' | 'cases' = 'years'): Promise<PreviewResult> {
    const candidate = candidateOf(body);
    return previewBook(await loadBook(db, { asOf: today() }), candidate, { traces, detail });
  }

  const previewSchema = {
    tags: ['policies'],
    // Validated by the rules module (parseCandidate), so the fields named match the CLI's.
    body: policyPatchSchema,
    querystring: previewQuery,
  };
  const previewDescription =
    'The body is a candidate version: a patch in the form of rules/policy/versions/*.ts (id, effectiveFrom, basedOn, titles, note, readings, programs with component overrides by name). Every running case’s undecided support years are computed under its own version and under the candidate, on the latest figures the case holds (last year’s where this year’s are not reported). A case is touched only if the candidate would be the version in force on its submission day (touchRule); the others keep their amounts. Nothing is stored. 400 names each bad field of the patch.';

  app.post(
    '/policies/preview',
    {
      config: only(...PREVIEWERS),
      attachValidation: true,
      schema: { ...previewSchema, summary: 'What a candidate policy version would do to every running case (committee, supervisor, ops)', description: previewDescription, response: { 200: previewResultSchema, ...problemResponses } },
    },
    async (request) => {
      if (request.validationError && request.validationError.validationContext !== 'body') throw request.validationError;
      return runPreview(request.body, request.query.traces, request.query.detail);
    },
  );

  app.post(
    '/policies/preview/cases/:caseId',
    {
      config: only(...PREVIEWERS),
      attachValidation: true,
      schema: {
        tags: ['policies'],
        body: policyPatchSchema,
        params: z.object({ caseId: z.string().min(1).max(200) }),
        querystring: caseDetailQuery,
        summary: 'One running case under a candidate: each undecided support year per component, with both traces (committee, supervisor, ops)',
        description: `${previewDescription} 404 when the case is not running (not in the book); 409 when every support year is decided already; 422 naming the field when the book cannot describe the case to the rules.`,
        response: { 200: casePreviewResultSchema, ...problemResponses },
      },
    },
    async (request) => {
      if (request.validationError && request.validationError.validationContext !== 'body') throw request.validationError;
      const candidate = candidateOf(request.body);
      const { caseId } = request.params;
      const detail = previewCase(await loadBook(db, { asOf: today(), caseId }), candidate, caseId, { traces: request.query.traces });
      if (detail.found) return { candidate: detail.candidate, case: detail.case };
      if (detail.reason === 'not-in-book') throw new HttpProblem(404, `case ${caseId} is not running: a preview covers running cases only`);
      if (detail.reason === 'fully-decided') throw new HttpProblem(409, `every support year of case ${caseId} is decided: no version changes it now`);
      throw new HttpProblem(422, `case ${caseId}: ${detail.field} ${detail.message}`, [{ field: detail.field, message: detail.message }]);
    },
  );

  app.post(
    '/policies/preview.csv',
    {
      config: only(...PREVIEWERS),
      attachValidation: true,
      schema: { ...previewSchema, summary: 'The preview’s per-case table as CSV', description: previewDescription, response: { 200: csvResponse, ...problemResponses } },
    },
    async (request, reply) => {
      if (request.validationError && request.validationError.validationContext !== 'body') throw request.validationError;
      const preview = await runPreview(request.body, 'none');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="preview-${preview.candidate.id}.csv"`)
        .send(toCsv(TABLE_HEADERS, previewRows(preview).map(tableCells)));
    },
  );

  app.post(
    '/policies/preview.xlsx',
    {
      config: only(...PREVIEWERS),
      attachValidation: true,
      schema: { ...previewSchema, summary: 'The preview’s per-case table as an Excel workbook', description: previewDescription, response: { 200: xlsxResponse, ...problemResponses } },
    },
    async (request, reply) => {
      if (request.validationError && request.validationError.validationContext !== 'body') throw request.validationError;
      const preview = await runPreview(request.body, 'none');
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="preview-${preview.candidate.id}.xlsx"`)
        // A Buffer is sent as it is (Fastify serializes only objects); the schema documents it as a binary string.
        .send((await toXlsx('preview', TABLE_HEADERS, previewRows(preview).map(tableCells))) as unknown as string);
    },
  );
};
