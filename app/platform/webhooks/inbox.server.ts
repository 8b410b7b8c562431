/**
 * The webhook inbox's group commit. Each verified delivery becomes one row of
 * WebhookEvent, unique on (shop, eventId). Deliveries that arrive while a
 * write is in flight wait in a bounded buffer and go out together in the next
 * multi-row INSERT … ON CONFLICT DO NOTHING RETURNING; every caller's promise
 * settles only after the statement holding its row has committed:
 * - resolves `true` (stored) or `false` (a duplicate: the row already existed);
 * - rejects with InboxFullError at once when the buffer is full, or with the
 *   database's error when the write fails: nothing has been acknowledged, so
 *   the caller answers 5xx and Shopify delivers again.
 * A failed batch is written again row by row, so one unstorable row (say,
 * invalid JSON, which the json column refuses) cannot fail the deliveries
 * that came with it; that row's promise rejects with UnstorableDeliveryError.
 * After each commit, `onCommitted` hears the shops that got new rows.
 * The statement goes straight to a connection pool (the server gives the
 * inbox its own, db.server.ts `inboxPool`), not through Prisma: its query
 * compiler would handle every payload byte once more on the hot path.
 */
import type { DeliveryHeaders } from './types';

/** One delivery to store: its verified headers and its body. */
export interface InboxRow extends DeliveryHeaders {
  /**
   * The delivery's body: a JSON document, stored in a json column as it is.
   * A Buffer travels to the database as the bytes received (binary format:
   * for json, the text itself), neither decoded nor parsed here.
   */
  payload: string | Buffer;
}

export interface InboxOptions {
  /** Rows buffered or being written before new deliveries are refused (default 5,000). */
  maxPendingRows?: number;
  /** Payload bytes buffered or being written before new deliveries are refused (default 64 MB). */
  maxPendingBytes?: number;
  /** Rows in one INSERT (default 500). */
  maxBatchRows?: number;
  /**
   * INSERTs in flight at once (default 1). With 2 and a pool of 2
   * connections, the next batch is already waiting at the database while the
   * current one executes, so the database never idles on a round trip.
   */
  maxConcurrentWrites?: number;
  /** Called after every commit with the shops that got new rows; must not throw. */
  onCommitted?: (shops: string[]) => void;
}

/** Runs one parameterised statement and returns its rows (pg.Pool#query fits). */
export interface SqlRunner {
  query<R>(text: string, values: unknown[]): Promise<{ rows: R[] }>;
}

export class InboxFullError extends Error {
  override name = 'InboxFullError';
}

/** The database refused the row's data: the body is not JSON (or not UTF-8). Delivering it again cannot help. */
export class UnstorableDeliveryError extends Error {
  override name = 'UnstorableDeliveryError';
}

/** SQLSTATE class 22, data exception: invalid JSON (22P02), invalid UTF-8 (22021) and the like. */
function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

interface Pending {
  row: InboxRow;
  bytes: number;
  resolve(stored: boolean): void;
  reject(error: unknown): void;
}

interface Inserted {
  shop: string;
  eventId: string;
}

const key = (shop: string, eventId: string) => `${shop}\n${eventId}`;

export class WebhookInbox {
  private readonly db: SqlRunner;
  private readonly maxPendingRows: number;
  private readonly maxPendingBytes: number;
  private readonly maxBatchRows: number;
  private readonly onCommitted: (shops: string[]) => void;
  private buffer: Pending[] = [];
  private pendingRows = 0;
  private pendingBytes = 0;
  private readonly maxConcurrentWrites: number;
  private readonly writes = new Set<Promise<void>>();
  private scheduled = false;

  constructor(db: SqlRunner, options: InboxOptions = {}) {
    this.db = db;
    this.maxPendingRows = options.maxPendingRows ?? 5_000;
    this.maxPendingBytes = options.maxPendingBytes ?? 64 * 1024 * 1024;
    this.maxBatchRows = options.maxBatchRows ?? 500;
    this.onCommitted = options.onCommitted ?? (() => {});
    this.maxConcurrentWrites = Math.max(1, options.maxConcurrentWrites ?? 1);
  }

  /** Stores one delivery; settles once its row is committed (see the module comment). */
  accept(row: InboxRow): Promise<boolean> {
    const bytes = row.payload.length;
    if (this.pendingRows >= this.maxPendingRows || this.pendingBytes + bytes > this.maxPendingBytes) {
      return Promise.reject(new InboxFullError('The webhook inbox is full; try again shortly'));
    }
    return new Promise<boolean>((resolve, reject) => {
      this.buffer.push({ row, bytes, resolve, reject });
      this.pendingRows += 1;
      this.pendingBytes += bytes;
      this.schedule();
    });
  }

  /** Resolves when everything accepted so far has been written (or has failed). */
  async flush(): Promise<void> {
    while (this.scheduled || this.writes.size > 0) {
      if (this.writes.size > 0) await Promise.all(this.writes);
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Starts a write on the next turn of the event loop, so deliveries that
   * arrived in the same turn join it; what arrives while the writes are in
   * flight forms the next batch.
   */
  private schedule(): void {
    if (this.scheduled || this.writes.size >= this.maxConcurrentWrites) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.launch();
    });
  }

  private launch(): void {
    while (this.writes.size < this.maxConcurrentWrites && this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.maxBatchRows);
      const written: Promise<void> = this.write(batch).finally(() => {
        for (const pending of batch) {
          this.pendingRows -= 1;
          this.pendingBytes -= pending.bytes;
        }
        this.writes.delete(written);
        if (this.buffer.length > 0) this.schedule();
      });
      this.writes.add(written);
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    let inserted: Inserted[];
    try {
      inserted = await this.insert(batch.map((pending) => pending.row));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(
          isDataException(error) ? new UnstorableDeliveryError((error as Error).message, { cause: error }) : error,
        );
        return;
      }
      for (const pending of batch) await this.write([pending]);
      return;
    }
    const fresh = new Set(inserted.map((row) => key(row.shop, row.eventId)));
    const shops = new Set(inserted.map((row) => row.shop));
    for (const pending of batch) {
      // Two deliveries of one event in the same batch: the first is the stored one.
      const id = key(pending.row.shop, pending.row.eventId);
      pending.resolve(fresh.delete(id));
    }
    if (shops.size > 0) this.onCommitted([...shops]);
  }

  /**
   * One multi-row INSERT for the batch. Each value travels as its own
   * parameter, length-prefixed on the wire: a payload goes as the text it
   * already is, neither escaped nor parsed here; the json column validates it
   * (a body that is not JSON fails its row, see write()) and keeps it as sent.
   */
  private async insert(rows: InboxRow[]): Promise<Inserted[]> {
    const tuples: string[] = [];
    const values: unknown[] = [];
    for (const row of rows) {
      const n = values.length;
      tuples.push(
        `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, ` +
          `$${n + 6}::timestamptz AT TIME ZONE 'UTC', $${n + 7}::json, now() AT TIME ZONE 'UTC')`,
      );
      values.push(
        row.shop,
        row.topic,
        row.eventId,
        row.webhookId,
        row.apiVersion,
        row.triggeredAt?.toISOString() ?? null,
        row.payload,
      );
    }
    const { rows: inserted } = await this.db.query<Inserted>(
      `INSERT INTO "WebhookEvent" (shop, topic, "eventId", "webhookId", "apiVersion", "triggeredAt", payload, "receivedAt")
       VALUES ${tuples.join(', ')}
       ON CONFLICT (shop, "eventId") DO NOTHING
       RETURNING shop, "eventId"`,
      values,
    );
    return inserted;
  }
}
