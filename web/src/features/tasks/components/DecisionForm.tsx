// The decision form of a task, generated from its kind's body schema. A refused
// decision (400 with field errors, 409, 422) leaves every value as it was and shows
// each problem at its field, or above the form when it names none.
import { Alert, App, Button, Checkbox, Descriptions, Form, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from '../../../lib/router';
import { ApiProblem } from '../../../lib/api-client';
import type { CaseDetail, TaskDetail } from '../../../lib/api-types';
import { useI18n } from '../../../lib/i18n';
import { fenToYuan } from '../../../lib/money';
import { useDecide } from '../api/tasks';
import type { DecisionForm as Form_ } from '../api/tasks';
import { errorsAnswered, placeProblems } from '../../../lib/problem-fields';
import { pruneEmpty, SchemaField } from './schema-fields';

/** The statement an expert confirms before declaring (recorded in Chinese, the office's language). */
const ATTESTATION_ZH = '本人与申报单位不存在利益冲突，确认上述声明属实';

/** The toast's word, in the language of the moment (it may outlive a switch). */
function Submitted() {
  const { t } = useI18n();
  return <>{t('submitted')}</>;
}

function ScoreTotal({ form, passMark }: { form: Form_; passMark: number | null }) {
  const { t } = useI18n();
  const scores = (Form.useWatch('scores') ?? {}) as Record<string, number | null>;
  const total = Object.values(scores).reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
  const max = (form.criteria ?? []).reduce((sum, c) => sum + c.maxPoints, 0);
  return (
    <Alert
      type={passMark !== null && total >= passMark ? 'success' : 'warning'}
      title={<span data-testid="score-total">{t('totalPoints')}: {total} / {max}{passMark !== null && ` · ${t('passMark')}: ${passMark}`}</span>}
      style={{ marginBottom: 16 }}
    />
  );
}

export function DecisionForm({ task, form: decisionForm, theCase }: { task: TaskDetail; form: Form_; theCase: CaseDetail | undefined }) {
  const { t, term } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [attested, setAttested] = useState(false);
  const decide = useDecide(task.taskId, decisionForm.kind);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const schema = decisionForm.schema;
  const kind = decisionForm.kind;

  async function submit(values: Record<string, unknown>) {
    setProblem(null);
    form.setFields(form.getFieldsError().map((f) => ({ name: f.name, errors: [] })));
    try {
      const body = (pruneEmpty(values) ?? {}) as Record<string, unknown>;
      // The expert's attestation is recorded with the decision: the statement confirmed and when.
      if (kind === 'expert-conflict' && body.hasConflict === false && body.detail === undefined) body.detail = `${ATTESTATION_ZH}（${new Date().toISOString()}）`;
      await decide.mutateAsync(body);
      void message.success(<Submitted />);
      void navigate('/');
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
      form.setFields(placeProblems(error, Object.keys(schema.properties ?? {})).atFields);
    }
  }

  const unplaced = problem ? placeProblems(problem, Object.keys(schema.properties ?? {})).unplaced : [];
  return (
    <section aria-labelledby="decision-title">
      <Typography.Title level={2} id="decision-title" style={{ fontSize: 18 }}>
        {t('decision')}: {term(kind)}
      </Typography.Title>
      {kind === 'committee-decision' && (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('rulesMaximum')}><span data-testid="case-maximum">{fenToYuan(theCase?.maximumAmountFen)}</span></Descriptions.Item>
          {decisionForm.budget && (
            <Descriptions.Item label={`${t('budgetLeft')} (${decisionForm.budget.year})`}>
              {fenToYuan(decisionForm.budget.leftFen)} / {fenToYuan(decisionForm.budget.budgetFen)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label="⚠">{t('reviewingOfficerNote')}</Descriptions.Item>
        </Descriptions>
      )}
      {task.subject && (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} data-testid="task-subject">
          <Descriptions.Item label={t('case')}>{task.caseId}</Descriptions.Item>
          <Descriptions.Item label={t('payee')}>{theCase?.enterpriseName ?? theCase?.enterpriseId}</Descriptions.Item>
          {task.subject.items.map((i) => (
            <Descriptions.Item key={`${i.supportYear}-${i.component}`} label={`${t('supportYear')} ${i.supportYear} · ${term(i.component)}`}>
              {fenToYuan(i.amountFen)}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('total')}><strong data-testid="subject-total">{fenToYuan(task.subject.totalFen)}</strong></Descriptions.Item>
        </Descriptions>
      )}
      {kind === 'expert-scoring' && <Typography.Paragraph type="secondary">{t('noMoneyShown')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => void submit(v)} data-testid="decision-form" style={{ maxWidth: 720 }}
        onValuesChange={(changed: Record<string, unknown>) => form.setFields(errorsAnswered(changed, form.getFieldsError()))}>
        {kind === 'expert-scoring' && <ScoreTotal form={decisionForm} passMark={decisionForm.passMark} />}
        {Object.entries(schema.properties ?? {}).map(([name, fieldSchema]) => (
          <SchemaField key={name} name={name} schema={fieldSchema} path={[name]} required={schema.required?.includes(name) ?? false} context={{ criteria: decisionForm.criteria }} />
        ))}
        {kind === 'expert-conflict' && (
          <Form.Item>
            <Checkbox checked={attested} onChange={(e) => setAttested(e.target.checked)}>{t('attestation')}</Checkbox>
          </Form.Item>
        )}
        {problem && (
          <Alert type="error" style={{ marginBottom: 16 }} data-testid="decision-problem" role="alert"
            title={`${t('refused')} (${problem.status})${unplaced.length > 0 ? `: ${unplaced.join('; ')}` : ''}`} />
        )}
        <Button type="primary" htmlType="submit" loading={decide.isPending} disabled={kind === 'expert-conflict' && !attested}>
          {t('submit')}
        </Button>
      </Form>
    </section>
  );
}
