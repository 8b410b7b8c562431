/**
 * Test helper process: opens the embedded database at argv[2], writes a row,
 * prints "ready <port>" and holds the directory until killed.
 */
import { openEmbeddedDatabase } from '../../app/platform/db/embedded.server.ts';

const database = await openEmbeddedDatabase({ dataDir: process.argv[2] as string });
await database.db.exec(`CREATE TABLE IF NOT EXISTS probe (id int primary key, note text);
  INSERT INTO probe VALUES (1, 'written by the owner') ON CONFLICT DO NOTHING;`);
console.log(`ready ${new URL(database.url).port}`);
process.on('SIGTERM', () => {
  void database.close().then(() => process.exit(0));
});
setInterval(() => {}, 1 << 30);
