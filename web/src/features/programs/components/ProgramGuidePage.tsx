// One program's guide: who may apply, the evidence checklist, the figures to state and
// in which unit, how the amount is computed and capped, the support years and the
// evaluation (experts, their specialty, the criteria and pass mark).
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, List, Spin, Table, Typography } from 'antd';
import { sessionQuery } from '../../auth/api/session';
import { useI18n, useMessages } from '../../../lib/i18n';
import { fenToYuan } from '../../../lib/money';
import { Link, useNavigate, useParams } from '../../../lib/router';
import type { ProgramGuide } from '../../../lib/api-types';
import { catalogueQuery } from '../api/programs';
import { messages } from '../messages';
import { describeComponent, unitName } from './describe';

type FactSet = NonNullable<ProgramGuide['yearlyReportFacts']>;

function FactsTable({ facts, title, testId }: { facts: FactSet; title: string; testId: string }) {
  const { lang } = useI18n();
  const m = useMessages(messages);
  const rows = [...facts.required.map((f) => ({ ...f, required: true })), ...facts.optional.map((f) => ({ ...f, required: false }))];
  return (
    <Card title={title} size="small" style={{ marginBottom: 16 }}>
      <Table size="small" rowKey="fact" pagination={false} dataSource={rows} data-testid={testId}
        columns={[
          { title: m.figure, dataIndex: 'name', render: (_: unknown, f) => f.name[lang] },
          { title: m.unit, dataIndex: 'unit', render: (u: string) => unitName(u, m) },
          { title: m.requiredOrOptional, dataIndex: 'required', render: (r: boolean) => (r ? m.required : m.optional) },
        ]} />
      {facts.atLeastOneOf.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          {m.atLeastOne}: {facts.atLeastOneOf.map((f) => rows.find((r) => r.fact === f)?.name[lang] ?? f).join(lang === 'zh' ? '、' : ', ')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

export function ProgramGuidePage() {
  const { program = '' } = useParams();
  const { lang } = useI18n();
  const m = useMessages(messages);
  const navigate = useNavigate();
  const session = useQuery(sessionQuery);
  const catalogue = useQuery(catalogueQuery);
  if (catalogue.isPending) return <Spin />;
  const guide = catalogue.data?.programs.find((p) => p.program === program);
  if (!guide) return <Alert type="warning" title={lang === 'zh' ? '未找到该项目' : 'No such program'} />;
  const [open, close, semicolon] = lang === 'zh' ? ['（', '）', '；'] : [' (', ')', '; '];
  const years = guide.supportYears.setByResolution ? m.byResolution : guide.supportYears.years === 1 ? m.oneOff : `${guide.supportYears.years} ${m.years}${guide.supportYears.consecutive ? `${open}${m.consecutiveYears}${close}` : ''}`;
  const continuation = guide.supportYears.continuationFact ? guide.yearlyReportFacts?.required.find((f) => f.fact === guide.supportYears.continuationFact)?.name[lang] : null;
  return (
    <article aria-labelledby="guide-title">
      <Typography.Paragraph><Link to="/programs">{m.guides}</Link></Typography.Paragraph>
      <Typography.Title level={1} id="guide-title" style={{ fontSize: 22 }}>
        {guide.articleName[lang]} · {guide.title[lang]}
      </Typography.Title>
      {session.data?.user.role === 'applicant' && (
        <Button type="primary" style={{ marginBottom: 16 }} onClick={() => navigate(`/apply?program=${guide.program}`)}>{m.apply}</Button>
      )}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }} data-testid="guide-summary">
        <Descriptions.Item label={m.qualifications}>
          {guide.qualifications.length === 0 ? m.noQualification : guide.qualifications.map((q) => q.name[lang]).join(lang === 'zh' ? '、' : '; ')}
        </Descriptions.Item>
        {guide.levels && (
          <Descriptions.Item label={m.levels}>{`${m.national}: ${guide.levels.national.name[lang]}${semicolon}${m.provincial}: ${guide.levels.provincial.name[lang]}`}</Descriptions.Item>
        )}
        <Descriptions.Item label={m.supportYears}>{years}{continuation ? `${semicolon}${m.continuation}: ${continuation}` : ''}</Descriptions.Item>
        <Descriptions.Item label={m.evaluation}>{guide.evaluation.name[lang]}</Descriptions.Item>
        <Descriptions.Item label={m.expertsDrawn}>{guide.evaluation.expertsDrawn ? `${m.yes}${open}${m.specialty}: ${guide.evaluation.specialty?.name[lang] ?? ''}${close}` : m.no}</Descriptions.Item>
        {guide.evaluation.passMark !== null && <Descriptions.Item label={m.passMark}>{guide.evaluation.passMark}</Descriptions.Item>}
      </Descriptions>
      {guide.committeeDecidesAmount && <Alert type="info" title={m.committeeDecides} style={{ marginBottom: 16 }} />}
      {guide.districtResolution && <Alert type="info" title={m.districtResolution} style={{ marginBottom: 16 }} />}
      {guide.oncePerEnterprise && <Alert type="info" title={m.oncePerEnterprise} style={{ marginBottom: 16 }} />}
      <Card title={m.evidence} size="small" style={{ marginBottom: 16 }}>
        <List size="small" dataSource={guide.evidence} data-testid="guide-evidence" renderItem={(e, i) => <List.Item>{i + 1}. {e.name[lang]}</List.Item>} />
      </Card>
      <FactsTable facts={guide.applicationFacts} title={m.applicationFacts} testId="guide-facts" />
      {guide.yearlyReportFacts && <FactsTable facts={guide.yearlyReportFacts} title={m.yearlyReportFacts} testId="guide-report-facts" />}
      <Card title={m.amounts} size="small" style={{ marginBottom: 16 }}>
        <Table size="small" rowKey="component" pagination={false} dataSource={guide.components} data-testid="guide-components"
          columns={[
            { title: m.component, dataIndex: 'name', render: (_: unknown, c) => c.name[lang] },
            { title: m.rule, dataIndex: 'kind', render: (_: unknown, c) => describeComponent(guide, c, m, lang) },
            { title: m.cap, dataIndex: 'capFen', render: (cap: number | null) => (cap === null ? m.noCap : fenToYuan(cap)) },
          ]} />
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{guide.capScope === 'per-year' ? m.perYear : m.wholeAward}</Typography.Paragraph>
        {guide.alternatives.length > 0 && (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {m.alternatives}: {guide.alternatives.map((code) => { const other = catalogue.data?.programs.find((p) => p.program === code); return other ? other.title[lang] : code; }).join(semicolon)}
          </Typography.Paragraph>
        )}
      </Card>
      {guide.evaluation.criteria.length > 0 && (
        <Card title={m.criteria} size="small" style={{ marginBottom: 16 }}>
          <Table size="small" rowKey="criterion" pagination={false} dataSource={guide.evaluation.criteria} data-testid="guide-criteria"
            columns={[
              { title: m.criteria, dataIndex: 'name', render: (_: unknown, c) => c.name[lang] },
              { title: m.maxPoints, dataIndex: 'maxPoints' },
            ]} />
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{m.passMark}: {guide.evaluation.passMark}</Typography.Paragraph>
        </Card>
      )}
    </article>
  );
}
