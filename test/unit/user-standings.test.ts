// Remembered user standings: kept while listening, forgotten on each announced change,
// never kept from a read that raced a change, bounded in age.
import { describe, expect, it } from 'vitest';
import type { ChangeFeed } from '../../db/client.js';
import type { UserStanding } from '../../api/repositories/users.js';
import { rememberUntilChanged, USER_CHANGED_CHANNEL } from '../../api/user-standings.js';

/** A feed the test drives: announce() is a NOTIFY, startListening() a (re)connect. */
function fakeFeed(options: { listeningAtOnce?: boolean } = {}) {
  let notify: ((payload: string) => void) | undefined;
  let listening: (() => void) | undefined;
  const state = { channel: '', stopped: false };
  const feed: ChangeFeed = {
    async listen(channel, onNotify, onListening) {
      state.channel = channel;
      notify = onNotify;
      listening = onListening;
      if (options.listeningAtOnce !== false) onListening();
      return async () => {
        state.stopped = true;
      };
    },
  };
  return { feed, state, announce: (payload: string) => notify?.(payload), startListening: () => listening?.() };
}

/** A user table the test changes, counting reads. */
function fakeUsers() {
  const rows = new Map<string, UserStanding>([
    ['u1', { active: true, role: 'officer', enterpriseId: null }],
    ['u2', { active: true, role: 'expert', enterpriseId: null }],
  ]);
  const reads: string[] = [];
  return { rows, reads, load: async (id: string) => (reads.push(id), rows.get(id)) };
}

describe('rememberUntilChanged', () => {
  it('reads a user once, then answers from memory on the user_changed channel', async () => {
    const users = fakeUsers();
    const { feed, state } = fakeFeed();
    const standings = await rememberUntilChanged({ load: users.load, feed });
    expect(await standings.find('u1')).toEqual({ active: true, role: 'officer', enterpriseId: null });
    expect(await standings.find('u1')).toEqual({ active: true, role: 'officer', enterpriseId: null });
    expect(users.reads).toEqual(['u1']);
    expect(state.channel).toBe(USER_CHANGED_CHANNEL);
  });

  it('forgets a user when its change is announced, and everyone on "*"', async () => {
    const users = fakeUsers();
    const { feed, announce } = fakeFeed();
    const standings = await rememberUntilChanged({ load: users.load, feed });
    await standings.find('u1');
    await standings.find('u2');
    users.rows.set('u1', { active: false, role: 'officer', enterpriseId: null });
    announce('u1');
    expect((await standings.find('u1'))?.active).toBe(false);
    await standings.find('u2');
    expect(users.reads).toEqual(['u1', 'u2', 'u1']);
    announce('*');
    await standings.find('u1');
    await standings.find('u2');
    expect(users.reads).toEqual(['u1', 'u2', 'u1', 'u1', 'u2']);
  });

  it('does not keep a read that was under way when a change was announced', async () => {
    const users = fakeUsers();
    const { feed, announce } = fakeFeed();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const standings = await rememberUntilChanged({
      feed,
      load: async (id) => {
        const before = users.rows.get(id);
        await gate;
        return before;
      },
    });
    const racing = standings.find('u1');
    users.rows.set('u1', { active: false, role: 'officer', enterpriseId: null });
    announce('u1');
    release();
    expect((await racing)?.active).toBe(true); // read before the change: answered, not kept
    expect((await standings.find('u1'))?.active).toBe(false);
  });

  it('remembers nothing until listening has started, and forgets everything when it restarts', async () => {
    const users = fakeUsers();
    const { feed, startListening } = fakeFeed({ listeningAtOnce: false });
    const standings = await rememberUntilChanged({ load: users.load, feed });
    await standings.find('u1');
    await standings.find('u1');
    expect(users.reads).toEqual(['u1', 'u1']);
    startListening();
    await standings.find('u1');
    await standings.find('u1');
    expect(users.reads).toEqual(['u1', 'u1', 'u1']);
    startListening(); // a reconnect: what was announced meanwhile is lost, so all is forgotten
    await standings.find('u1');
    expect(users.reads).toEqual(['u1', 'u1', 'u1', 'u1']);
  });

  it('reads a standing again once it is older than maxAgeMs, and not after close', async () => {
    const users = fakeUsers();
    const { feed, state } = fakeFeed();
    let clock = 1_000;
    const standings = await rememberUntilChanged({ load: users.load, feed, maxAgeMs: 500, now: () => clock });
    await standings.find('u1');
    clock += 499;
    await standings.find('u1');
    expect(users.reads).toEqual(['u1']);
    clock += 1;
    await standings.find('u1');
    expect(users.reads).toEqual(['u1', 'u1']);
    await standings.close();
    expect(state.stopped).toBe(true);
    await standings.find('u1');
    await standings.find('u1');
    expect(users.reads).toEqual(['u1', 'u1', 'u1', 'u1']);
  });

  it('answers unknown users as unknown and does not remember them', async () => {
    const users = fakeUsers();
    const { feed } = fakeFeed();
    const standings = await rememberUntilChanged({ load: users.load, feed });
    expect(await standings.find('ghost')).toBeUndefined();
    users.rows.set('ghost', { active: true, role: 'finance', enterpriseId: null });
    expect((await standings.find('ghost'))?.role).toBe('finance');
  });
});
