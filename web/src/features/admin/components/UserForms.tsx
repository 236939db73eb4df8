// The forms of the users page, each in a dialog: a new user with an initial password,
// a change of name, role or enterprise, and a password reset. A refused save keeps
// what was typed and shows the API's problem at its field.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import type { Role, UserView } from '../../../lib/api-types';
import { useI18n, useMessages } from '../../../lib/i18n';
import { enterprisesQuery, useChangeUser, useCreateUser } from '../api/admin';
import { adminMessages } from '../messages';
import { problemFields } from './problem-fields';

export const ROLES: readonly Role[] = ['applicant', 'officer', 'expert', 'committee', 'finance', 'supervisor', 'ops', 'admin'];

function useRoleOptions() {
  const { term } = useI18n();
  return ROLES.map((role) => ({ value: role, label: term(role) }));
}

function EnterpriseSelect(props: { value?: string; onChange?: (value: string) => void; id?: string }) {
  const enterprises = useInfiniteQuery(enterprisesQuery);
  const options = (enterprises.data?.pages.flatMap((p) => p.items) ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.id}）` }));
  return <Select {...props} showSearch optionFilterProp="label" options={options} loading={enterprises.isPending} />;
}

interface NewUserValues {
  id: string;
  name: string;
  role: Role;
  enterpriseId?: string;
  organisation?: string;
  specialties?: string[];
  initialPassword: string;
}

export function NewUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const m = useMessages(adminMessages);
  const [form] = Form.useForm<NewUserValues>();
  const create = useCreateUser();
  const role = Form.useWatch('role', form);
  const roleOptions = useRoleOptions();
  const problems = problemFields(create.error, ['id', 'name', 'role', 'enterpriseId', 'organisation', 'specialties', 'initialPassword']);
  const save = (values: NewUserValues) =>
    create.mutate(
      {
        id: values.id.trim(),
        name: values.name.trim(),
        role: values.role,
        ...(values.enterpriseId && { enterpriseId: values.enterpriseId }),
        ...(values.organisation?.trim() && { organisation: values.organisation.trim() }),
        ...(values.specialties?.length && { specialties: values.specialties }),
        initialPassword: values.initialPassword,
      },
      {
        onSuccess: () => {
          form.resetFields();
          create.reset();
          onClose();
        },
      },
    );
  return (
    <Modal open={open} title={m.newUser} okText={m.create} cancelText={m.cancel} onOk={() => form.submit()} confirmLoading={create.isPending} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={save} name="new-user">
        <Form.Item name="id" label={m.id} rules={[{ required: true }]} {...problems.at('id')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={m.name} rules={[{ required: true }]} {...problems.at('name')}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={m.role} rules={[{ required: true }]} {...problems.at('role')}>
          <Select options={roleOptions} />
        </Form.Item>
        {role === 'applicant' && (
          <Form.Item name="enterpriseId" label={m.enterprise} rules={[{ required: true }]} {...problems.at('enterpriseId')}>
            <EnterpriseSelect />
          </Form.Item>
        )}
        <Form.Item name="organisation" label={m.organisation} {...problems.at('organisation')}>
          <Input />
        </Form.Item>
        {role === 'expert' && (
          <Form.Item name="specialties" label={m.specialties} {...problems.at('specialties')}>
            <Select mode="tags" />
          </Form.Item>
        )}
        <Form.Item name="initialPassword" label={m.initialPassword} extra={m.initialPasswordHint} rules={[{ required: true }]} {...problems.at('initialPassword')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {problems.general && <Alert type="error" title={problems.general} data-testid="form-problem" />}
      </Form>
    </Modal>
  );
}

interface ChangeValues {
  name: string;
  role: Role;
  enterpriseId?: string;
  organisation?: string;
}

export function ChangeUserDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const m = useMessages(adminMessages);
  const [form] = Form.useForm<ChangeValues>();
  const change = useChangeUser();
  const role = Form.useWatch('role', form);
  const roleOptions = useRoleOptions();
  const problems = problemFields(change.error, ['name', 'role', 'enterpriseId', 'organisation']);
  if (!user) return null;
  const save = (values: ChangeValues) =>
    change.mutate(
      {
        id: user.id,
        changes: {
          name: values.name.trim(),
          role: values.role,
          enterpriseId: values.role === 'applicant' ? (values.enterpriseId ?? null) : null,
          organisation: values.organisation?.trim() || null,
        },
      },
      {
        onSuccess: () => {
          change.reset();
          onClose();
        },
      },
    );
  return (
    <Modal open title={`${m.edit} · ${user.id}`} okText={m.save} cancelText={m.cancel} onOk={() => form.submit()} confirmLoading={change.isPending} onCancel={onClose} destroyOnHidden>
      <Alert type="info" title={m.changeRoleHint} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        name="change-user"
        initialValues={{ name: user.name, role: user.role as Role, enterpriseId: user.enterpriseId ?? undefined, organisation: user.organisation ?? undefined }}
      >
        <Form.Item name="name" label={m.name} rules={[{ required: true }]} {...problems.at('name')}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={m.role} {...problems.at('role')}>
          <Select options={roleOptions} />
        </Form.Item>
        {role === 'applicant' && (
          <Form.Item name="enterpriseId" label={m.enterprise} {...problems.at('enterpriseId')}>
            <EnterpriseSelect />
          </Form.Item>
        )}
        <Form.Item name="organisation" label={m.organisation} {...problems.at('organisation')}>
          <Input />
        </Form.Item>
        {problems.general && <Alert type="error" title={problems.general} data-testid="form-problem" />}
      </Form>
    </Modal>
  );
}

export function ResetPasswordDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const m = useMessages(adminMessages);
  const [form] = Form.useForm<{ password: string }>();
  const change = useChangeUser();
  const problems = problemFields(change.error, ['password']);
  if (!user) return null;
  return (
    <Modal open title={`${m.resetPassword} · ${user.id}`} okText={m.save} cancelText={m.cancel} onOk={() => form.submit()} confirmLoading={change.isPending} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        name="reset-password"
        onFinish={({ password }) =>
          change.mutate(
            { id: user.id, changes: { password } },
            {
              onSuccess: () => {
                change.reset();
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="password" label={m.newPassword} extra={m.resetHint} rules={[{ required: true }]} {...problems.at('password')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {problems.general && <Alert type="error" title={problems.general} data-testid="form-problem" />}
      </Form>
    </Modal>
  );
}
