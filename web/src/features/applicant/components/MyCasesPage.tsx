// 我的申报: the enterprise's cases, each with its stage and what it expects next.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin, Table, Tag, Typography } from 'antd';
import { ApiProblem } from '../../../lib/api-client';
import type { CaseSummary } from '../../../lib/api-types';
import { useI18n, useMessages } from '../../../lib/i18n';
import { Link, useNavigate } from '../../../lib/router';
import { catalogueQuery } from '../../programs/api/programs';
import { myCasesQuery } from '../api/applicant';
import { messages } from '../messages';
import { nextStepOf } from './next-step';

export function MyCasesPage() {
  const { lang, term } = useI18n();
  const m = useMessages(messages);
  const navigate = useNavigate();
  const cases = useQuery(myCasesQuery);
  const catalogue = useQuery(catalogueQuery);
  const programName = (code: string) => catalogue.data?.programs.find((p) => p.program === code)?.title[lang] ?? code;
  if (cases.isPending) return <Spin />;
  if (cases.error) return <Alert type="error" title={cases.error instanceof ApiProblem ? cases.error.message : String(cases.error)} />;
  return (
    <article aria-labelledby="my-cases-title">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="center">
        <Typography.Title level={1} id="my-cases-title" style={{ fontSize: 22 }}>{m.myCases}</Typography.Title>
        <Space>
          <Link to="/programs">{m.guides}</Link>
          <Button type="primary" onClick={() => navigate('/apply')}>{m.newApplication}</Button>
        </Space>
      </Space>
      <Table<CaseSummary> size="small" rowKey="caseId" pagination={false} dataSource={cases.data.items} data-testid="my-cases" locale={{ emptyText: m.noCases }}
        columns={[
          { title: lang === 'zh' ? '案件' : 'Case', dataIndex: 'caseId', render: (id: string) => <Link to={`/my-cases/${encodeURIComponent(id)}`} data-testid="my-case-link">{id}</Link> },
          { title: m.program, dataIndex: 'program', render: programName },
          { title: m.submittedOn, dataIndex: 'submittedOn' },
          { title: m.supportYear, dataIndex: 'supportYear' },
          { title: m.stage, dataIndex: 'stage', render: (s: string) => term(s) },
          { title: m.status, dataIndex: 'status', render: (s: string) => <Tag>{term(s)}</Tag> },
          { title: m.next, key: 'next', render: (_: unknown, c) => nextStepOf(c, lang).text },
        ]} />
    </article>
  );
}
