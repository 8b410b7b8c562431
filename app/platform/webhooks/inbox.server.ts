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
 * invalid JSON) cannot fail the deliveries that came with it.
 * After each commit, `onCommitted` hears the shops that got new rows.
 * The statement goes straight to the app's connection pool (db.server.ts
 * `sqlPool`), not through Prisma: its query compiler would handle every
 * payload byte once more on the hot path.
 */
import type { DeliveryHeaders } from './types';

/** One delivery to store: its verified headers and its body. */
export interface InboxRow extends DeliveryHeaders {
  /** The delivery's body: a JSON document, stored as jsonb. */
  payload: string;
}

export interface InboxOptions {
  /** Rows buffered or being written before new deliveries are refused (default 5,000). */
  maxPendingRows?: number;
  /** Payload bytes buffered or being written before new deliveries are refused (default 64 MB). */
  maxPendingBytes?: number;
  /** Rows in one INSERT (default 500). */
  maxBatchRows?: number;
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
  private writing: Promise<void> | null = null;

  constructor(db: SqlRunner, options: InboxOptions = {}) {
    this.db = db;
    this.maxPendingRows = options.maxPendingRows ?? 5_000;
    this.maxPendingBytes = options.maxPendingBytes ?? 64 * 1024 * 1024;
    this.maxBatchRows = options.maxBatchRows ?? 500;
    this.onCommitted = options.onCommitted ?? (() => {});
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
      // Writes one at a time: what arrives meanwhile forms the next batch.
      this.writing ??= this.drain();
    });
  }

  /** Resolves when everything accepted so far has been written (or has failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    // Let deliveries that arrived in the same turn of the event loop join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.buffer.length > 0) {
        const batch = this.buffer.splice(0, this.maxBatchRows);
        await this.write(batch);
        for (const pending of batch) {
          this.pendingRows -= 1;
          this.pendingBytes -= pending.bytes;
        }
      }
    } finally {
      this.writing = null;
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    let inserted: Inserted[];
    try {
      inserted = await this.insert(batch.map((pending) => pending.row));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
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
   * One statement whatever the batch size: the batch travels as one JSON
   * array built by concatenation, each payload spliced in as the JSON text it
   * already is (the caller has checked it), so no payload is re-encoded.
   */
  private async insert(rows: InboxRow[]): Promise<Inserted[]> {
    const records = rows.map(
      (row) =>
        `{"shop":${JSON.stringify(row.shop)},"topic":${JSON.stringify(row.topic)},` +
        `"eventId":${JSON.stringify(row.eventId)},"webhookId":${JSON.stringify(row.webhookId)},` +
        `"apiVersion":${JSON.stringify(row.apiVersion)},"triggeredAt":${JSON.stringify(row.triggeredAt?.toISOString() ?? null)},` +
        `"payload":${row.payload}}`,
    );
    const { rows: inserted } = await this.db.query<Inserted>(
      `INSERT INTO "WebhookEvent" (shop, topic, "eventId", "webhookId", "apiVersion", "triggeredAt", payload, "receivedAt")
       SELECT d.shop, d.topic, d."eventId", d."webhookId", d."apiVersion",
              d."triggeredAt"::timestamptz AT TIME ZONE 'UTC', d.payload, now() AT TIME ZONE 'UTC'
       FROM ROWS FROM (json_to_recordset($1::json) AS (shop text, topic text, "eventId" text, "webhookId" text,
              "apiVersion" text, "triggeredAt" text, payload jsonb))
            WITH ORDINALITY AS d(shop, topic, "eventId", "webhookId", "apiVersion", "triggeredAt", payload, position)
       ORDER BY d.position
       ON CONFLICT (shop, "eventId") DO NOTHING
       RETURNING shop, "eventId"`,
      [`[${records.join(',')}]`],
    );
    return inserted;
  }
}
