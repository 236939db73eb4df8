// 补正: what the officer asked for and by when, and the application as it was filed,
// ready to change; the correction replaces the facts and evidence items it names.
import { Alert, Button, Card, Descriptions, Form, Input } from 'antd';
import { ApiProblem } from '../../../lib/api-client';
import type { CaseDetail, ProgramGuide } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/dates';
import { useMessages } from '../../../lib/i18n';
import { useCorrection } from '../api/applicant';
import { messages } from '../messages';
import { showFieldErrors } from './field-errors';
import { EvidenceFields, evidenceList, evidenceValues } from './EvidenceFields';
import { FactsFields, fromFacts, toFacts } from './FactsFields';
import type { FactValues } from './FactsFields';

export function CorrectionCard({ theCase, taskId, guide }: { theCase: CaseDetail; taskId: string; guide: ProgramGuide }) {
  const m = useMessages(messages);
  const [form] = Form.useForm<{ facts?: FactValues; evidence?: Record<string, string>; note?: string }>();
  const correct = useCorrection(theCase.caseId, taskId);
  const request = theCase.correctionRequest;
  const problem = correct.error instanceof ApiProblem ? correct.error : null;
  return (
    <Card title={m.correction} size="small" style={{ marginBottom: 16 }} data-testid="correction">
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={m.correctionAsked}><span data-testid="correction-reason">{request?.reason || '—'}</span></Descriptions.Item>
        <Descriptions.Item label={m.correctionDeadline}>{formatDateTime(request?.dueAt)}</Descriptions.Item>
      </Descriptions>
      <Alert type="info" title={m.correctionHint} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" style={{ maxWidth: 640 }}
        initialValues={{ facts: fromFacts(guide.applicationFacts, theCase.requestedFacts), evidence: evidenceValues(theCase.evidence) }}
        onFinish={(values) => {
          const note = values.note?.trim();
          correct.mutate(
            { facts: toFacts(guide.applicationFacts, values.facts), evidence: evidenceList(values.evidence), ...(note && { note }) },
            { onError: (error) => showFieldErrors(form, error, (f) => f.startsWith('facts.') || f === 'note') },
          );
        }}>
        <FactsFields set={guide.applicationFacts} />
        <EvidenceFields kinds={guide.evidence} />
        <Form.Item name="note" label={m.correctionNote}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        {problem && <Alert type="error" title={`${problem.status} · ${problem.message}`} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={correct.isPending}>{m.submitCorrection}</Button>
      </Form>
    </Card>
  );
}
