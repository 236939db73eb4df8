// The header's links: each page a role works in adds one line here; `roles` empty
// means every signed-in person sees it.
import type { Role } from '../lib/api-types';

export interface NavItem {
  path: string;
  label: { zh: string; en: string };
  roles: readonly Role[];
}

export const navItems: NavItem[] = [
  { path: '/', label: { zh: '待办', en: 'Inbox' }, roles: ['officer', 'expert', 'committee', 'finance', 'supervisor', 'ops'] },
  { path: '/my-cases', label: { zh: '我的申报', en: 'My cases' }, roles: ['applicant'] },
  { path: '/apply', label: { zh: '在线申报', en: 'Apply' }, roles: ['applicant'] },
  { path: '/programs', label: { zh: '办事指南', en: 'Program guides' }, roles: [] },
  { path: '/notifications', label: { zh: '消息', en: 'Notifications' }, roles: [] },
  { path: '/admin/mail', label: { zh: '邮件设置', en: 'E-mail' }, roles: ['admin'] },
  { path: '/ops', label: { zh: '运行监控', en: 'Operations' }, roles: ['ops', 'supervisor'] },
  { path: '/ops/cases', label: { zh: '案件查询', en: 'Case search' }, roles: ['ops', 'supervisor'] },
  { path: '/policy-preview', label: { zh: '政策修订预览', en: 'Policy preview' }, roles: ['committee', 'supervisor', 'ops'] },
  { path: '/admin/users', label: { zh: '用户', en: 'Users' }, roles: ['admin'] },
  { path: '/admin/enterprises', label: { zh: '企业', en: 'Enterprises' }, roles: ['admin'] },
  { path: '/admin/notices', label: { zh: '年度通知', en: 'Annual notices' }, roles: ['admin'] },
];

export const navFor = (role: string): NavItem[] => navItems.filter((item) => item.roles.length === 0 || (item.roles as readonly string[]).includes(role));
