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

/** Beijing time has been UTC+8 all year since 1991: a fixed offset, without the timezone plugin's Intl call per date (a twentieth of the inbox's first render). */
export const OFFICE_OFFSET_MINUTES = 480;
export const inOffice = (iso: string) => dayjs(iso).utcOffset(OFFICE_OFFSET_MINUTES);
/** A calendar day (YYYY-MM-DD) at 00:00 office time, as an instant. */
export const officeDayStart = (day: string) => dayjs(`${day}T00:00:00+08:00`);
export const formatDateTime = (iso: string | null | undefined) => (iso ? inOffice(iso).format('YYYY-MM-DD HH:mm') : '—');
export const formatDate = (iso: string | null | undefined) => (iso ? inOffice(iso).format('YYYY-MM-DD') : '—');
export { dayjs };
