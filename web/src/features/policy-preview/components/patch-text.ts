// The candidate as text: JSON, or YAML as the CLI takes it (the YAML parser is loaded
// only when the text is not JSON), and the starting text for a published version.
import type { PolicyCandidate, PolicyVersionView } from '../../../lib/api-types';

export type ParsedPatch = { ok: true; value: unknown } | { ok: false; message: string };

export async function parsePatchText(text: string): Promise<ParsedPatch> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, message: '' };
  if (trimmed.startsWith('{')) {
    try {
      return { ok: true, value: JSON.parse(trimmed) };
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
  }
  try {
    const { parse } = await import('yaml');
    return { ok: true, value: parse(trimmed) as unknown };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A patch that builds on the version and changes nothing yet: the user fills in `programs`. */
export function startingPatch(version: PolicyVersionView): string {
  const patch: PolicyCandidate = {
    id: `${version.id}-candidate`,
    // A day no published version starts on, so the candidate is in force for the version's cases from then on.
    effectiveFrom: nextDay(version.effectiveFrom),
    basedOn: version.id,
    titleZh: `${version.titleZh}（修订稿）`,
    titleEn: `${version.titleEn} (candidate)`,
    note: '',
    programs: {},
  };
  return JSON.stringify(patch, null, 2);
}
