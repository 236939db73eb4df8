// An activity that meets data PostgreSQL can never store (here data sent past the API
// that would refuse it) does not retry for ever: it fails non-retryably, naming the
// database's reason. A case started with it fails with that reason where ops see it,
// instead of sitting in progress with no row in the read model; a read-model write of
// a running case (through applyProjections) is set aside and kept in the case's view,
// and the case goes on.
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { expect, it } from 'vitest';
import { createActivities } from '../../../activities/index.js';
import { UNWRITABLE_DATA } from '../../../activities/unwritable-data.js';
import { applicantOf, useCaseHarness } from '../../support/case-harness.js';
import { uniqueId } from '../../support/database.js';
import { caseViewQuery, withdrawUpdate } from '../../../workflows/subsidy-case/messages.js';

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

it('sets aside a read-model write the database can never take: the case goes on and its view says why', async () => {
  const h = harness();
  const enterpriseId = await h.enterprise();
  const handle = await h.start({ program: 'A5-DATA-REGISTER', facts: { registrationFeesFen: 1_000_000 }, enterpriseId });
  await h.openTask(handle, 'formal-review');
  // The API refuses such a reason; sent straight to the case, its closing write cannot be stored.
  await handle.executeUpdate(withdrawUpdate, { args: [{ actor: applicantOf(enterpriseId), reason: 'changed\u0000mind' }] });
  expect(await h.outcome(handle)).toMatchObject({ status: 'withdrawn' });
  const view = await handle.query(caseViewQuery);
  expect(view.projectionFailures).toEqual(
    expect.arrayContaining([expect.objectContaining({ message: expect.stringMatching(/applyProjections: the database can never store this data \(SQLSTATE 22/) })]),
  );
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
