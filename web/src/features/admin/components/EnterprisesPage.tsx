// Enterprises (admin): registration, whether each is registered in the district, and
// the blacklist, which takes a reason (kept in the audit log).
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { EnterpriseView } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/dates';
import { useMessages } from '../../../lib/i18n';
import { enterprisesQuery, useChangeEnterprise, useRegisterEnterprise } from '../api/admin';
import { adminMessages } from '../messages';
import { problemFields } from './problem-fields';

interface NewEnterpriseValues {
  id: string;
  name: string;
  organisation: string;
  registeredInDistrict: boolean;
}

function RegisterDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const m = useMessages(adminMessages);
  const [form] = Form.useForm<NewEnterpriseValues>();
  const register = useRegisterEnterprise();
  const problems = problemFields(register.error, ['id', 'name', 'organisation', 'registeredInDistrict']);
  const save = (values: NewEnterpriseValues) =>
    register.mutate(
      { id: values.id.trim(), name: values.name.trim(), organisation: values.organisation.trim(), registeredInDistrict: values.registeredInDistrict },
      {
        onSuccess: () => {
          form.resetFields();
          register.reset();
          onClose();
        },
      },
    );
  return (
    <Modal open={open} title={m.newEnterprise} okText={m.create} cancelText={m.cancel} onOk={() => form.submit()} confirmLoading={register.isPending} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" name="new-enterprise" onFinish={save} initialValues={{ registeredInDistrict: true }}>
        <Form.Item name="id" label={m.id} rules={[{ required: true }]} {...problems.at('id')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={m.name} rules={[{ required: true }]} {...problems.at('name')}>
          <Input />
        </Form.Item>
        <Form.Item name="organisation" label={m.organisation} rules={[{ required: true }]} {...problems.at('organisation')}>
          <Input />
        </Form.Item>
        <Form.Item name="registeredInDistrict" valuePropName="checked" {...problems.at('registeredInDistrict')}>
          <Checkbox>{m.registeredInDistrict}</Checkbox>
        </Form.Item>
        {problems.general && <Alert type="error" title={problems.general} data-testid="form-problem" />}
      </Form>
    </Modal>
  );
}

/** Putting on or taking off the blacklist, with the reason the audit log keeps. */
function BlacklistDialog({ enterprise, onClose }: { enterprise: EnterpriseView | null; onClose: () => void }) {
  const m = useMessages(adminMessages);
  const [form] = Form.useForm<{ reason: string }>();
  const change = useChangeEnterprise();
  const problems = problemFields(change.error, ['reason', 'blacklisted']);
  if (!enterprise) return null;
  const blacklisting = !enterprise.blacklisted;
  return (
    <Modal
      open
      title={`${blacklisting ? m.blacklist : m.unblacklist} · ${enterprise.name}`}
      okText={m.save}
      cancelText={m.cancel}
      okButtonProps={{ danger: blacklisting }}
      onOk={() => form.submit()}
      confirmLoading={change.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="blacklist"
        onFinish={({ reason }) =>
          change.mutate(
            { id: enterprise.id, changes: { blacklisted: blacklisting, ...(reason?.trim() && { reason: reason.trim() }) } },
            {
              onSuccess: () => {
                change.reset();
                onClose();
              },
            },
          )
        }
      >
        {/* The API requires the reason for blacklisting; its answer is shown here. */}
        <Form.Item name="reason" label={m.reason} extra={m.reasonHint} {...problems.at('reason')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {problems.general && <Alert type="error" title={problems.general} data-testid="form-problem" />}
      </Form>
    </Modal>
  );
}

export function EnterprisesPage() {
  const m = useMessages(adminMessages);
  const enterprises = useInfiniteQuery(enterprisesQuery);
  const change = useChangeEnterprise();
  const [registering, setRegistering] = useState(false);
  const [blacklisting, setBlacklisting] = useState<EnterpriseView | null>(null);
  const rows = enterprises.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <main aria-labelledby="enterprises-title">
      <Typography.Title level={1} id="enterprises-title" style={{ fontSize: 22 }}>
        {m.enterprises}
      </Typography.Title>
      <Button type="primary" onClick={() => setRegistering(true)} style={{ marginBottom: 16 }}>
        {m.newEnterprise}
      </Button>
      {change.error && <Alert type="error" title={change.error.message} style={{ marginBottom: 16 }} />}
      <Table<EnterpriseView>
        size="small"
        rowKey="id"
        loading={enterprises.isPending}
        pagination={false}
        dataSource={rows}
        data-testid="enterprises-table"
        columns={[
          { title: m.id, dataIndex: 'id' },
          { title: m.name, dataIndex: 'name' },
          { title: m.organisation, dataIndex: 'organisation' },
          { title: m.registeredInDistrict, dataIndex: 'registeredInDistrict', render: (r: boolean) => (r ? m.yes : m.no) },
          { title: m.blacklisted, dataIndex: 'blacklisted', render: (b: boolean) => (b ? <Tag color="red">{m.blacklisted}</Tag> : m.no) },
          { title: m.createdAt, dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
          {
            title: m.actions,
            key: 'actions',
            render: (_: unknown, e) => (
              <Space size={0} wrap>
                <Button type="link" size="small" danger={!e.blacklisted} onClick={() => setBlacklisting(e)} aria-label={`${e.blacklisted ? m.unblacklist : m.blacklist} ${e.name}`}>
                  {e.blacklisted ? m.unblacklist : m.blacklist}
                </Button>
                <Button type="link" size="small" onClick={() => change.mutate({ id: e.id, changes: { registeredInDistrict: !e.registeredInDistrict } })} aria-label={`${e.registeredInDistrict ? m.markOutsideDistrict : m.markInDistrict} ${e.name}`}>
                  {e.registeredInDistrict ? m.markOutsideDistrict : m.markInDistrict}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {enterprises.hasNextPage && (
        <Button style={{ marginTop: 8 }} onClick={() => void enterprises.fetchNextPage()} loading={enterprises.isFetchingNextPage}>
          {m.loadMore}
        </Button>
      )}
      <RegisterDialog open={registering} onClose={() => setRegistering(false)} />
      <BlacklistDialog key={blacklisting?.id ?? 'none'} enterprise={blacklisting} onClose={() => setBlacklisting(null)} />
    </main>
  );
}
