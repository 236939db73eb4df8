// Every date the office reads is Beijing time, whatever the browser's zone.
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);
export const OFFICE_ZONE = 'Asia/Shanghai';

export const inOffice = (iso: string) => dayjs(iso).tz(OFFICE_ZONE);
export const formatDateTime = (iso: string | null | undefined) => (iso ? inOffice(iso).format('YYYY-MM-DD HH:mm') : '—');
export const formatDate = (iso: string | null | undefined) => (iso ? inOffice(iso).format('YYYY-MM-DD') : '—');
export { dayjs };
