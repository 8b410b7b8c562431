/**
 * Reads a text file's lines from the last to the first, a chunk at a time,
 * so a bulk operation's JSONL (hundreds of megabytes for a large shop) is
 * never in memory at once. Why backwards: Shopify writes a nested
 * connection's nodes after their parent but not necessarily right after it,
 * so read forwards nothing says when a parent is complete; read backwards,
 * every child has been seen by the time its parent's line arrives.
 *
 * One chunk buffer is reused for the whole file; only the piece of a line
 * that straddles two chunks is copied. Lines are split on the byte 0x0A,
 * which never occurs inside a multi-byte UTF-8 sequence, and decoded whole.
 * Empty lines are skipped.
 */
import { open } from 'node:fs/promises';

const NEWLINE = 0x0a;

export async function* readLinesBackwards(path: string, chunkBytes = 1 << 20): AsyncGenerator<string> {
  const file = await open(path, 'r');
  try {
    let position = (await file.stat()).size;
    const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(position, 1)));
    // The end of a line whose beginning lies in a chunk not read yet (its bytes, copied).
    let carry = Buffer.alloc(0);
    while (position > 0) {
      const length = Math.min(chunk.length, position);
      position -= length;
      const { bytesRead } = await file.read(chunk, 0, length, position);
      if (bytesRead !== length) throw new Error(`Short read of ${path} at byte ${position}`);
      let end = length;
      for (
        let at = chunk.lastIndexOf(NEWLINE, end - 1);
        at !== -1;
        at = end > 0 ? chunk.lastIndexOf(NEWLINE, end - 1) : -1
      ) {
        if (end === length && carry.length > 0) {
          // The line runs on into the bytes carried from the chunk after this one.
          yield Buffer.concat([chunk.subarray(at + 1, end), carry]).toString('utf8');
          carry = Buffer.alloc(0);
        } else if (end > at + 1) {
          yield chunk.toString('utf8', at + 1, end);
        }
        end = at;
      }
      // No newline in the whole chunk: it is the middle of one long line.
      carry = end === length ? Buffer.concat([chunk.subarray(0, end), carry]) : Buffer.from(chunk.subarray(0, end));
    }
    if (carry.length > 0) yield carry.toString('utf8');
  } finally {
    await file.close();
  }
}
