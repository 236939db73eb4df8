// Providers (language, Ant Design's locale, server state) around the router.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { Router } from '../lib/router';
import { ApiProblem } from '../lib/api-client';
import { dayjs } from '../lib/dates';
import { I18nProvider, useI18n } from '../lib/i18n';
import { routes } from './router';
import { NotFound, Shell } from './Shell';

// Ant Design's default blue and its lighter greys fall below WCAG AA contrast on
// white (axe: color-contrast); these keep the look with darker shades.
const OFFICE_THEME = {
  token: {
    colorPrimary: '#1f4e9c',
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
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // A 4xx will answer the same again: show it rather than retrying.
          queries: { retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2, refetchOnWindowFocus: false },
        },
      }),
  );
  return (
    <I18nProvider>
      <QueryClientProvider client={client}>
        <Localised />
      </QueryClientProvider>
    </I18nProvider>
  );
}
