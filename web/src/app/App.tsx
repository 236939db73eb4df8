// Providers (language, Ant Design's locale, server state) around the router.
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
// Ant Design's styles as one stylesheet (zero runtime): generating them in the browser
// on the first render was most of the inbox's time to its first rows.
import 'antd/dist/antd.css';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Router } from '../lib/router';
import { dayjs } from '../lib/dates';
import { I18nProvider, useI18n } from '../lib/i18n';
import { queryClient } from '../lib/query-client';
import { routes } from './router';
import { NotFound, Shell } from './Shell';

// Ant Design's default blue and its lighter greys fall below WCAG AA contrast on
// white (axe: color-contrast); these keep the look with darker shades.
const OFFICE_THEME = {
  zeroRuntime: true,
  token: {
    colorPrimary: '#1f4e9c',
    // Errors under fields and danger buttons: Ant Design's red is 3.9:1 on white.
    colorError: '#b42318',
    colorLink: '#1f4e9c',
    colorLinkHover: '#163a75',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.6)',
  },
};

function Localised() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={OFFICE_THEME}>
      <AntApp>
        <Router routes={routes} layout={Shell} notFound={<NotFound />} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <Localised />
      </QueryClientProvider>
    </I18nProvider>
  );
}
