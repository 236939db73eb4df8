// 办事指南: every program of the policy version in force, each linking to its guide.
import { useQuery } from '@tanstack/react-query';
import { Alert, Spin, Table, Tag, Typography } from 'antd';
import { ApiProblem } from '../../../lib/api-client';
import type { ProgramGuide } from '../../../lib/api-types';
import { useI18n, useMessages } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { catalogueQuery } from '../api/programs';
import { messages } from '../messages';

export function ProgramsPage() {
  const { lang } = useI18n();
  const m = useMessages(messages);
  const catalogue = useQuery(catalogueQuery);
  if (catalogue.isPending) return <Spin />;
  if (catalogue.error) return <Alert type="error" title={catalogue.error instanceof ApiProblem ? catalogue.error.message : String(catalogue.error)} />;
  const c = catalogue.data;
  return (
    <article aria-labelledby="programs-title">
      <Typography.Title level={1} id="programs-title" style={{ fontSize: 22 }}>{m.guides}</Typography.Title>
      <Typography.Paragraph>{m.guidesIntro}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{m.policyVersion}: {c.title[lang]} · {c.policyVersion}</Typography.Paragraph>
      <Table<ProgramGuide> size="small" rowKey="program" pagination={false} dataSource={c.programs} data-testid="program-list"
        columns={[
          { title: m.article, dataIndex: 'articleName', width: 110, render: (_: unknown, p) => p.articleName[lang] },
          { title: m.program, dataIndex: 'title', render: (_: unknown, p) => <Link to={`/programs/${p.program}`}>{p.title[lang]}</Link> },
          { title: m.supportYears, dataIndex: 'supportYears', width: 140, render: (_: unknown, p) => (p.supportYears.setByResolution ? m.byResolution : p.supportYears.years === 1 ? m.oneOff : `${p.supportYears.years} ${m.years}`) },
          { title: m.evaluation, dataIndex: 'evaluation', width: 200, render: (_: unknown, p) => <Tag>{p.evaluation.name[lang]}</Tag> },
        ]} />
    </article>
  );
}
