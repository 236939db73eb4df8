// The workspace's few pages need paths, links, parameters and back/forward: this is
// all of it, on the History API. (react-router did the same for ~35 KB gzipped of the
// first screen's 350 KB budget.)
import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import type { AnchorHTMLAttributes, ComponentType, MouseEvent, ReactNode } from 'react';

export const BASE = '/app';

interface Location {
  path: string;
  params: Record<string, string>;
}

const RouterContext = createContext<{ location: Location; navigate: (to: string) => void } | null>(null);

export interface Route {
  /** e.g. /tasks/:taskId */
  path: string;
  component: ComponentType;
}

function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return null;
  }
  return params;
}

const currentPath = () => window.location.pathname.replace(new RegExp(`^${BASE}`), '') || '/';

/** Renders the first route whose path matches the address, inside `layout`. */
export function Router({ routes, layout: Layout, notFound }: { routes: Route[]; layout: ComponentType<{ children: ReactNode }>; notFound: ReactNode }) {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onPop = () => setPath(currentPath());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const found = useMemo(() => {
    for (const route of routes) {
      const params = match(route.path, path);
      if (params) return { route, params };
    }
    return null;
  }, [routes, path]);
  const value = useMemo(
    () => ({
      location: { path, params: found?.params ?? {} },
      navigate: (to: string) => {
        window.history.pushState(null, '', `${BASE}${to === '/' ? '/' : to}`);
        window.scrollTo(0, 0);
        setPath(currentPath());
      },
    }),
    [path, found],
  );
  const Page = found?.route.component;
  return (
    <RouterContext.Provider value={value}>
      <Layout>{Page ? <Page key={path} /> : notFound}</Layout>
    </RouterContext.Provider>
  );
}

function useRouter() {
  const router = useContext(RouterContext);
  if (!router) throw new Error('outside <Router>');
  return router;
}

export const useNavigate = () => useRouter().navigate;
export const useParams = (): Record<string, string | undefined> => useRouter().location.params;

/** An in-app link: a real href (open in a new tab works), handled here on a plain click. */
export function Link({ to, children, ...rest }: { to: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const { navigate } = useRouter();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a {...rest} href={`${BASE}${to}`} onClick={onClick}>
      {children}
    </a>
  );
}
