import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { closeDatabase, inboxPool, sqlPool } from './db.server';

/** The socket under a pooled client (pg keeps it on the client's connection). */
function socketOf(client: pg.PoolClient): { destroy(): void } {
  return (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream;
}

describe('the database pools', () => {
  it.each([
    ['app', sqlPool],
    ['inbox', inboxPool],
  ])('survive an idle connection ending (%s pool): no crash, and the next query reconnects', async (_name, pool) => {
    const client = await pool.connect();
    client.release();
    const open = pool.totalCount;
    // The connection ends while idle in the pool, as when the database closes it. Without the
    // pool's own 'error' listener the error it emits would be uncaught, and fail this file.
    socketOf(client).destroy();
    await expect.poll(() => pool.totalCount).toBe(open - 1);
    const { rows } = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(rows[0]!.one).toBe(1);
  });

  // Last in this file: the client cannot be used after it.
  it('closes both pools for shutdown', async () => {
    expect(sqlPool.totalCount + inboxPool.totalCount).toBeGreaterThan(0);
    await closeDatabase();
    expect(sqlPool.ended).toBe(true);
    expect(inboxPool.ended).toBe(true);
    expect(sqlPool.totalCount + inboxPool.totalCount).toBe(0);
  });
});
