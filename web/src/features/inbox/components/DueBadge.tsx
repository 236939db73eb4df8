import { Tag } from 'antd';
import { dayjs, formatDateTime } from '../../../lib/dates';
import { useI18n } from '../../../lib/i18n';

/** Red when overdue, orange within a day, green otherwise; the time itself beside it. */
export function DueBadge({ dueAt }: { dueAt: string | null }) {
  const { t } = useI18n();
  if (!dueAt) return <Tag>{t('noDue')}</Tag>;
  const hoursLeft = dayjs(dueAt).diff(dayjs(), 'hour', true);
  // Solid dark shades: Ant Design's light preset tags fall below AA contrast.
  const [color, label] = hoursLeft < 0 ? ['#a8071a', t('overdue')] : hoursLeft < 24 ? ['#ad4e00', t('dueSoon')] : ['#237804', t('onTime')];
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Tag color={color}>{label}</Tag>
      <time dateTime={dueAt}>{formatDateTime(dueAt)}</time>
    </span>
  );
}
