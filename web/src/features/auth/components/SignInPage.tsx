import { Alert, Button, Form, Input, Typography } from 'antd';
import { Panel } from '../../../lib/Panel';
import { ApiProblem } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useSignIn } from '../api/session';

export function SignInPage() {
  const { t } = useI18n();
  const signIn = useSignIn();
  const error = signIn.error instanceof ApiProblem ? signIn.error.message : signIn.error ? String(signIn.error) : null;
  return (
    <main style={{ display: 'flex', justifyContent: 'center', paddingTop: 96 }}>
      <Panel width={380}>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('appName')}
        </Typography.Title>
        <Form layout="vertical" onFinish={(values: { userId: string; password: string }) => signIn.mutate(values)} requiredMark={false}>
          <Form.Item label={t('userId')} name="userId" rules={[{ required: true }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('password')} name="password" rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            {t('signIn')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('demoHint')}
        </Typography.Paragraph>
      </Panel>
    </main>
  );
}
