// The frame of every page: who is signed in, the language switch, sign-out; the
// sign-in and password-change screens stand in until there is a usable session.
import { useQuery } from '@tanstack/react-query';
import { Button, Layout, Space, Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { sessionQuery, useSignOut } from '../features/auth/api/session';
import { ChangePasswordPage } from '../features/auth/components/ChangePasswordPage';
import { SignInPage } from '../features/auth/components/SignInPage';
import { useI18n } from '../lib/i18n';

export function Shell() {
  const { t, term, lang, setLang } = useI18n();
  const session = useQuery(sessionQuery);
  const signOut = useSignOut();
  if (session.isPending) return <Spin fullscreen />;
  const languageSwitch = (
    <Button type="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh'}>
      {t('language')}
    </Button>
  );
  if (!session.data || session.data.passwordMustChange) {
    return (
      <>
        <div style={{ position: 'absolute', right: 16, top: 8 }}>{languageSwitch}</div>
        {session.data ? <ChangePasswordPage /> : <SignInPage />}
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
          <Link to="/" style={{ color: '#fff' }}>
            {t('inbox')}
          </Link>
        </Space>
        <Space>
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
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
