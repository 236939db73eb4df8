// The soak's faults: which, in what order (shuffled by the seed), and when. A fault
// falls due after the office has made its share of the expected decisions since the
// last one, so faults spread over the cases' whole lives whatever the machine's speed;
// when no decision has been made for `maxGapMs` (cases stuck, or all ended), it falls
// due anyway. Each waits until the one before has recovered.
import { sleep } from './lib.js';

export type FaultKind = 'worker-kill' | 'worker-sigterm' | 'postgres-restart' | 'temporal-restart';

export interface FaultRecord {
  kind: FaultKind;
  /** Seconds since the soak started driving cases. */
  atSeconds: number;
  /** From the fault to the restarted process being ready. */
  recoveryMs: number;
  /** Decisions the office had made when it struck. */
  decisionsBefore: number;
  /** Every case had already ended: the fault hit an idle system. */
  afterAllEnded: boolean;
  error?: string;
}

/** A small seeded generator (mulberry32): the same seed gives the same schedule. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The faults in a seeded random order (Fisher–Yates). */
export function faultPlan(counts: Record<FaultKind, number>, random: () => number): FaultKind[] {
  const plan = (Object.entries(counts) as [FaultKind, number][]).flatMap(([kind, n]) => Array.from({ length: n }, () => kind));
  for (let i = plan.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }
  return plan;
}

export interface Pacing {
  /** Decisions between two faults. */
  decisionsPerFault: number;
  /** A fault is not sooner than this after the last one recovered. */
  minGapMs: number;
  /** Nor later than this once no decision has been made for this long. */
  maxGapMs: number;
}

/** Injects the plan's faults one by one until done or `stopped()`, adding each to `done` once recovered. */
export async function injectFaults(
  plan: readonly FaultKind[],
  done: FaultRecord[],
  pacing: Pacing,
  state: { decisions: () => number; allEnded: () => boolean; stopped: () => boolean; startedAt: number },
  inject: (kind: FaultKind) => Promise<void>,
  log: (line: string) => void,
): Promise<void> {
  let lastAt = performance.now();
  let decisionsAtLast = state.decisions();
  let lastDecisionAt = performance.now();
  let decisionsSeen = state.decisions();
  for (const kind of plan) {
    while (!state.stopped()) {
      if (state.decisions() !== decisionsSeen) {
        decisionsSeen = state.decisions();
        lastDecisionAt = performance.now();
      }
      const sinceFault = performance.now() - lastAt;
      const quiet = performance.now() - Math.max(lastAt, lastDecisionAt);
      const due = decisionsSeen - decisionsAtLast >= pacing.decisionsPerFault || state.allEnded() || quiet >= pacing.maxGapMs;
      if (due && sinceFault >= pacing.minGapMs) break;
      await sleep(100);
    }
    if (state.stopped()) break;
    const record: FaultRecord = { kind, atSeconds: Math.round((performance.now() - state.startedAt) / 100) / 10, recoveryMs: 0, decisionsBefore: state.decisions(), afterAllEnded: state.allEnded() };
    const started = performance.now();
    try {
      await inject(kind);
    } catch (error) {
      record.error = String(error);
      log(`fault ${kind} failed: ${record.error}`);
    }
    record.recoveryMs = Math.round(performance.now() - started);
    done.push(record);
    lastAt = performance.now();
    decisionsAtLast = state.decisions();
  }
}
