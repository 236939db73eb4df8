// The preview case by case: how many gain, lose or stay, the largest changes, which
// cases the candidate would not touch and why, and the per-case table with each
// support year's amounts under the current version and the candidate.
import { Alert, Card, Col, Descriptions, Input, Row, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { PolicyPreview } from '../../../lib/api-types';
import { useI18n, useMessages } from '../../../lib/i18n';
import { renderMoney, renderSignedMoney } from '../../../lib/Money';
import { previewMessages } from '../messages';
import { CaseDetail } from './CaseDetail';

type CaseRow = PolicyPreview['cases'][number];

const signed = renderSignedMoney;
// Dark enough on white for WCAG AA (Ant Design's green tag is not).
const CHANGE_COLOUR = { gain: '#237804', lose: '#a8071a', stay: undefined } as const;

export function PreviewCounts({ preview }: { preview: PolicyPreview }) {
  const m = useMessages(previewMessages);
  const { counts, countsIfApplied } = preview;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="preview-counts">
      {(['gain', 'lose', 'stay'] as const).map((change) => (
        <Col xs={8} key={change}>
          <Card size="small">
            <Statistic title={m[change]} value={counts[change]} />
            <Typography.Text type="secondary">{`${m.ifApplied}: ${countsIfApplied[change]}`}</Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function LargestChanges({ preview }: { preview: PolicyPreview }) {
  const m = useMessages(previewMessages);
  const { t, term } = useI18n();
  return (
    <Card title={m.largest} size="small" style={{ marginBottom: 16 }}>
      <Table
        size="small"
        pagination={false}
        scroll={{ x: true }}
        rowKey="caseId"
        dataSource={preview.largestChanges}
        data-testid="preview-largest"
        columns={[
          { title: m.caseId, dataIndex: 'caseId' },
          { title: t('program'), dataIndex: 'program', render: (p: string) => term(p) },
          { title: m.own, dataIndex: 'ownFen', align: 'right', render: renderMoney },
          { title: m.ifApplied, dataIndex: 'candidateFen', align: 'right', render: renderMoney },
          { title: m.delta, dataIndex: 'deltaFen', align: 'right', render: signed },
          { title: m.effectiveDelta, dataIndex: 'effectiveDeltaFen', align: 'right', render: signed },
        ]}
      />
    </Card>
  );
}

export function NotTouched({ preview }: { preview: PolicyPreview }) {
  const m = useMessages(previewMessages);
  const { lang } = useI18n();
  const reasons = Object.entries(preview.book.notTouched) as [keyof PolicyPreview['touchReasons'], number][];
  return (
    <Card title={m.notTouched} size="small" style={{ marginBottom: 16 }} data-testid="preview-not-touched">
      <Typography.Paragraph>
        <Typography.Text strong>{`${m.touchRule}: `}</Typography.Text>
        {preview.touchRule[lang]}
      </Typography.Paragraph>
      {reasons.length === 0 && <Typography.Text>{m.noneUntouched}</Typography.Text>}
      <Descriptions size="small" column={1} bordered>
        {reasons.map(([code, count]) => (
          <Descriptions.Item key={code} label={`${m[code]}（${count}）`}>
            {preview.touchReasons[code][lang]}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

/** The candidate sent travels with the table: an opened row asks for that case under it. */
export function CaseTable({ preview, candidate }: { preview: PolicyPreview; candidate: unknown }) {
  const m = useMessages(previewMessages);
  const { t, term } = useI18n();
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => {
    const wanted = filter.trim().toLowerCase();
    const matching = wanted ? preview.cases.filter((c) => c.caseId.toLowerCase().includes(wanted)) : preview.cases;
    // The cases adoption moves come first, the largest first.
    return [...matching].sort((a, b) => Math.abs(b.effectiveDeltaFen) - Math.abs(a.effectiveDeltaFen) || Math.abs(b.deltaFen) - Math.abs(a.deltaFen));
  }, [preview.cases, filter]);
  return (
    <Card title={m.perCase} size="small" style={{ marginBottom: 16 }}>
      <Input.Search aria-label={m.filterCase} placeholder={m.filterCase} allowClear style={{ maxWidth: 360, marginBottom: 12 }} onSearch={setFilter} />
      {preview.caseErrors.length > 0 && (
        <Alert
          type="warning"
          style={{ marginBottom: 12 }}
          title={m.caseErrors}
          description={preview.caseErrors.map((e) => `${e.caseId} ${e.field}: ${e.message}`).join('; ')}
        />
      )}
      <Table
        size="small"
        scroll={{ x: true }}
        rowKey="caseId"
        dataSource={rows}
        data-testid="preview-cases"
        pagination={{ pageSize: 20, showSizeChanger: false }}
        expandable={{
          expandedRowRender: (c: CaseRow) => <CaseDetail candidate={candidate} caseId={c.caseId} />,
        }}
        columns={[
          { title: m.caseId, dataIndex: 'caseId' },
          { title: t('program'), dataIndex: 'program', render: (p: string) => term(p) },
          { title: m.kind, dataIndex: 'kind', render: (k: CaseRow['kind']) => (k === 'award' ? m.kindAward : m.kindApplication) },
          { title: m.ownVersion, dataIndex: 'ownVersion' },
          { title: m.touch, key: 'touch', render: (_: unknown, c: CaseRow) => m[c.touch.code] },
          { title: m.own, dataIndex: 'ownFen', align: 'right', render: renderMoney },
          { title: m.ifApplied, dataIndex: 'candidateFen', align: 'right', render: renderMoney },
          { title: m.delta, dataIndex: 'deltaFen', align: 'right', render: signed },
          { title: m.effectiveDelta, dataIndex: 'effectiveDeltaFen', align: 'right', render: signed },
          { title: m.change, dataIndex: 'change', render: (c: CaseRow['change']) => <Typography.Text strong={c !== 'stay'} style={{ color: CHANGE_COLOUR[c], whiteSpace: 'nowrap' }}>{m[c]}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
