// The feed: what the cases told me, my role's pool and my enterprise, newest first;
// each says what it is about in my language and leads to its task or case.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { NotificationView } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/dates';
import { fenToYuan } from '../../../lib/money';
import { useI18n, useMessages } from '../../../lib/i18n';
import type { Lang } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { feedQuery, useMarkAllRead, useMarkRead } from '../api/notifications';
import { fill, notificationMessages } from '../messages';
import type { NotificationMessages } from '../messages';

/** A domain code as a word: Chinese from the shared dictionary, English spelled out. */
const wordOf = (term: (w: string) => string, lang: Lang, code: string | undefined) => (code ? (lang === 'zh' ? term(code) : code.replace(/-/g, ' ')) : '');

export function sentenceOf(item: NotificationView, m: NotificationMessages, term: (w: string) => string, lang: Lang): string {
  const { params } = item;
  const due = params.dueAt ? formatDateTime(params.dueAt) : '';
  const values = {
    case: item.caseId ?? '',
    task: wordOf(term, lang, params.taskKind),
    status: wordOf(term, lang, params.status),
    reason: params.reason ?? '',
    amount: fenToYuan(params.amountFen),
    message: item.message,
    due: item.topic === 'task-opened' && due ? fill(m['task-opened-due'], { due }) : due,
  };
  return fill(m[item.topic], values).trim();
}

function FeedItem({ item }: { item: NotificationView }) {
  const m = useMessages(notificationMessages);
  const { term, lang } = useI18n();
  const markRead = useMarkRead();
  const toTask = item.taskId !== null && item.taskOpen;
  const target = toTask ? `/tasks/${encodeURIComponent(item.taskId as string)}` : item.caseId ? `/cases/${encodeURIComponent(item.caseId)}` : null;
  return (
    <Card size="small" data-testid="notification" data-read={item.read} style={{ borderLeft: item.read ? undefined : '4px solid #1f4e9c' }}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap>
          {!item.read && <Tag color="#1f4e9c">{m.unread}</Tag>}
          <Typography.Text strong={!item.read}>{sentenceOf(item, m, term, lang)}</Typography.Text>
        </Space>
        <Space wrap size="middle">
          <Typography.Text type="secondary">
            <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
          </Typography.Text>
          {target && (
            <Link to={target} onClick={() => !item.read && markRead.mutate(item.id)}>
              {toTask ? m.openTask : m.openCase}
            </Link>
          )}
          {!item.read && (
            <Button size="small" onClick={() => markRead.mutate(item.id)} loading={markRead.isPending} data-testid="mark-read">
              {m.markRead}
            </Button>
          )}
        </Space>
      </Space>
    </Card>
  );
}

export function NotificationsPage() {
  const m = useMessages(notificationMessages);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const feed = useInfiniteQuery(feedQuery(unreadOnly));
  const markAll = useMarkAllRead();
  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];
  const newest = items[0]?.id;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {m.title}
      </Typography.Title>
      <Space wrap>
        <Segmented
          aria-label={m.unreadOnly}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(value) => setUnreadOnly(value === 'unread')}
          options={[
            { value: 'all', label: m.all },
            { value: 'unread', label: m.unreadOnly },
          ]}
        />
        <Button onClick={() => markAll.mutate(newest)} disabled={items.every((i) => i.read)} loading={markAll.isPending} data-testid="mark-all-read">
          {m.markAllRead}
        </Button>
      </Space>
      {feed.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={m.empty} />
      ) : (
        <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="notification-feed">
          {items.map((item) => (
            <FeedItem key={item.id} item={item} />
          ))}
        </Space>
      )}
      {feed.hasNextPage && (
        <Button onClick={() => feed.fetchNextPage()} loading={feed.isFetchingNextPage}>
          {m.loadMore}
        </Button>
      )}
    </Space>
  );
}
