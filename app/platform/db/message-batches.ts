/**
 * Keeps each client connection's extended-protocol batch together on the
 * embedded database's socket.
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
 */
import type { PGlite } from '@electric-sql/pglite';

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
/** Parse, Bind, Describe, Execute, Close, Flush: messages that open or continue a batch. */
const BATCH = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

export function keepBatchesTogether(db: PGlite): PGlite {
  let batchOpen = false;
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'isInTransaction') return () => batchOpen || target.isInTransaction();
      if (property === 'execProtocolRawStream') {
        return (message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) => {
          const type = message[0] ?? 0;
          if (type === SYNC || type === QUERY) batchOpen = false;
          else if (BATCH.has(type)) batchOpen = true;
          return target.execProtocolRawStream(message, options);
        };
      }
      if (property === 'exec') {
        // The socket rolls back with exec() when a connection leaves mid-transaction; its batch ends with it.
        return (...args: Parameters<PGlite['exec']>) => {
          batchOpen = false;
          return target.exec(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
