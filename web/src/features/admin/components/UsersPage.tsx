// Users (admin): who may sign in, in which role and for which enterprise; create with
// an initial password, change, reset the password, deactivate or reactivate.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { UserView } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/dates';
import { useI18n, useMessages } from '../../../lib/i18n';
import { useChangeUser, usersQuery } from '../api/admin';
import { adminMessages } from '../messages';
import { ChangeUserDialog, NewUserDialog, ResetPasswordDialog, ROLES } from './UserForms';

export function UsersPage() {
  const m = useMessages(adminMessages);
  const { term } = useI18n();
  const [role, setRole] = useState<string | undefined>();
  const users = useInfiniteQuery(usersQuery(role));
  const change = useChangeUser();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const rows = users.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <main aria-labelledby="users-title">
      <Typography.Title level={1} id="users-title" style={{ fontSize: 22 }}>
        {m.users}
      </Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => setCreating(true)}>
          {m.newUser}
        </Button>
        <Select aria-label={m.filterRole} placeholder={m.allRoles} allowClear style={{ width: 180 }} value={role} onChange={setRole} options={ROLES.map((r) => ({ value: r, label: term(r) }))} />
      </Space>
      {change.error && <Alert type="error" title={change.error.message} style={{ marginBottom: 16 }} />}
      <Table<UserView>
        size="small"
        rowKey="id"
        loading={users.isPending}
        pagination={false}
        dataSource={rows}
        data-testid="users-table"
        columns={[
          { title: m.id, dataIndex: 'id' },
          { title: m.name, dataIndex: 'name' },
          { title: m.role, dataIndex: 'role', render: (r: string) => term(r) },
          { title: m.enterprise, dataIndex: 'enterpriseId', render: (e: string | null) => e ?? '—' },
          { title: m.organisation, dataIndex: 'organisation', render: (o: string | null) => o ?? '—' },
          { title: m.active, dataIndex: 'active', render: (a: boolean) => (a ? m.activeYes : <Tag color="red">{m.activeNo}</Tag>) },
          { title: m.hasPassword, dataIndex: 'hasPassword', render: (p: boolean) => (p ? m.yes : m.no) },
          { title: m.createdAt, dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
          {
            title: m.actions,
            key: 'actions',
            render: (_: unknown, user) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setEditing(user)} aria-label={`${m.edit} ${user.id}`}>
                  {m.edit}
                </Button>
                <Button type="link" size="small" onClick={() => setResetting(user)} aria-label={`${m.resetPassword} ${user.id}`}>
                  {m.resetPassword}
                </Button>
                {user.active ? (
                  <Popconfirm title={m.confirmDeactivate} okText={m.deactivate} cancelText={m.cancel} onConfirm={() => change.mutate({ id: user.id, changes: { active: false } })}>
                    <Button type="link" size="small" danger aria-label={`${m.deactivate} ${user.id}`}>
                      {m.deactivate}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button type="link" size="small" onClick={() => change.mutate({ id: user.id, changes: { active: true } })} aria-label={`${m.reactivate} ${user.id}`}>
                    {m.reactivate}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {users.hasNextPage && (
        <Button style={{ marginTop: 8 }} onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
          {m.loadMore}
        </Button>
      )}
      <NewUserDialog open={creating} onClose={() => setCreating(false)} />
      <ChangeUserDialog key={editing?.id ?? 'none'} user={editing} onClose={() => setEditing(null)} />
      <ResetPasswordDialog key={resetting?.id ?? 'none-reset'} user={resetting} onClose={() => setResetting(null)} />
    </main>
  );
}
