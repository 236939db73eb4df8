// E-mail through a real SMTP server (smtp-server, started here on 127.0.0.1) from the
// real mail sender process: nothing while SMTP is off; bad settings refused naming the
// field; every notification arrives once, also when the sender is killed mid-batch and
// started again; a message the server refuses for good is given up, not retried.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { inArray } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailDeliveries, mailSettings, notifications } from '../../db/schema.js';
import { createMailSender } from '../../mail/sender.js';
import { createTestEnterprise, createTestUser, TEST_SECRET } from '../support/api-client.js';
import type { TestUser } from '../support/api-client.js';
import { uniqueId } from '../support/database.js';
import { seedCase, startHarness } from './api/fixtures.js';
import type { ApiHarness } from './api/fixtures.js';

/** The body as written (nodemailer sends non-ASCII text quoted-printable). */
function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i] as string, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

interface Received {
  messageId: string;
  to: string;
  text: string;
}

/** A local SMTP receiver that can hold one message unanswered (to kill the sender meanwhile). */
class Receiver {
  readonly accepted: Received[] = [];
  private holdAfter: number | undefined;
  private onHeld: ((held: Received) => void) | undefined;
  readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      if (address.address.startsWith('refused-')) return callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
      callback();
    },
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head = '', ...body] = raw.split('\r\n\r\n');
        const header = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(head)?.[1]?.trim() ?? '';
        const text = decodeQuotedPrintable(body.join('\r\n\r\n'));
        const message = { messageId: header('Message-ID'), to: header('To'), text };
        if (this.holdAfter !== undefined && this.accepted.length >= this.holdAfter) {
          // Never answered: the sender is killed while it waits for the 250.
          this.holdAfter = undefined;
          this.onHeld?.(message);
          return;
        }
        this.accepted.push(message);
        callback();
      });
    },
  });

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  /** Resolves with the message after `count` accepted ones, which is left unanswered. */
  holdMessageAfter(count: number): Promise<Received> {
    this.holdAfter = count;
    return new Promise((resolve) => (this.onHeld = resolve));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let h: ApiHarness;
let admin: TestUser;
let receiver: Receiver;
let smtpPort: number;
const children: ChildProcess[] = [];
let senderLog = '';

function startSender(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../mail/main.ts', import.meta.url))], {
    env: { ...process.env, AUTH_SECRET: TEST_SECRET, MAIL_BATCH_SIZE: '4', MAIL_LEASE_SECONDS: '4', MAIL_IDLE_MS: '100', WORKSPACE_URL: 'http://office.example/' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Read, so its log can never fill the pipe and stall it; kept for a failing assertion's message.
  child.stderr?.on('data', (chunk: Buffer) => (senderLog += chunk.toString('utf8')));
  children.push(child);
  return child;
}
const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

const putSettings = (body: object) => h.app.inject({ method: 'PUT', url: '/mail-settings', headers: admin.headers, payload: body });
const onLocalReceiver = () => ({ enabled: true, host: '127.0.0.1', port: smtpPort, secure: false, fromAddress: 'office@subsidy.test' });

/** People with unique addresses, so this file counts only its own mail in a shared database. */
async function withEmail(role: 'officer' | 'applicant', options: { enterpriseId?: string; refused?: boolean } = {}): Promise<TestUser & { email: string }> {
  const user = await createTestUser(h.database.db, role, options.enterpriseId ? { enterpriseId: options.enterpriseId } : {});
  const email = `${options.refused ? 'refused-' : ''}${user.actor.userId}@subsidy.test`.toLowerCase();
  const res = await h.app.inject({ method: 'PATCH', url: `/users/${user.actor.userId}`, headers: admin.headers, payload: { email } });
  expect(res.statusCode, res.body).toBe(200);
  return { ...user, email };
}

async function notificationsTo(count: number, values: { recipientRole: 'officer' | 'applicant'; caseId?: string; kind?: string }): Promise<number[]> {
  const rows = await h.database.db
    .insert(notifications)
    .values(Array.from({ length: count }, (_, i) => ({ eventKey: uniqueId('mail-event'), kind: 'reminder', message: `reminder ${i}`, ...values })))
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

const deliveriesOf = (ids: number[]) => h.database.db.select().from(mailDeliveries).where(inArray(mailDeliveries.notificationId, ids));

beforeAll(async () => {
  h = await startHarness();
  admin = await createTestUser(h.database.db, 'admin');
  // The settings are one row: start from none (another file may have set some).
  await h.database.db.delete(mailSettings);
  receiver = new Receiver();
  smtpPort = await receiver.listen();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // No SMTP for the files after this one (the settings are one row).
  await h?.database.db.delete(mailSettings);
  await receiver?.close();
  await h?.close();
});

describe('e-mail through SMTP', () => {
  it('refuses bad settings naming the field, and never serves the password back', async () => {
    for (const [body, field] of [
      [{ ...onLocalReceiver(), port: 70_000 }, 'body.port'],
      [{ ...onLocalReceiver(), host: 'smtp example' }, 'body.host'],
      [{ ...onLocalReceiver(), fromAddress: 'not an address' }, 'body.fromAddress'],
      [{ ...onLocalReceiver(), username: 'office' }, 'body.password'],
      [{ ...onLocalReceiver(), password: 'secret-only' }, 'body.username'],
    ] as const) {
      const res = await putSettings(body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const saved = await putSettings({ ...onLocalReceiver(), enabled: false, username: 'office', password: 'smtp-password-1' });
    expect(saved.statusCode, saved.body).toBe(200);
    const got = await h.app.inject({ url: '/mail-settings', headers: admin.headers });
    expect(got.json()).toMatchObject({ configured: true, enabled: false, username: 'office', passwordSet: true });
    expect(got.body).not.toContain('smtp-password-1');
    const [row] = await h.database.db.select().from(mailSettings);
    expect(row?.passwordSealed).not.toContain('smtp-password-1');
    // Without a login again, as the receiver here takes none.
    expect((await putSettings({ ...onLocalReceiver(), enabled: false, username: null, password: null })).json()).toMatchObject({ username: null, passwordSet: false });
  });

  it('sends nothing while SMTP is off', async () => {
    const officer = await withEmail('officer');
    expect((await putSettings({ ...onLocalReceiver(), enabled: false })).statusCode).toBe(200);
    const ids = await notificationsTo(3, { recipientRole: 'officer' });
    const sender = createMailSender({ db: h.database.db, secret: TEST_SECRET });
    while ((await sender.runOnce()).lookedAt > 0);
    expect(await deliveriesOf(ids)).toEqual([]);
    expect(receiver.accepted.filter((m) => m.to.includes(officer.email))).toEqual([]);
    // Passed over for good: turning SMTP on later does not send what was written while it was off.
    expect((await putSettings(onLocalReceiver())).statusCode).toBe(200);
    await sender.runOnce();
    expect(await deliveriesOf(ids)).toEqual([]);
  });

  it('delivers each notification once, also when the sender is killed mid-batch and restarted', { timeout: 90_000 }, async () => {
    expect((await putSettings(onLocalReceiver())).statusCode).toBe(200);
    const officers = [await withEmail('officer'), await withEmail('officer'), await withEmail('officer')];
    const refused = await withEmail('officer', { refused: true });
    const enterpriseId = await createTestEnterprise(h.database.db);
    const applicant = await withEmail('applicant', { enterpriseId });
    const { caseId } = await seedCase(h, enterpriseId, { stage: 'closed', status: 'completed' });
    const ids = [...(await notificationsTo(6, { recipientRole: 'officer' })), ...(await notificationsTo(2, { recipientRole: 'applicant', caseId, kind: 'case-completed' }))];
    const ours = new Set([...officers, applicant].map((p) => p.email));
    const mine = () => receiver.accepted.filter((m) => ours.has(m.to));
    const expected = 6 * officers.length + 2;

    // The 6th message is left unanswered, and the sender is killed while it waits.
    const held = receiver.holdMessageAfter(receiver.accepted.length + 5);
    const first = startSender();
    const heldMessage = await held;
    first.kill('SIGKILL');
    await exited(first);
    const acceptedBeforeKill = mine().length;
    expect(acceptedBeforeKill).toBeLessThanOrEqual(5);
    const inFlight = (await deliveriesOf(ids)).find((d) => d.messageId === heldMessage.messageId);
    expect(inFlight).toMatchObject({ status: 'sending', attempts: 1 });

    // Started again: what the killed sender held comes back once its lease runs out.
    const second = startSender();
    await expect
      .poll(async () => (await deliveriesOf(ids)).filter((d) => ours.has(d.toAddress) && d.status === 'sent').length, { timeout: 60_000, interval: 250 })
      .toBe(expected);
    second.kill('SIGTERM');
    expect(await exited(second), senderLog).toBe(0);

    const received = mine().map((m) => m.messageId);
    expect(received).toHaveLength(expected);
    expect(new Set(received).size).toBe(expected);
    const deliveries = await deliveriesOf(ids);
    expect(new Set(received)).toEqual(new Set(deliveries.filter((d) => ours.has(d.toAddress)).map((d) => d.messageId)));
    expect(deliveries.find((d) => d.messageId === heldMessage.messageId)).toMatchObject({ status: 'sent', attempts: 2 });
    // Refused for good (550): given up after one try, never sent again.
    const toRefused = deliveries.filter((d) => d.toAddress === refused.email);
    expect(toRefused).toHaveLength(6);
    expect(toRefused.every((d) => d.status === 'failed' && d.attempts === 1)).toBe(true);
    // Each says it in Chinese and English, with a link to the case.
    const toApplicant = mine().find((m) => m.to === applicant.email);
    expect(toApplicant?.text).toContain(`http://office.example/app/cases/${caseId}`);
    expect(toApplicant?.text).toContain(`案件 ${caseId} 已结案：已完成`);
    expect(toApplicant?.text).toContain(`Case ${caseId} is closed: completed`);
  });
});
