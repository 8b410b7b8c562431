/**
 * Keeps each client connection's extended-protocol batch together on the
 * embedded database's socket, and runs it in one go.
 *
 * pglite-socket serves several connections from one PGlite session and runs
 * their wire messages one at a time, keeping a connection to itself only
 * while a transaction is open. A parameterised query is a batch of messages
 * (Parse, Bind, Describe, Execute, then Sync); when a batch arrives in several
 * TCP chunks, another connection's Parse could land between this one's Parse
 * and Bind and break both. The socket asks the database `isInTransaction()`
 * before it lets another connection in, so this wrapper answers "yes" from
 * the first message of a batch until its Sync (or a simple Query, which is a
 * batch of its own): the same rule that already protects transactions.
 *
 * It also holds the batch's messages back until the Sync (or a Flush, after
 * which the client waits for answers) and hands them to PGlite as one input,
 * which PGlite runs message after message as PostgreSQL would, and writes the
 * answers back as one chunk: one pass through PGlite and one socket write per
 * query instead of one per message. PostgreSQL itself only promises answers
 * after a Sync or Flush, so clients see no difference.
 */
import type { PGlite } from '@electric-sql/pglite';

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
/** Answers are passed on once this many bytes have gathered, so a large result is not held whole. */
const ANSWER_CHUNK_BYTES = 256 * 1024;
/** Parse, Bind, Describe, Execute, Close: messages that open or continue a batch, answered at its Sync or Flush. */
const HELD = new Set([0x50, 0x42, 0x44, 0x45, 0x43]);

type StreamOptions = Parameters<PGlite['execProtocolRawStream']>[1];

function concat(parts: Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

export function keepBatchesTogether(db: PGlite): PGlite {
  let batchOpen = false;
  /** The open batch's messages, not yet run. */
  let held: Uint8Array[] = [];

  async function run(message: Uint8Array, options: StreamOptions): Promise<void> {
    const input = held.length > 0 ? concat([...held, message]) : message;
    held = [];
    let answers: Uint8Array[] = [];
    let bytes = 0;
    const pass = () => {
      if (answers.length > 0) options.onRawData(concat(answers));
      answers = [];
      bytes = 0;
    };
    await db.execProtocolRawStream(input, {
      ...options,
      onRawData: (data) => {
        // PGlite may reuse the memory it hands over once the call returns: keep copies.
        answers.push(data.slice());
        bytes += data.length;
        if (bytes >= ANSWER_CHUNK_BYTES) pass();
      },
    });
    pass();
  }

  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'isInTransaction') return () => batchOpen || target.isInTransaction();
      if (property === 'execProtocolRawStream') {
        return async (message: Uint8Array, options: StreamOptions): Promise<void> => {
          const type = message[0] ?? 0;
          if (HELD.has(type)) {
            batchOpen = true;
            // The socket hands each message over in a buffer of its own (pglite-socket: new Uint8Array(message)).
            held.push(message);
            return;
          }
          if (type === TERMINATE) {
            // PGlite ignores a Terminate only when it comes alone; the connection's unfinished batch goes with it.
            batchOpen = false;
            held = [];
            return db.execProtocolRawStream(message, options);
          }
          if (type === SYNC || type === QUERY) batchOpen = false;
          await run(message, options);
        };
      }
      if (property === 'exec') {
        // The socket rolls back with exec() when a connection leaves mid-transaction; its batch ends with it.
        return (...args: Parameters<PGlite['exec']>) => {
          batchOpen = false;
          held = [];
          return target.exec(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
