// 年度报告: the support year's actual figures (the program's report facts), in the
// reporting window the annual notice sets, until the task's deadline.
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { ApiProblem } from '../../../lib/api-client';
import type { CaseDetail } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/dates';
import { useMessages } from '../../../lib/i18n';
import { useYearlyReport } from '../api/applicant';
import { messages } from '../messages';
import { showFieldErrors } from './field-errors';
import { FactsFields, toFacts } from './FactsFields';
import type { FactSet, FactValues } from './FactsFields';

export function YearlyReportCard({ theCase, dueAt, facts }: { theCase: CaseDetail; dueAt: string | null; facts: FactSet }) {
  const m = useMessages(messages);
  const [form] = Form.useForm<{ facts?: FactValues; note?: string }>();
  const report = useYearlyReport(theCase.caseId);
  const problem = report.error instanceof ApiProblem ? report.error : null;
  return (
    <Card title={`${m.yearlyReport} · ${m.supportYear} ${theCase.supportYear}`} size="small" style={{ marginBottom: 16 }} data-testid="yearly-report">
      <Typography.Paragraph>{m.yearlyReportHint}</Typography.Paragraph>
      <Typography.Paragraph strong>{m.reportDeadline}: {formatDateTime(dueAt)}</Typography.Paragraph>
      <Form form={form} layout="vertical" style={{ maxWidth: 640 }}
        onFinish={(values) => {
          const note = values.note?.trim();
          report.mutate(
            { facts: toFacts(facts, values.facts), ...(note && { note }) },
            { onError: (error) => showFieldErrors(form, error, (f) => f.startsWith('facts.')) },
          );
        }}>
        <FactsFields set={facts} />
        <Form.Item name="note" label={m.reportNote}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        {problem && <Alert type="error" title={`${problem.status} · ${problem.message}`} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={report.isPending}>{m.submitReport}</Button>
      </Form>
    </Card>
  );
}
