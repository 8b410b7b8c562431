/**
 * A local mail sink: an SMTP server (smtp-server) that accepts every message
 * and keeps it in memory, parsed (mailparser), plus an optional page listing
 * what arrived. `npm run dev` runs one (scripts/dev.ts) so the inbox's mail
 * can be read at http://localhost:4126/; the tests run one in-process and
 * assert what arrived. Development and tests only: it accepts any login and
 * offers no TLS.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SunkMail {
  id: number;
  /** The envelope: who the server was told the message is from and for. */
  envelope: { from: string; to: string[] };
  from: string;
  to: string[];
  replyTo: string | null;
  subject: string;
  text: string;
  messageId: string | null;
  inReplyTo: string | null;
  date: string;
}

export interface MailSink {
  /** smtp://127.0.0.1:<port> — what SMTP_URL should be. */
  smtpUrl: string;
  /** The page listing what arrived (when a page port was given). */
  pageUrl: string | null;
  /** Newest last. */
  readonly messages: readonly SunkMail[];
  /** Resolves with the first message (already arrived or arriving) that `match` accepts. */
  waitFor(match: (mail: SunkMail) => boolean, timeoutMs?: number): Promise<SunkMail>;
  close(): Promise<void>;
}

export interface MailSinkOptions {
  /** 0: any free port. */
  smtpPort?: number;
  /** Serve the page on this port (0: any free port); absent: no page. */
  pagePort?: number;
  host?: string;
  /** Keep at most this many messages (the oldest go first). */
  keep?: number;
}

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((entry) =>
    entry.value.map((address) => (address.name ? `${address.name} <${address.address}>` : (address.address ?? ''))),
  );

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(messages: readonly SunkMail[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (mail) => `<article>
  <h2>${escapeHtml(mail.subject || '(no subject)')}</h2>
  <dl><dt>From</dt><dd>${escapeHtml(mail.from)}</dd><dt>To</dt><dd>${escapeHtml(mail.to.join(', '))}</dd>
  <dt>Date</dt><dd>${escapeHtml(mail.date)}</dd></dl>
  <pre>${escapeHtml(mail.text)}</pre>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Mail sent by Steward (${messages.length})</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
article{border:1px solid #ccc;border-radius:8px;padding:0 1rem;margin:1rem 0}dl{display:grid;grid-template-columns:5rem 1fr}
dd{margin:0}pre{white-space:pre-wrap;background:#f6f6f7;padding:.75rem;border-radius:4px}</style></head>
<body><h1>Mail sent by Steward</h1><p>${messages.length} message(s), newest first. This page refreshes itself; <a href="/messages.json">JSON</a>.</p>
${rows || '<p>Nothing yet.</p>'}</body></html>`;
}

function listen(server: http.Server | SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = server instanceof SMTPServer ? server.server : server;
    target.once('error', reject);
    server.listen(port, host, () => {
      target.off('error', reject);
      resolve((target.address() as AddressInfo).port);
    });
  });
}

export async function startMailSink(options: MailSinkOptions = {}): Promise<MailSink> {
  const host = options.host ?? '127.0.0.1';
  const keep = options.keep ?? 500;
  const messages: SunkMail[] = [];
  const waiters = new Set<{ match: (mail: SunkMail) => boolean; resolve: (mail: SunkMail) => void }>();
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'sink' }),
    onData: (stream, session, callback) => {
      simpleParser(stream)
        .then((parsed) => {
          const mail: SunkMail = {
            id: nextId++,
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
            },
            from: addresses(parsed.from).join(', '),
            to: addresses(parsed.to),
            replyTo: addresses(parsed.replyTo).join(', ') || null,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId ?? null,
            inReplyTo: parsed.inReplyTo ?? null,
            date: (parsed.date ?? new Date()).toISOString(),
          };
          messages.push(mail);
          if (messages.length > keep) messages.shift();
          for (const waiter of waiters) {
            if (waiter.match(mail)) {
              waiters.delete(waiter);
              waiter.resolve(mail);
            }
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const smtpPort = await listen(smtp, options.smtpPort ?? 0, host);

  let web: http.Server | undefined;
  let pageUrl: string | null = null;
  if (options.pagePort !== undefined) {
    web = http.createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://sink').pathname;
      if (path === '/messages.json') {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify([...messages].reverse()));
      } else if (path === '/') {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end(page(messages));
      } else {
        response.writeHead(404).end();
      }
    });
    const pagePort = await listen(web, options.pagePort, host).catch(async (error: Error) => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      throw error;
    });
    pageUrl = `http://localhost:${pagePort}/`;
  }

  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    pageUrl,
    messages,
    waitFor(match, timeoutMs = 15_000) {
      const arrived = messages.find(match);
      if (arrived) return Promise.resolve(arrived);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error(`No matching mail within ${timeoutMs} ms`));
        }, timeoutMs).unref();
      });
    },
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (web) await new Promise<void>((resolve) => web.close(() => resolve()));
    },
  };
}
