// The header's bell: the unread count, leading to the feed.
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge } from 'antd';
import { useMessages } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { unreadCountQuery } from '../api/notifications';
import { fill, notificationMessages } from '../messages';

export function NotificationBell() {
  const m = useMessages(notificationMessages);
  const { data } = useQuery(unreadCountQuery);
  const count = data?.unread ?? 0;
  const shown = data?.capped ? '999+' : String(count);
  return (
    <Link to="/notifications" aria-label={fill(m.bellLabel, { count: shown })} data-testid="notification-bell" data-state={data ? 'loaded' : 'loading'} style={{ color: '#fff', display: 'inline-flex', alignItems: 'center', marginInlineEnd: 16, padding: 4 }}>
      {/* Dark red on white: the default badge red falls below AA contrast with its white digits. */}
      <Badge count={count} overflowCount={999} size="small" color="#a8071a" data-testid="unread-count">
        <BellOutlined style={{ color: '#fff', fontSize: 18 }} aria-hidden />
      </Badge>
    </Link>
  );
}
