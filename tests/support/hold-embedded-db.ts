/**
 * Test helper process: opens the embedded database at argv[2], writes a row,
 * prints "ready <port>" (or "refused <message>") and holds the directory until
 * killed or until its parent goes away (its stdin closes).
 */
import { openEmbeddedDatabase } from '../../app/platform/db/embedded.server.ts';

let database;
try {
  database = await openEmbeddedDatabase({ dataDir: process.argv[2] as string });
} catch (error) {
  console.log(`refused ${(error as Error).message}`);
  process.exit(0);
}
await database.db.exec(`CREATE TABLE IF NOT EXISTS probe (id int primary key, note text);
  INSERT INTO probe VALUES (1, 'written by the owner') ON CONFLICT DO NOTHING;`);
console.log(`ready ${new URL(database.url).port}`);
const stop = () => void database.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
