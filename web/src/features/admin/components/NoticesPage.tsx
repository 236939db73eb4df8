// Annual notices (admin): each year's windows, open programs with their budgets and
// the settings its cases run on (which the notice set, which are defaults), and the
// form that publishes the next one.
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Flex, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { NoticeDefaults, NoticeView } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/dates';
import { useI18n, useMessages } from '../../../lib/i18n';
import { fenToYuan } from '../../../lib/money';
import { noticeDefaultsQuery, noticesQuery } from '../api/admin';
import { adminMessages } from '../messages';
import { durationWords } from './durations';
import { NoticeForm, startingValues } from './NoticeForm';

function NoticeDetail({ notice, defaults }: { notice: NoticeView; defaults: NoticeDefaults }) {
  const m = useMessages(adminMessages);
  const { lang } = useI18n();
  const keys = Object.keys(defaults.settings) as (keyof NoticeDefaults['settings'])[];
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid={`notice-settings-${notice.year}`}>
      {keys.map((key) => (
        <Descriptions.Item key={key} label={m[key]}>
          {durationWords(notice.settings[key], lang)}{' '}
          {notice.ownSettings.includes(key) ? <Tag color="blue">{m.ownSetting}</Tag> : <Tag>{m.byDefault}</Tag>}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

export function NoticesPage() {
  const m = useMessages(adminMessages);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const notices = useQuery(noticesQuery);
  const defaults = useQuery(noticeDefaultsQuery);
  const [publishing, setPublishing] = useState(false);

  if (notices.isPending || defaults.isPending) return <Spin />;
  if (notices.error || defaults.error) return <Alert type="error" title={(notices.error ?? defaults.error)?.message} />;
  const items = [...notices.data.items].sort((a, b) => b.year - a.year);
  const latest = items[0];
  const nextYear = latest ? latest.year + 1 : new Date().getFullYear();
  const programTitle = (code: string) => {
    const p = defaults.data.programs.find((x) => x.code === code);
    return p ? (lang === 'zh' ? p.titleZh : p.titleEn) : code;
  };

  return (
    <main aria-labelledby="notices-title">
      <Typography.Title level={1} id="notices-title" style={{ fontSize: 22 }}>
        {m.notices}
      </Typography.Title>
      {publishing ? (
        <NoticeForm
          defaults={defaults.data}
          initial={startingValues(latest, nextYear)}
          onCancel={() => setPublishing(false)}
          onDone={(year) => {
            setPublishing(false);
            void message.success(`${m.published}: ${year}`);
          }}
        />
      ) : (
        <Button type="primary" onClick={() => setPublishing(true)} style={{ marginBottom: 16 }}>
          {latest ? (lang === 'zh' ? `${m.nextYearNotice}（${nextYear}）` : `${m.nextYearNotice} (${nextYear})`) : m.newNotice}
        </Button>
      )}
      <Table<NoticeView>
        size="small"
        rowKey="year"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: m.noNotices }}
        data-testid="notices-table"
        expandable={{ expandedRowRender: (n) => <NoticeDetail notice={n} defaults={defaults.data} />, rowExpandable: () => true }}
        columns={[
          { title: m.year, dataIndex: 'year', render: (y: number) => <strong data-testid="notice-year">{y}</strong> },
          { title: m.applicationWindow, key: 'application', render: (_: unknown, n) => `${n.applicationOpensOn} — ${n.applicationClosesOn}` },
          { title: m.reportingWindow, key: 'reporting', render: (_: unknown, n) => `${n.reportingOpensOn} — ${n.reportingClosesOn}` },
          {
            title: m.programs,
            dataIndex: 'programs',
            render: (programs: NoticeView['programs']) => (
              <Flex vertical>
                {Object.entries(programs).map(([code, p]) => (
                  <span key={code}>{`${programTitle(code)}${lang === 'zh' ? '：' : ': '}${fenToYuan(p.budgetFen)}`}</span>
                ))}
              </Flex>
            ),
          },
          { title: m.createdBy, dataIndex: 'createdBy' },
          { title: m.createdAt, dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
        ]}
      />
    </main>
  );
}
