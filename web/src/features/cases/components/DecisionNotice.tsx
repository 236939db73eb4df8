// 决定书: the decision notice of one support year, laid out for printing on A4: to
// whom, under which articles of the measures, how much per component, on the budget of
// which year, decided on which date. The workspace's header and the print button are
// left off the paper.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Spin, Typography } from 'antd';
import { useParams } from '../../../lib/router';
import { formatDate } from '../../../lib/dates';
import { articleName } from '../../../lib/domain-terms';
import { useI18n, useMessages } from '../../../lib/i18n';
import { fenToYuan } from '../../../lib/money';
import { caseQuery } from '../../tasks/api/tasks';
import { caseMessages } from '../messages';

const PRINT_CSS = `
@page { size: A4; margin: 20mm 18mm; }
@media print {
  header, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content, body { background: #fff !important; padding: 0 !important; }
  .decision-notice { padding: 0 !important; max-width: none !important; box-shadow: none !important; }
  .decision-notice table { page-break-inside: avoid; }
}
.decision-notice table { width: 100%; border-collapse: collapse; margin: 16px 0; }
.decision-notice th, .decision-notice td { border: 1px solid #bbb; padding: 6px 10px; text-align: left; }
.decision-notice td.amount, .decision-notice th.amount { text-align: right; }
`;

export function DecisionNotice() {
  const { caseId = '', supportYear = '1' } = useParams();
  const { t, term, lang } = useI18n();
  const m = useMessages(caseMessages);
  const theCase = useQuery(caseQuery(caseId));
  if (theCase.isPending) return <Spin />;
  const c = theCase.data;
  const year = Number(supportYear);
  const approval = c?.approvals?.find((a) => a.supportYear === year && a.status === 'reserved');
  if (!c || !approval) return <Alert type="warning" title={t('notFound')} />;
  const components = (c.payments ?? []).filter((p) => p.supportYear === year && p.status !== 'cancelled');
  const assessment = c.assessments?.find((a) => a.supportYear === year);
  const program = assessment?.result.title ?? (c.measure ? { zh: c.measure.titleZh, en: c.measure.titleEn } : undefined);
  // The articles the year's amount rests on, in the order the rules applied them.
  const articles = [...new Set([assessment?.result.article ?? (c.measure ? (lang === 'zh' ? `第${c.measure.article}条` : `Art. ${c.measure.article}`) : ''), ...(assessment?.result.trace.map((s) => s.article) ?? [])].filter(Boolean))].map((a) => articleName(a, lang));
  const enterprise = c.enterpriseName ?? c.enterpriseId;
  const amount = fenToYuan(approval.amountFen);
  return (
    <article className="decision-notice" aria-labelledby="notice-title" style={{ maxWidth: 760, margin: '0 auto', background: '#fff', padding: 48 }}>
      <style>{PRINT_CSS}</style>
      <Typography.Title level={1} id="notice-title" style={{ textAlign: 'center', fontSize: 24 }}>
        {m.noticeTitle}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }}>
        {c.caseId} · {t('supportYear')} {year}
      </Typography.Paragraph>
      <Typography.Paragraph data-testid="notice-body">
        {lang === 'zh'
          ? `${enterprise}：根据《${m.measures}》（政策版本 ${c.policyVersion}）${articles.join('、')}，你单位申报的${program?.zh ?? term(c.program)}项目经形式审查、评审、管委会审议并公示无异议，决定给予第 ${year} 扶持年度资金 ${amount}，列入 ${approval.budgetYear} 年度预算。`
          : `${enterprise}: under ${articles.join(', ')} of the ${m.measures} (policy version ${c.policyVersion}), your application for ${program?.en ?? term(c.program)}, having passed formal review, evaluation, the committee's decision and the public notice, is awarded ${amount} for support year ${year}, drawn on the ${approval.budgetYear} budget.`}
      </Typography.Paragraph>
      <table data-testid="notice-components">
        <caption style={{ textAlign: 'left', fontWeight: 600 }}>{m.components}</caption>
        <thead>
          <tr>
            <th scope="col">{t('component')}</th>
            <th scope="col" className="amount">{t('amount')}</th>
            <th scope="col">{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {components.map((p) => (
            <tr key={p.paymentKey}>
              <td>{term(p.component)}</td>
              <td className="amount">{fenToYuan(p.amountFen)}</td>
              <td>{term(p.status)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{m.noticeTotal}</th>
            <td className="amount"><strong>{amount}</strong></td>
            <td />
          </tr>
        </tbody>
      </table>
      <Typography.Paragraph>{m.basis}: {articles.join(lang === 'zh' ? '、' : ', ')} · {m.budgetYear}: {approval.budgetYear}</Typography.Paragraph>
      {approval.overBudgetReason && <Typography.Paragraph>{t('reason')}: {approval.overBudgetReason}</Typography.Paragraph>}
      <Typography.Paragraph style={{ textAlign: 'right', marginTop: 48 }}>{m.issuer}</Typography.Paragraph>
      <Typography.Paragraph style={{ textAlign: 'right' }} data-testid="notice-date">
        {t('issuedOn')}: {formatDate(approval.approvedAt)}
      </Typography.Paragraph>
      <Button className="no-print" onClick={() => window.print()}>{t('print')}</Button>
    </article>
  );
}
