// What a correction (补正) changed, for the audit log: each fact and each evidence
// kind that differs, from what to what (null where absent on one side).
import type { Facts } from '../rules/index.js';
import type { EvidenceItem } from '../domain/vocabulary.js';

export interface Change<T> {
  from: T | null;
  to: T | null;
}

export interface CorrectionChanges {
  facts: Record<string, Change<unknown>>;
  evidence: Record<string, Change<string[]>>;
}

function referencesByKind(items: readonly EvidenceItem[]): Map<string, string[]> {
  const byKind = new Map<string, string[]>();
  for (const item of items) byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item.reference]);
  return byKind;
}

export function correctionChanges(before: { facts: Facts; evidence: readonly EvidenceItem[] }, after: { facts: Facts; evidence: readonly EvidenceItem[] }): CorrectionChanges {
  const facts: CorrectionChanges['facts'] = {};
  const names = new Set([...Object.keys(before.facts), ...Object.keys(after.facts)]) as Set<keyof Facts>;
  for (const name of [...names].sort()) {
    const from = before.facts[name] ?? null;
    const to = after.facts[name] ?? null;
    if (from !== to) facts[name] = { from, to };
  }
  const evidence: CorrectionChanges['evidence'] = {};
  const was = referencesByKind(before.evidence);
  const is = referencesByKind(after.evidence);
  for (const kind of [...new Set([...was.keys(), ...is.keys()])].sort()) {
    const from = was.get(kind) ?? null;
    const to = is.get(kind) ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) evidence[kind] = { from, to };
  }
  return { facts, evidence };
}
