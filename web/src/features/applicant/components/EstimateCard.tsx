// The live estimate beside the application form: the amount the rules allow for the
// draft as it stands, component by component, with the trace by article; the facts
// still to fill in; why an applicant is not eligible.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, List, Spin, Table, Typography } from 'antd';
import { ApiProblem } from '../../../lib/api-client';
import { articleName } from '../../../lib/domain-terms';
import { useI18n, useMessages } from '../../../lib/i18n';
import { fenToYuan } from '../../../lib/money';
import type { ProgramGuide } from '../../../lib/api-types';
import { estimateQuery } from '../api/applicant';
import type { ApplicationDraft } from '../api/applicant';
import { messages } from '../messages';
import { useDebounced } from './use-debounced';

export function EstimateCard({ draft, guide }: { draft: ApplicationDraft; guide: ProgramGuide }) {
  const { lang } = useI18n();
  const m = useMessages(messages);
  const settled = useDebounced(draft, 400);
  const estimate = useQuery({ ...estimateQuery(settled, lang), placeholderData: keepPreviousData });
  const factName = (field: string) => {
    const fact = field.replace(/^body\.facts\./, '');
    return [...guide.applicationFacts.required, ...guide.applicationFacts.optional].find((f) => f.fact === fact)?.name[lang] ?? fact;
  };
  const result = estimate.data?.estimate;
  return (
    <Card title={m.estimate} size="small" data-testid="estimate" aria-live="polite" aria-busy={estimate.isFetching}>
      <Typography.Paragraph type="secondary">{m.estimateHint}</Typography.Paragraph>
      {estimate.isPending && <Spin aria-label={m.estimating} />}
      {estimate.error && <Alert type="error" title={estimate.error instanceof ApiProblem ? estimate.error.message : String(estimate.error)} />}
      {estimate.data && estimate.data.missing.length > 0 && (
        <Alert type="info" style={{ marginBottom: 12 }} data-testid="estimate-missing"
          title={`${m.stillMissing}: ${[...new Set(estimate.data.missing.filter((e) => e.field.startsWith('body.facts')).map((e) => factName(e.field)))].join(lang === 'zh' ? '、' : ', ')}`} />
      )}
      {result && (
        <>
          <Typography.Title level={2} style={{ fontSize: 24, margin: '4px 0 12px' }} data-testid="estimate-amount">
            {result.eligible ? fenToYuan(result.decision.decidedAmount ? result.decision.maximumFen : result.amountFen) : m.ineligible}
          </Typography.Title>
          {result.reasons.map((r) => (
            <Alert key={r.code + r.article} type="warning" style={{ marginBottom: 8 }} title={`${articleName(r.article, lang)} ${lang === 'zh' ? r.messageZh : r.message}`} />
          ))}
          {result.eligible && (
            <Table size="small" rowKey="name" pagination={false} dataSource={result.components} style={{ marginBottom: 12 }}
              columns={[
                { title: lang === 'zh' ? '资金项目' : 'Component', dataIndex: 'name', render: (n: string) => guide.components.find((c) => c.component === n)?.name[lang] ?? n },
                { title: lang === 'zh' ? '金额' : 'Amount', dataIndex: 'amountFen', render: fenToYuan },
              ]} />
          )}
          <Typography.Paragraph strong style={{ marginBottom: 4 }}>{m.explanation}</Typography.Paragraph>
          <List size="small" dataSource={result.trace} data-testid="estimate-trace" renderItem={(step) => <List.Item><Typography.Text strong>{articleName(step.article, lang)}</Typography.Text>&nbsp;{lang === 'zh' ? step.textZh : step.textEn}</List.Item>} />
        </>
      )}
    </Card>
  );
}
