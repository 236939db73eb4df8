// One case of a preview, opened: each undecided support year per component under the
// case's own version and under the candidate, and both traces side by side, so the
// committee sees which rule line moves the amount. Fetched when the row is opened.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, List, Row, Skeleton, Table, Typography } from 'antd';
import type { PolicyPreviewCase } from '../../../lib/api-types';
import { articleName } from '../../../lib/domain-terms';
import { useI18n, useMessages } from '../../../lib/i18n';
import { Money, SignedMoney } from '../../../lib/Money';
import { previewCaseQuery } from '../api/policy-preview';
import { previewMessages } from '../messages';

type Year = NonNullable<PolicyPreviewCase['case']['years']>[number];
type Side = NonNullable<Year['own']>;


/** One row per component the year has on either side. */
function componentRows(y: Year) {
  const names = [...new Set([...(y.own?.components ?? []), ...(y.candidate?.components ?? [])].map((c) => c.name))];
  return names.map((name) => {
    const own = y.own?.components.find((c) => c.name === name);
    const cand = y.candidate?.components.find((c) => c.name === name);
    return { name, own: own?.amountFen ?? 0, ownCapped: own?.capped ?? false, candidate: cand?.amountFen ?? 0, candidateCapped: cand?.capped ?? false };
  });
}

type Row = ReturnType<typeof componentRows>[number];

function TraceList({ side, title }: { side: Side | null; title: string }) {
  const { lang } = useI18n();
  return (
    <Card size="small" title={title}>
      <List
        size="small"
        dataSource={side?.trace ?? []}
        renderItem={(step) => (
          <List.Item>
            <Typography.Text type="secondary">{`[${articleName(step.article, lang)}] `}</Typography.Text>
            {lang === 'zh' ? step.textZh : step.textEn}
          </List.Item>
        )}
      />
    </Card>
  );
}

export function CaseDetail({ candidate, caseId }: { candidate: unknown; caseId: string }) {
  const m = useMessages(previewMessages);
  const { term } = useI18n();
  const detail = useQuery(previewCaseQuery(candidate, caseId));
  if (detail.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (detail.isError) return <Alert type="error" title={detail.error.message} />;
  const years = detail.data.case.years ?? [];
  return (
    <div data-testid={`preview-case-${caseId}`}>
      {years.map((y) => (
        <Card
          key={y.supportYear}
          size="small"
          style={{ marginBottom: 12 }}
          title={`${m.supportYear} ${y.supportYear} · ${m.budgetYear} ${y.budgetYear}`}
          extra={y.figures ? m.figuresFrom.replace('{source}', m[y.figures.source]).replace('{n}', String(y.figures.fromSupportYear)) : null}
        >
          {y.errors.length > 0 && <Alert type="warning" style={{ marginBottom: 8 }} title={y.errors.map((e) => `${e.side === 'own' ? m.own : m.ifApplied} ${e.field}: ${e.message}`).join('; ')} />}
          <Table
            size="small"
            pagination={false}
            rowKey="name"
            dataSource={componentRows(y)}
            columns={[
              { title: m.component, dataIndex: 'name', render: (name: string) => term(name) },
              { title: m.own, key: 'own', align: 'right', render: (_: unknown, r: Row) => (
                  <>
                    <Money fen={r.own} />
                    {r.ownCapped ? ` (${m.capped})` : ''}
                  </>
                ) },
              { title: m.ifApplied, key: 'candidate', align: 'right', render: (_: unknown, r: Row) => (
                  <>
                    <Money fen={r.candidate} />
                    {r.candidateCapped ? ` (${m.capped})` : ''}
                  </>
                ) },
              { title: m.delta, key: 'delta', align: 'right', render: (_: unknown, r: Row) => <SignedMoney fen={r.candidate - r.own} /> },
            ]}
          />
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} lg={12}>
              <TraceList side={y.own} title={`${m.traceOf} ${m.own} ${detail.data.case.ownVersion}`} />
            </Col>
            <Col xs={24} lg={12}>
              <TraceList side={y.candidate} title={`${m.traceOf} ${m.ifApplied} ${detail.data.candidate.id}`} />
            </Col>
          </Row>
        </Card>
      ))}
    </div>
  );
}
