import { Alert, Button, Form, Input, Typography } from 'antd';
import { Panel } from '../../../lib/Panel';
import { ApiProblem } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useChangePassword } from '../api/session';

export function ChangePasswordPage() {
  const { t } = useI18n();
  const change = useChangePassword();
  const [form] = Form.useForm();
  const problem = change.error instanceof ApiProblem ? change.error : null;
  const fieldErrors = problem?.fieldErrors() ?? new Map<string, string>();
  return (
    <main style={{ display: 'flex', justifyContent: 'center', paddingTop: 96 }}>
      <Panel width={420}>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('changePassword')}
        </Typography.Title>
        <Alert type="info" title={t('mustChangePassword')} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" onFinish={(values: { currentPassword: string; newPassword: string }) => change.mutate(values)} requiredMark={false}>
          {(['currentPassword', 'newPassword'] as const).map((name) => (
            <Form.Item key={name} label={t(name)} name={name} rules={[{ required: true }]} {...(fieldErrors.has(name) && { validateStatus: 'error', help: fieldErrors.get(name) })}>
              <Input.Password autoComplete={name === 'newPassword' ? 'new-password' : 'current-password'} />
            </Form.Item>
          ))}
          {problem && fieldErrors.size === 0 && <Alert type="error" title={problem.message} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            {t('changePassword')}
          </Button>
        </Form>
      </Panel>
    </main>
  );
}
