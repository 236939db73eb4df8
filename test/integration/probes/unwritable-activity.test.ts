// An activity that meets data PostgreSQL can never store (here a case started with a
// NUL in its evidence, past the API that would refuse it) does not retry for ever: it
// fails non-retryably, naming the database's reason, and the case fails with it where
// ops see it, instead of sitting in progress with no row in the read model.
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { expect, it } from 'vitest';
import { createActivities } from '../../../activities/index.js';
import { UNWRITABLE_DATA } from '../../../activities/unwritable-data.js';
import { useCaseHarness } from '../../support/case-harness.js';
import { uniqueId } from '../../support/database.js';

const harness = useCaseHarness();

it('fails the activity non-retryably on the first attempt, and the case with it', async () => {
  const h = harness();
  const handle = await h.start({
    program: 'A5-DATA-REGISTER',
    facts: { registrationFeesFen: 1_000_000 },
    evidence: [{ kind: 'business-licence', reference: 'BL\u0000-1' }],
  });
  const failure = await handle.result().then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(WorkflowFailedError);
  const activityFailure = (failure as WorkflowFailedError).cause;
  expect(activityFailure).toBeInstanceOf(ActivityFailure);
  const cause = (activityFailure as ActivityFailure).cause as ApplicationFailure;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect(cause.type).toBe(UNWRITABLE_DATA);
  expect(cause.nonRetryable).toBe(true);
  expect(cause.message).toMatch(/recordApplication: the database can never store this data \(SQLSTATE 22P05\)/);
});

it('leaves other failures retryable', async () => {
  const h = harness();
  const activities = createActivities({ db: h.database.db });
  // A foreign key to a case not yet recorded may be satisfied by a later attempt.
  const error = await activities
    .openTask({ taskId: uniqueId('t'), caseId: uniqueId('no-such-case'), kind: 'formal-review', stage: 'formal-review', program: 'A5-DATA-REGISTER', role: 'officer' })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeDefined();
  expect(error).not.toBeInstanceOf(ApplicationFailure);
});
