// The administrator's SMTP settings: off by default; the password is write-only (the
// page says whether one is set, never what it is). Problems are shown at their field.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Space, Spin, Switch, Typography } from 'antd';
import { ApiProblem } from '../../../lib/api-client';
import type { MailSettingsView } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/dates';
import { useMessages } from '../../../lib/i18n';
import { mailSettingsQuery, useSaveMailSettings } from '../api/mail-settings';
import { mailSettingsMessages } from '../mail-messages';

interface FormValues {
  enabled: boolean;
  host: string;
  port: number;
  secure: boolean;
  username?: string;
  password?: string;
  fromAddress: string;
}

function SettingsForm({ current }: { current: MailSettingsView }) {
  const m = useMessages(mailSettingsMessages);
  const save = useSaveMailSettings();
  const problem = save.error instanceof ApiProblem ? save.error : null;
  const fieldErrors = problem?.fieldErrors() ?? new Map<string, string>();
  const errorAt = (name: string) => (fieldErrors.has(name) ? { validateStatus: 'error' as const, help: fieldErrors.get(name) } : {});
  const onFinish = (values: FormValues) => {
    const username = values.username?.trim() || null;
    // An empty password keeps the one set; without a user name there is none to keep.
    const password = values.password ? values.password : username === null ? null : undefined;
    save.mutate({ enabled: values.enabled, host: values.host.trim(), port: values.port, secure: values.secure, username, ...(password !== undefined && { password }), fromAddress: values.fromAddress.trim() });
  };
  return (
    <Form<FormValues>
      layout="vertical"
      style={{ maxWidth: 560 }}
      initialValues={{ enabled: current.enabled, host: current.host, port: current.port, secure: current.secure, username: current.username ?? '', fromAddress: current.fromAddress }}
      onFinish={onFinish}
      data-testid="mail-settings-form"
    >
      <Form.Item label={m.enabled} name="enabled" valuePropName="checked" extra={m.enabledHelp} {...errorAt('enabled')}>
        <Switch />
      </Form.Item>
      <Form.Item label={m.host} name="host" rules={[{ required: true, message: m.required }]} {...errorAt('host')}>
        <Input placeholder="smtp.example.gov.cn" autoComplete="off" />
      </Form.Item>
      <Form.Item label={m.port} name="port" rules={[{ required: true, message: m.required }]} {...errorAt('port')}>
        <InputNumber style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label={m.secure} name="secure" valuePropName="checked" extra={m.secureHelp} {...errorAt('secure')}>
        <Switch />
      </Form.Item>
      <Form.Item label={m.username} name="username" {...errorAt('username')}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={m.password} name="password" extra={current.passwordSet ? m.passwordKept : m.passwordNone} {...errorAt('password')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item label={m.fromAddress} name="fromAddress" rules={[{ required: true, message: m.required }]} {...errorAt('fromAddress')}>
        <Input placeholder="noreply@example.gov.cn" autoComplete="off" />
      </Form.Item>
      {problem && fieldErrors.size === 0 && <Alert type="error" title={problem.message} style={{ marginBottom: 16 }} />}
      {save.isSuccess && <Alert type="success" title={m.saved} style={{ marginBottom: 16 }} data-testid="mail-settings-saved" />}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {m.save}
      </Button>
    </Form>
  );
}

export function MailSettingsPage() {
  const m = useMessages(mailSettingsMessages);
  const settings = useQuery(mailSettingsQuery);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {m.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 720 }}>
        {m.intro}
      </Typography.Paragraph>
      {settings.data ? (
        <>
          {settings.data.updatedAt && (
            <Typography.Text type="secondary">
              {m.lastChanged} {formatDateTime(settings.data.updatedAt)} · {settings.data.updatedBy}
            </Typography.Text>
          )}
          <SettingsForm current={settings.data} />
        </>
      ) : settings.error ? (
        <Alert type="error" title={settings.error.message} />
      ) : (
        <Spin />
      )}
    </Space>
  );
}
