import { createMimeMessage } from 'mail-mime-builder';
import type { Env } from '../env';
import { frDate, plural } from './format';
import { SEVERITY_LABELS, type Severity } from './rules';

export interface DigestAlert {
  severity: Severity;
  message: string;
}

export interface Digest {
  programmeName: string;
  asOf: string;
  opened: DigestAlert[];
  resolved: DigestAlert[];
  open: DigestAlert[];
}

/** Long lists are cut: the spreadsheet and GET /v1/alerts hold the rest. */
const MAX_LINES = 100;

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
const bySeverity = (a: DigestAlert, b: DigestAlert) =>
  RANK[a.severity] - RANK[b.severity] || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);

function lines(alerts: readonly DigestAlert[], withSeverity: boolean): string[] {
  const sorted = [...alerts].sort(bySeverity);
  const out = sorted
    .slice(0, MAX_LINES)
    .map((a) => `- ${withSeverity ? `[${SEVERITY_LABELS[a.severity]}] ` : ''}${a.message}`);
  if (sorted.length > MAX_LINES)
    out.push(`- … et ${plural(sorted.length - MAX_LINES, 'autre alerte', 'autres alertes')}.`);
  return out;
}

/** The French digest: subject and plain text. */
export function digestText(d: Digest): { subject: string; text: string } {
  const count = (s: Severity) => d.open.filter((a) => a.severity === s).length;
  const subject =
    `[${d.programmeName}] Contrôle du ${frDate(d.asOf)} : ` +
    `${plural(d.opened.length, 'nouvelle alerte', 'nouvelles alertes')}, ` +
    `${plural(d.resolved.length, 'alerte levée', 'alertes levées')}`;
  const text = [
    `Contrôle nocturne du programme « ${d.programmeName} » au ${frDate(d.asOf)}.`,
    '',
    `${plural(d.open.length, 'alerte ouverte', 'alertes ouvertes')} : ${plural(count('critical'), 'critique')}, ` +
      `${plural(count('warning'), 'à surveiller', 'à surveiller')}, ${plural(count('info'), 'pour information', 'pour information')}.`,
    '',
    `Nouvelles alertes (${d.opened.length})`,
    ...(d.opened.length ? lines(d.opened, true) : ['- aucune']),
    '',
    `Alertes levées (${d.resolved.length})`,
    ...(d.resolved.length ? lines(d.resolved, false) : ['- aucune']),
    '',
    `Toutes les alertes ouvertes (${d.open.length})`,
    ...(d.open.length ? lines(d.open, true) : ['- aucune']),
    '',
    'Le détail est dans l’onglet « Alertes » du classeur de suivi.',
    '',
  ].join('\r\n');
  return { subject, text };
}

/** Base64 of the text's UTF-8 bytes, in chunks (a spread of a long text would overflow the stack). */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A complete RFC 5322 message for `EmailMessage` (Cloudflare's binding sends raw MIME and adds
 * nothing but its own headers), built by mail-mime-builder (mimetext's API without its
 * core-js runtime, which would add 30 KB gzip to the worker): encoded sender name and
 * subject, UTF-8 text/plain body. The builder takes a body as given, so it is encoded here,
 * in base64 cut into the 76-character lines RFC 2045 asks for.
 */
export function mimeMessage(m: {
  from: string;
  to: string;
  subject: string;
  text: string;
  date: Date;
  messageId: string;
  /** The sender's name as mail clients show it. */
  fromName?: string;
}): string {
  const msg = createMimeMessage();
  msg.setSender({ name: m.fromName ?? 'Contrôle VELI VELO', addr: m.from });
  msg.setRecipient(m.to);
  msg.setSubject(m.subject);
  msg.setHeader('Date', m.date.toUTCString().replace('GMT', '+0000'));
  msg.setHeader('Message-ID', `<${m.messageId}>`);
  msg.addMessage({
    contentType: 'text/plain',
    charset: 'utf-8',
    encoding: 'base64',
    data: base64(m.text).replace(/.{76}/g, '$&\r\n'),
  });
  return msg.asRaw();
}

export const digestRecipients = (env: Env) =>
  (env.ALERT_EMAILS ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);

/**
 * Sends the digest to each configured address (one message per recipient: the binding takes
 * one envelope recipient). Returns how many went out; null when e-mail is not configured.
 */
export async function sendDigest(env: Env, d: Digest, now: Date): Promise<number | null> {
  const recipients = digestRecipients(env);
  if (!recipients.length || !env.SEND_EMAIL) return null;
  const from = env.ALERT_SENDER?.trim();
  if (!from) throw new Error('ALERT_SENDER manquant : adresse d’expédition du récapitulatif non configurée');
  const { subject, text } = digestText(d);
  for (const to of recipients) await sendMail(env.SEND_EMAIL, { from, to, subject, text }, now);
  return recipients.length;
}

/** One French message to one address through the `send_email` binding (the digest's, the reminders'). */
export async function sendMail(
  binding: SendEmail,
  m: { from: string; to: string; subject: string; text: string; fromName?: string },
  now: Date,
) {
  // Loaded here, not at the top: Node tooling (OpenAPI generation, tests) imports the app
  // without the Workers runtime, and only a configured e-mail needs this module.
  const { EmailMessage } = await import('cloudflare:email');
  const domain = m.from.split('@')[1] ?? 'localhost';
  const raw = mimeMessage({ ...m, date: now, messageId: `${crypto.randomUUID()}@${domain}` });
  await binding.send(new EmailMessage(m.from, m.to, raw));
}
