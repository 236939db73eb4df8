// Exports for Excel: the year's payments for finance, and the approved list for the
// public notice (公示). CSV, UTF-8 with BOM, Chinese headers.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { articleZh, isProgramCode, programDefinition, policyVersionInForce } from '../../rules/index.js';
import { Role } from '../../domain/vocabulary.js';
import { only } from '../access.js';
import { toCsv, yuan } from '../csv.js';
import { problemResponses } from '../problem.js';
import { assessmentsOfNoticeYear } from '../repositories/assessments.js';
import { approvalsForNotice, paymentsForExport, recoveriesForExport } from '../repositories/money.js';
import { toXlsx, XLSX_TYPE } from '../xlsx.js';
import type { EvaluationResult } from '../../rules/index.js';

const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2999) });
const csvResponse = { description: 'CSV, UTF-8 with BOM', content: { 'text/csv': { schema: z.string() } } };

const PAYMENT_STATUS_ZH: Record<string, string> = { instructed: '已下达', paid: '已支付', failed: '支付失败', cancelled: '已取消' };
const RECOVERY_STATUS_ZH: Record<string, string> = { open: '待追回', repaid: '已追回' };
const PAYMENT_HEADERS = ['付款编号', '案件编号', '项目代码', '项目名称', '企业编号', '企业名称', '支持年度', '款项', '金额（元）', '状态', '尝试次数', '银行流水号', '结算时间', '追回金额（元）', '追回状态', '退款流水号'];
const xlsxResponse = { description: 'Excel workbook (Office Open XML)', content: { [XLSX_TYPE]: { schema: z.string().meta({ format: 'binary' }) } } };

function programTitleZh(code: string, year: number): string {
  if (!isProgramCode(code)) return code;
  try {
    return programDefinition(policyVersionInForce(`${year}-12-31`).id, code).titleZh;
  } catch {
    return code;
  }
}

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The payments of a budget year as rows, with what was recovered of each (追回). */
  async function paymentRows(year: number): Promise<(string | number | null)[][]> {
    const [rows, recovered] = await Promise.all([paymentsForExport(app.deps.db, year), recoveriesForExport(app.deps.db, year)]);
    const recoveryOf = new Map(recovered.map((r) => [`${r.caseId}|${r.supportYear}|${r.component}`, r]));
    return rows.map((r) => {
      const recovery = recoveryOf.get(`${r.caseId}|${r.supportYear}|${r.component}`);
      return [
        r.paymentKey,
        r.caseId,
        r.program,
        programTitleZh(r.program, year),
        r.enterpriseId,
        r.enterpriseName,
        r.supportYear,
        r.component,
        yuan(r.amountFen),
        PAYMENT_STATUS_ZH[r.status] ?? r.status,
        r.attempts,
        r.reference,
        r.settledAt?.toISOString() ?? '',
        recovery ? yuan(recovery.amountFen) : '',
        recovery ? (RECOVERY_STATUS_ZH[recovery.status] ?? recovery.status) : '',
        recovery?.reference ?? '',
      ];
    });
  }

  const paymentsDescription =
    'The year is the budget year, as GET /ops/totals counts paid money: a later support year’s payments fall in that year, a deferred approval’s in the next. Each row also shows what was recovered of that payment (追回) when its award was revoked.';

  app.get(
    '/exports/payments.csv',
    {
      config: only(Role.Finance),
      schema: { summary: 'Payment instructions drawing on a year’s budget, with recoveries, for finance (CSV)', description: paymentsDescription, tags: ['exports'], querystring: yearQuery, response: { 200: csvResponse, ...problemResponses } },
    },
    async (request, reply) => {
      const { year } = request.query;
      const csv = toCsv(PAYMENT_HEADERS, await paymentRows(year));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="payments-${year}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/exports/payments.xlsx',
    {
      config: only(Role.Finance),
      schema: { summary: 'The same payments as an Excel workbook (XLSX, exceljs)', description: paymentsDescription, tags: ['exports'], querystring: yearQuery, response: { 200: xlsxResponse, ...problemResponses } },
    },
    async (request, reply) => {
      const { year } = request.query;
      const workbook = await toXlsx(`${year}年度拨付`, PAYMENT_HEADERS, await paymentRows(year));
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="payments-${year}.xlsx"`)
        // A Buffer is sent as it is (Fastify serializes only objects); the schema documents it as a binary string.
        .send(workbook as unknown as string);
    },
  );

  app.get(
    '/exports/public-notice.csv',
    {
      config: only(Role.Officer, Role.Ops),
      schema: {
        summary: 'Approvals decided in a year, for its public notice 公示 (officer, ops; CSV)',
        description: 'One row per case and support year: a multi-year award is listed again in each later year with that year’s amount. Rejected and withdrawn cases are left out.',
        tags: ['exports'],
        querystring: yearQuery,
        response: { 200: csvResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { year } = request.query;
      const rows = await approvalsForNotice(app.deps.db, year);
      const csv = toCsv(
        ['序号', '企业名称', '支持项目', '政策条款', '案件编号', '支持年度', '拟支持金额（元）'],
        rows.map((r, i) => [
          i + 1,
          r.enterpriseName ?? r.enterpriseId,
          programTitleZh(r.program, year),
          isProgramCode(r.program) ? articleZh(programDefinition(r.policyVersion, r.program).article) : '',
          r.caseId,
          r.supportYear,
          yuan(r.amountFen),
        ]),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="public-notice-${year}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/exports/assessments.csv',
    {
      config: only(Role.Officer, Role.Committee, Role.Supervisor, Role.Ops),
      schema: {
        summary: 'The rules’ assessment of each case and support year under a year’s notice, with its explanation (officer, committee, supervisor, ops; CSV)',
        description: 'Amount per component, 从优不重复 overlaps, the more favourable alternative, and the calculation trace by article in Chinese.',
        tags: ['exports'],
        querystring: yearQuery,
        response: { 200: csvResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { year } = request.query;
      const rows = await assessmentsOfNoticeYear(app.deps.db, year);
      const csv = toCsv(
        ['案件编号', '企业编号', '项目代码', '政策版本', '支持年度', '是否符合', '核定金额（元）', '分项（元）', '从优不重复', '更优选项', '计算过程'],
        rows.map((r) => {
          const result = r.result as EvaluationResult;
          return [
            r.caseId,
            r.enterpriseId,
            r.program,
            r.policyVersion,
            r.supportYear,
            r.eligible ? '是' : '否',
            yuan(r.amountFen),
            result.components.map((c) => `${c.name} ${yuan(c.amountFen)}`).join('；'),
            result.overlaps.map((o) => `${o.component}/${o.costCategory} ${o.policy ?? o.program ?? ''} ${o.stands} ${yuan(o.payableFen)}`).join('；'),
            result.alternatives.map((a) => `${a.program} ${yuan(a.amountFen)}`).join('；'),
            result.trace.map((t, i) => `${i + 1}. [${t.article}] ${t.textZh}`).join('\n'),
          ];
        }),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="assessments-${year}.csv"`)
        .send(csv);
    },
  );
};
