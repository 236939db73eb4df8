// How stages and Update handlers call activities. Writes to the read model go through
// the case's ordered projection queue (projection.ts); reads, money movements and the
// application are regular activities. Runs that began before the ordered path keep the
// kinds they were recorded with until they move to it.
import type { Activities } from '../../activities/index.js';
import type { ProjectionArgs, ProjectionName } from '../../activities/projections.js';
import { legacyActivity, regularActivity } from './activity-proxies.js';
import type { CaseState } from './case-state.js';
import { project, projectAndWait, projectsInOrder } from './projection.js';

const projectionNames = new Set<string>([
  'openTask',
  'closeTask',
  'assignTask',
  'escalateTask',
  'notify',
  'recordStage',
  'recordCorrection',
  'closeCase',
  'recordSeat',
  'closePanel',
  'recordYearlyReport',
  'recordAudit',
] satisfies ProjectionName[]);

// The run's case (module state is per workflow run).
let boundCase: CaseState | undefined;

/** Call once at the start of a run, before any activity. */
export function bindActivitiesToCase(state: CaseState): void {
  boundCase = state;
}

/** The run's case while it writes through the ordered queue (no-empty-tasks.ts asks). */
export function boundCaseOnOrderedPath(): CaseState | undefined {
  return boundCase?.writePath === 'ordered' ? boundCase : undefined;
}

function facade(site: 'stage' | 'handler'): Activities {
  return new Proxy({} as Activities, {
    get(_target, property: string) {
      const name = property as keyof Activities;
      return (args: unknown, ...rest: unknown[]) => {
        const state = boundCase;
        if (!state) throw new Error('activities used before bindActivitiesToCase');
        if (projectsInOrder(state)) {
          if (!projectionNames.has(name)) return (regularActivity(name) as (...a: unknown[]) => Promise<unknown>)(args, ...rest);
          const write = name as ProjectionName;
          // Stages go on at once; a handler answers once its write is in the read model.
          if (site === 'handler') return projectAndWait(state, write, args as ProjectionArgs<typeof write>);
          project(state, write, args as ProjectionArgs<typeof write>);
          return Promise.resolve();
        }
        return (legacyActivity(site, name) as (...a: unknown[]) => Promise<unknown>)(args, ...rest);
      };
    },
  });
}

/** For the stages (the main flow). */
export const activities = facade('stage');

/** For Update handlers. */
export const handlerActivities = facade('handler');
