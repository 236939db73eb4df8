// The policy preview (committee, supervisor, ops): a candidate version, uploaded,
// pasted or started from a published one, is sent to POST /policies/preview; the
// API's objections are shown at the candidate's field, naming the patch's bad fields;
// the answer is shown as totals against the budget, counts, the largest changes, the
// cases left untouched and why, and the per-case table (downloadable as CSV or XLSX).
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiProblem } from '../../../lib/api-client';
import type { PolicyPreview } from '../../../lib/api-types';
import { useI18n, useMessages } from '../../../lib/i18n';
import { fenToYuan } from '../../../lib/money';
import { downloadTable, policiesQuery, previewPolicy } from '../api/policy-preview';
import { previewMessages } from '../messages';
import { parsePatchText, startingPatch } from './patch-text';
import { CaseTable, LargestChanges, NotTouched, PreviewCounts } from './PreviewCases';
import { PreviewTotals } from './PreviewTotals';

export function PolicyPreviewPage() {
  const m = useMessages(previewMessages);
  const { lang } = useI18n();
  const [form] = Form.useForm<{ patch: string }>();
  const policies = useQuery(policiesQuery);
  const [startedFrom, setStartedFrom] = useState<string | undefined>();
  const [sent, setSent] = useState<unknown>(null);
  const [otherProblem, setOtherProblem] = useState<string | null>(null);
  const [downloading, setDownloading] = useState<'csv' | 'xlsx' | null>(null);

  const showErrors = (errors: string[]) => form.setFields([{ name: 'patch', errors }]);
  /** A 400 names each bad field of the patch: they belong at the candidate's box; anything else above it. */
  const showProblem = (error: unknown) => {
    if (error instanceof ApiProblem && error.fieldErrors().size > 0) {
      showErrors([...error.fieldErrors()].map(([field, message]) => (field ? `${field}: ${message}` : message)));
    } else {
      setOtherProblem(error instanceof Error ? error.message : String(error));
    }
  };

  const preview = useMutation({
    mutationFn: previewPolicy,
    onError: showProblem,
  });

  const submit = async ({ patch }: { patch: string }) => {
    setOtherProblem(null);
    const parsed = await parsePatchText(patch ?? '');
    if (!parsed.ok) {
      showErrors([parsed.message ? `${m.notReadable}: ${parsed.message}` : m.empty]);
      return;
    }
    showErrors([]);
    setSent(parsed.value);
    preview.mutate(parsed.value);
  };

  const download = async (format: 'csv' | 'xlsx') => {
    setDownloading(format);
    try {
      await downloadTable(sent, format);
    } catch (error) {
      showProblem(error);
    } finally {
      setDownloading(null);
    }
  };

  const versions = policies.data?.versions ?? [];
  return (
    <main aria-labelledby="preview-title">
      <Typography.Title level={1} id="preview-title" style={{ fontSize: 22 }}>
        {m.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{m.intro}</Typography.Paragraph>

      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} data-testid="candidate-form">
          <Space wrap style={{ marginBottom: 12 }}>
            <Select
              // Remounted with the language: the select keeps the label it showed when chosen.
              key={lang}
              value={startedFrom}
              aria-label={m.startFrom}
              placeholder={m.startFrom}
              style={{ minWidth: 360 }}
              loading={policies.isPending}
              options={versions.map((v) => ({
                value: v.id,
                label: `${v.id} · ${lang === 'zh' ? v.titleZh : v.titleEn} · ${v.adoption ? `${m.adopted} ${v.adoption.documentNumber}` : m.notAdopted}`,
              }))}
              onChange={(id: string) => {
                setStartedFrom(id);
                const version = versions.find((v) => v.id === id);
                if (version) form.setFieldsValue({ patch: startingPatch(version) });
              }}
            />
            <Upload
              accept=".json,.yaml,.yml,application/json"
              showUploadList={false}
              beforeUpload={(file) => {
                void file.text().then((text) => form.setFieldsValue({ patch: text }));
                // Read here; nothing is uploaded until the preview is asked for.
                return false;
              }}
            >
              <Button>{m.upload}</Button>
            </Upload>
          </Space>
          <Form.Item name="patch" label={m.candidate}>
            <Input.TextArea rows={14} spellCheck={false} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          {otherProblem && <Alert type="error" title={otherProblem} style={{ marginBottom: 12 }} />}
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={preview.isPending}>
              {m.preview}
            </Button>
            <Button disabled={!preview.data} loading={downloading === 'csv'} onClick={() => void download('csv')}>
              {m.downloadCsv}
            </Button>
            <Button disabled={!preview.data} loading={downloading === 'xlsx'} onClick={() => void download('xlsx')}>
              {m.downloadXlsx}
            </Button>
          </Space>
        </Form>
      </Card>

      {preview.data && !preview.isPending && <PreviewResult preview={preview.data} candidate={sent} />}
    </main>
  );
}

function PreviewResult({ preview, candidate }: { preview: PolicyPreview; candidate: unknown }) {
  const m = useMessages(previewMessages);
  const { lang } = useI18n();
  // Amounts in a patch are fen (…Fen): people read them in yuan.
  const show = (v: unknown, change: { path: string }) => (v === undefined ? '—' : change.path.endsWith('Fen') && typeof v === 'number' ? fenToYuan(v) : JSON.stringify(v));
  return (
    <section aria-label={m.preview} data-testid="preview-result">
      <Card size="small" style={{ marginBottom: 16 }} title={lang === 'zh' ? preview.candidate.titleZh : preview.candidate.titleEn} extra={<Typography.Text type="secondary">{`${m.asOf} ${preview.asOf}`}</Typography.Text>}>
        <Table
          size="small"
          pagination={false}
          rowKey="path"
          dataSource={preview.candidate.changes}
          data-testid="preview-changes"
          columns={[
            { title: m.changes, dataIndex: 'path' },
            { title: m.from, dataIndex: 'from', render: show },
            { title: m.to, dataIndex: 'to', render: show },
          ]}
        />
      </Card>
      <PreviewCounts preview={preview} />
      <PreviewTotals totals={preview.totals} />
      <LargestChanges preview={preview} />
      <NotTouched preview={preview} />
      <CaseTable preview={preview} candidate={candidate} />
    </section>
  );
}
