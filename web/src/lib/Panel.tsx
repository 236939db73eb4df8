import type { ReactNode } from 'react';

/** A plain bordered box for the first screens (Ant Design's Card brings its tabs along). */
export function Panel({ width, children }: { width: number; children: ReactNode }) {
  return <div style={{ width, padding: 24, background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8 }}>{children}</div>;
}
