// Records the histories of real lifecycle runs for the replay test, when asked to
// (`npm run record-histories`): every run of the workflow, following continue-as-new
// back to the first. Committed histories are replayed in CI against current code.
// They are stored as the protobuf bytes the server sends (this install carries two
// protobufjs copies, which the SDK's JSON encoder refuses to mix).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { historiesOfEveryRun } from '../../api/history.js';

type History = temporal.api.history.v1.IHistory;
const HistoryMessage = proto.temporal.api.history.v1.History;

export const historiesFolder = fileURLToPath(new URL('../replay/histories/', import.meta.url));

/**
 * The era of the workflow code a recording is made with. Histories of earlier eras
 * stay committed under their own names, so cases still running from then keep being
 * replayed: plain `<name>.runN.pb` (decisions written by their Update handlers),
 * `<name>.projector.runN.pb` (by the main flow, as local activities), and since the
 * patch `projections-in-order`, `<name>.ordered.runN.pb`. A new patch that changes
 * the histories gets a new era.
 */
const ERA = 'ordered';

export async function recordHistories(env: TestWorkflowEnvironment, handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(historiesFolder, { recursive: true });
  const runs = await historiesOfEveryRun(env.client, handle.workflowId);
  runs.forEach((history, index) => recordHistory(history, name, index + 1));
}

/** One run's history, when asked to record (RECORD_HISTORIES=1). */
export function recordHistory(history: History, name: string, run: number): void {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(historiesFolder, { recursive: true });
  writeFileSync(`${historiesFolder}${name}.${ERA}.run${run}.pb`, HistoryMessage.encode(history).finish());
}

export function readHistory(file: string): History {
  return HistoryMessage.decode(readFileSync(`${historiesFolder}${file}`));
}
