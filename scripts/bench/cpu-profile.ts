// Where a page's main thread spends a load: a CPU profile taken through the DevTools
// protocol, summed by self time per function and per script, with the idle time and
// the engine's own work (garbage collection, style and layout show as "(program)").
import type { CDPSession, Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface ProfileSummary {
  totalMs: number;
  byScript: { script: string; ms: number }[];
  topFunctions: { fn: string; ms: number }[];
}

export async function startProfile(page: Page): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return session;
}

export async function stopProfile(session: CDPSession): Promise<ProfileSummary> {
  const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  const msOf = new Map<number, number>();
  profile.samples.forEach((id, i) => msOf.set(id, (msOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalMs = 0;
  for (const node of profile.nodes) {
    const ms = msOf.get(node.id) ?? 0;
    if (ms === 0) continue;
    totalMs += ms;
    const script = node.callFrame.url ? new URL(node.callFrame.url).pathname : '(engine)';
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${script}:${node.callFrame.lineNumber}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const top = <K>(m: Map<K, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return {
    totalMs: Math.round(totalMs),
    byScript: top(byScript, 10).map(([script, ms]) => ({ script, ms: Math.round(ms) })),
    topFunctions: top(byFunction, 15).map(([fn, ms]) => ({ fn, ms: Math.round(ms) })),
  };
}
