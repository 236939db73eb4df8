// What may be done to a case outside its tasks: an objection received during the
// public notice (officer, ops) sends it back to the committee; the committee revokes an
// approved award (recovery follows). Problems the API answers show at their field.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Radio } from 'antd';
import { ApiProblem, post } from '../../../lib/api-client';
import type { CaseDetail } from '../../../lib/api-types';
import { useI18n } from '../../../lib/i18n';
import { errorsAnswered, placeProblems } from '../../../lib/problem-fields';

const FIELDS = ['grounds', 'reason'];

function ActionForm({ title, path, caseId, grounds }: { title: string; path: string; caseId: string; grounds?: string[] }) {
  const { t, term } = useI18n();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const { message } = App.useApp();
  const send = useMutation({
    mutationFn: (body: Record<string, unknown>) => post(path, body),
    onSuccess: () => {
      // A toast, not an alert in the form: the case moves on and this form leaves the page with it.
      void message.success(t('submitted'));
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['case', caseId] });
    },
    onError: (error) => {
      if (error instanceof ApiProblem) form.setFields(placeProblems(error, FIELDS).atFields);
    },
  });
  const problem = send.error instanceof ApiProblem ? send.error : null;
  const unplaced = problem ? placeProblems(problem, FIELDS).unplaced : [];
  return (
    <Card title={title} size="small" style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" onFinish={(values: Record<string, unknown>) => send.mutate(values)} style={{ maxWidth: 640 }}
        onValuesChange={(changed: Record<string, unknown>) => form.setFields(errorsAnswered(changed, form.getFieldsError()))}>
        {grounds && (
          <Form.Item name="grounds" label={term('grounds')} required>
            <Radio.Group options={grounds.map((g) => ({ value: g, label: term(g) }))} optionType="button" />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('reason')} required>
          <Input.TextArea aria-label={t('reason')} rows={2} maxLength={4000} />
        </Form.Item>
        {problem && <Alert type="error" role="alert" title={`${t('refused')} (${problem.status})${unplaced.length > 0 ? `: ${unplaced.join('; ')}` : ''}`} style={{ marginBottom: 12 }} data-testid="action-problem" />}
        <Button htmlType="submit" danger loading={send.isPending}>{t('submit')}</Button>
      </Form>
    </Card>
  );
}

export function CaseActions({ theCase, role }: { theCase: CaseDetail; role: string }) {
  const { term } = useI18n();
  const caseId = encodeURIComponent(theCase.caseId);
  const approved = (theCase.approvals ?? []).some((a) => a.status === 'reserved');
  return (
    <>
      {(role === 'officer' || role === 'ops') && theCase.stage === 'public-notice' && (
        <ActionForm title={term('objection')} path={`/cases/${caseId}/objections`} caseId={theCase.caseId} />
      )}
      {role === 'committee' && approved && theCase.status !== 'revoked' && theCase.stage !== 'recovery' && (
        <ActionForm title={term('revocation')} path={`/cases/${caseId}/revocation`} caseId={theCase.caseId} grounds={['false-evidence', 'left-district', 'other']} />
      )}
    </>
  );
}
