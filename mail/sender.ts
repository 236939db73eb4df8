// The mail sender: a loop outside the workflows (it is I/O) that turns notifications
// into deliveries and sends each delivery once through the office's SMTP server.
//
// Once, and where it can only be at least once: a delivery is claimed under a lease,
// sent, and marked sent in the very next statement after the server's 250. A sender
// killed between that 250 and the mark leaves the row claimed; when its lease runs
// out another (or the restarted) sender sends it again, under the same Message-ID, so
// a receiving system can tell the copy for what it is. That window is one statement
// long; a kill anywhere else sends nothing twice (a message the server had not
// accepted yet was never delivered).
import nodemailer from 'nodemailer';
import type { Database } from '../db/client.js';
import { composeMail, loadNotices } from './compose.js';
import { claimDeliveries, markNotSent, markSent, releaseDeliveries } from './deliveries.js';
import type { DeliveryRow } from './deliveries.js';
import { fanOut } from './fan-out.js';
import { unseal } from './sealed-secret.js';
import { readMailSettings } from './settings.js';
import type { MailSettingsRow } from './settings.js';

export interface MailSenderOptions {
  db: Database;
  /** AUTH_SECRET: opens the sealed SMTP password. */
  secret: string;
  /** How long a claimed batch is this sender's alone (default 120 s). */
  leaseSeconds?: number;
  batchSize?: number;
  /** The wait between rounds when there was nothing to do (default 5 s). */
  idleMs?: number;
  /** The workspace's public address, for the link in each e-mail. */
  workspaceUrl?: string | undefined;
  log?: (line: string) => void;
}

export interface RoundResult {
  lookedAt: number;
  sent: number;
  notSent: number;
}

function transportFor(settings: MailSettingsRow, secret: string) {
  const password = settings.passwordSealed ? unseal(secret, settings.passwordSealed) : undefined;
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.username && password !== undefined && { auth: { user: settings.username, pass: password } }),
    // Bounded, so a silent server cannot hold a batch past its lease.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
}

/** A 5xx answer: the server refuses this message for good (bad address, policy). */
const isPermanent = (error: unknown) => {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

export function createMailSender(options: MailSenderOptions) {
  const { db, secret } = options;
  const leaseSeconds = options.leaseSeconds ?? 120;
  const batchSize = options.batchSize ?? 10;
  const log = options.log ?? (() => {});
  let stopping = false;
  let wake: (() => void) | undefined;

  /** The mark after a 250, tried again through a brief database outage: until it lands, a resend is possible. */
  async function markSentSoon(id: number): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await markSent(db, id);
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  async function sendBatch(settings: MailSettingsRow, claimed: DeliveryRow[], claimedAt: number): Promise<RoundResult> {
    const result: RoundResult = { lookedAt: 0, sent: 0, notSent: 0 };
    const notices = await loadNotices(db, [...new Set(claimed.map((d) => d.notificationId))]);
    const transport = transportFor(settings, secret);
    try {
      for (const [index, delivery] of claimed.entries()) {
        // Stop before the lease runs short: what is left goes back for the next round
        // (sending it late could race a sender that took over the expired claim).
        if (stopping || Date.now() - claimedAt > (leaseSeconds * 1000) / 2) {
          await releaseDeliveries(
            db,
            claimed.slice(index).map((d) => d.id),
          );
          break;
        }
        const notice = notices.get(delivery.notificationId);
        if (!notice) {
          await markNotSent(db, delivery, 'its notification is gone', true);
          result.notSent += 1;
          continue;
        }
        const { subject, text } = composeMail(notice, options.workspaceUrl);
        try {
          await transport.sendMail({ from: settings.fromAddress, to: delivery.toAddress, subject, text, messageId: delivery.messageId });
        } catch (error) {
          log(`mail: delivery ${delivery.deliveryKey} not sent: ${String((error as Error).message)}`);
          await markNotSent(db, delivery, String((error as Error).message), isPermanent(error));
          result.notSent += 1;
          continue;
        }
        await markSentSoon(delivery.id);
        result.sent += 1;
      }
    } finally {
      transport.close();
    }
    return result;
  }

  /** One round: look at new notifications, then send one claimed batch. */
  async function runOnce(): Promise<RoundResult> {
    const lookedAt = await fanOut(db);
    const settings = await readMailSettings(db);
    if (!settings?.enabled) return { lookedAt, sent: 0, notSent: 0 };
    const claimedAt = Date.now();
    const claimed = await claimDeliveries(db, { batch: batchSize, leaseSeconds });
    if (claimed.length === 0) return { lookedAt, sent: 0, notSent: 0 };
    return { ...(await sendBatch(settings, claimed, claimedAt)), lookedAt };
  }

  /** Rounds until stop(); a round that found work is followed at once by the next. */
  async function run(): Promise<void> {
    while (!stopping) {
      let busy = false;
      try {
        const round = await runOnce();
        busy = round.lookedAt > 0 || round.sent + round.notSent > 0;
      } catch (error) {
        log(`mail: round failed, trying again: ${String((error as Error).message)}`);
      }
      if (!busy && !stopping) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, options.idleMs ?? 5000)));
    }
  }

  return {
    runOnce,
    run,
    /** Finishes the message in flight (and marks it), hands back the rest of its batch, and ends run(). */
    stop() {
      stopping = true;
      wake?.();
    },
  };
}
