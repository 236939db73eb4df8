// 决定书: the decision notice of one support year, laid out for printing: who, under
// which article of the measures, how much per component, decided on which date.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Spin, Table, Typography } from 'antd';
import { useParams } from '../../../lib/router';
import { formatDate } from '../../../lib/dates';
import { useI18n } from '../../../lib/i18n';
import { fenToYuan } from '../../../lib/money';
import { caseQuery } from '../../tasks/api/tasks';

export function DecisionNotice() {
  const { caseId = '', supportYear = '1' } = useParams();
  const { t, term, lang } = useI18n();
  const theCase = useQuery(caseQuery(caseId));
  if (theCase.isPending) return <Spin />;
  const c = theCase.data;
  const year = Number(supportYear);
  const approval = c?.approvals?.find((a) => a.supportYear === year && a.status === 'reserved');
  if (!c || !approval) return <Alert type="warning" title={t('notFound')} />;
  const components = (c.payments ?? []).filter((p) => p.supportYear === year && p.status !== 'cancelled');
  const measure = c.measure;
  const articleText = measure ? (lang === 'zh' ? `第${measure.article}条（${measure.titleZh}）` : `Article ${measure.article} (${measure.titleEn})`) : c.program;
  return (
    <article className="decision-notice" aria-labelledby="notice-title" style={{ maxWidth: 760, margin: '0 auto', background: '#fff', padding: 48 }}>
      <style>{'@media print { header, .no-print { display: none !important; } .decision-notice { padding: 0 !important; } }'}</style>
      <Typography.Title level={1} id="notice-title" style={{ textAlign: 'center', fontSize: 24 }}>
        {lang === 'zh' ? '扶持资金决定书' : 'Decision notice'}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }}>
        {c.caseId} · {t('supportYear')} {year}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {lang === 'zh'
          ? `${c.enterpriseName ?? c.enterpriseId}：根据《关于支持人工智能大模型产业集群发展的若干措施》${articleText}及政策版本 ${c.policyVersion}，经审查、评审、管委会审议和公示，决定给予你单位第 ${year} 扶持年度资金 ${fenToYuan(approval.amountFen)}，计入 ${approval.budgetYear} 年度预算。`
          : `${c.enterpriseName ?? c.enterpriseId}: under ${articleText} of the Measures for Supporting the AI Large-Model Industry Cluster, policy version ${c.policyVersion}, after review, evaluation, the committee's decision and the public notice, you are awarded ${fenToYuan(approval.amountFen)} for support year ${year}, drawn on the ${approval.budgetYear} budget.`}
      </Typography.Paragraph>
      <Table size="small" pagination={false} rowKey="paymentKey" dataSource={components}
        columns={[
          { title: t('component'), dataIndex: 'component', render: (c: string) => term(c) },
          { title: t('amount'), dataIndex: 'amountFen', render: fenToYuan },
          { title: t('status'), dataIndex: 'status', render: (s: string) => term(s) },
        ]} />
      {approval.overBudgetReason && <Typography.Paragraph>{t('reason')}: {approval.overBudgetReason}</Typography.Paragraph>}
      <Typography.Paragraph style={{ textAlign: 'right', marginTop: 32 }} data-testid="notice-date">
        {t('issuedOn')}: {formatDate(approval.approvedAt)}
      </Typography.Paragraph>
      <Button className="no-print" onClick={() => window.print()}>{t('print')}</Button>
    </article>
  );
}
