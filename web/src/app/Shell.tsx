// The frame of every page: who is signed in, the language switch, sign-out; the
// sign-in and password-change screens stand in until there is a usable session.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Layout, Space, Spin, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Link } from '../lib/router';
import { sessionQuery, useSignOut } from '../features/auth/api/session';
import { DeferredBell } from '../features/notifications/components/DeferredBell';
// Loaded only when there is no usable session, so the inbox's first screen does not carry them.
const SignInPage = lazy(async () => ({ default: (await import('../features/auth/components/SignInPage')).SignInPage }));
const ChangePasswordPage = lazy(async () => ({ default: (await import('../features/auth/components/ChangePasswordPage')).ChangePasswordPage }));
import { useI18n } from '../lib/i18n';
import { navFor } from './nav';

export function Shell({ children }: { children: ReactNode }) {
  const { t, term, lang, setLang } = useI18n();
  const session = useQuery(sessionQuery);
  const signOut = useSignOut();
  // A blank page for the few milliseconds until the session answers (index.html asked for
  // it early): a fullscreen spinner's scroll lock cost a forced layout on the first screen.
  if (session.isPending) return <div aria-busy="true" style={{ minHeight: '100vh' }} />;
  const languageSwitch = (
    <Button type="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh'}>
      {t('language')}
    </Button>
  );
  if (!session.data || session.data.passwordMustChange) {
    return (
      <>
        <div style={{ position: 'absolute', right: 16, top: 8 }}>{languageSwitch}</div>
        <Suspense fallback={<Spin fullscreen />}>{session.data ? <ChangePasswordPage /> : <SignInPage />}</Suspense>
      </>
    );
  }
  const user = session.data.user;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#1f4e9c', paddingInline: 24 }}>
        <Space size="large">
          <Link to="/" style={{ color: '#fff', fontWeight: 600, fontSize: 16 }}>
            {t('appName')}
          </Link>
          {navFor(user.role).map((item) => (
            <Link key={item.path} to={item.path} style={{ color: '#fff' }}>
              {item.label[lang]}
            </Link>
          ))}
        </Space>
        <Space>
          <DeferredBell />
          <Typography.Text style={{ color: '#fff' }} data-testid="signed-in-as">
            {user.name}（{term(user.role)}）
          </Typography.Text>
          <Button type="link" style={{ color: '#fff' }} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh'}>
            {t('language')}
          </Button>
          <Button type="link" style={{ color: '#fff' }} onClick={() => signOut.mutate()}>
            {t('signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <Suspense fallback={<Spin />}>
          {children}
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return <Alert type="warning" title={t('notFound')} />;
}
