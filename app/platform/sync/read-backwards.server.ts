/**
 * Reads a text file's lines from the last to the first, a chunk at a time,
 * so a bulk operation's JSONL (hundreds of megabytes for a large shop) is
 * never in memory at once. Why backwards: Shopify writes a nested
 * connection's nodes after their parent but not necessarily right after it,
 * so read forwards nothing says when a parent is complete; read backwards,
 * every child has been seen by the time its parent's line arrives.
 *
 * Lines are split on the byte 0x0A, which never occurs inside a multi-byte
 * UTF-8 sequence. Empty lines are skipped.
 */
import { open } from 'node:fs/promises';

const NEWLINE = 0x0a;

export async function* readLinesBackwards(path: string, chunkBytes = 1 << 20): AsyncGenerator<string> {
  const file = await open(path, 'r');
  try {
    let position = (await file.stat()).size;
    // The start of a line whose beginning lies in the chunk not read yet.
    let carry = Buffer.alloc(0);
    while (position > 0) {
      const length = Math.min(chunkBytes, position);
      position -= length;
      const chunk = Buffer.allocUnsafe(length);
      const { bytesRead } = await file.read(chunk, 0, length, position);
      if (bytesRead !== length) throw new Error(`Short read of ${path} at byte ${position}`);
      const buffer = carry.length > 0 ? Buffer.concat([chunk, carry]) : chunk;
      let end = buffer.length;
      for (let at = buffer.lastIndexOf(NEWLINE, end - 1); at !== -1; at = buffer.lastIndexOf(NEWLINE, end - 1)) {
        if (end > at + 1) yield buffer.toString('utf8', at + 1, end);
        end = at;
        if (end === 0) break;
      }
      carry = Buffer.from(buffer.subarray(0, end));
    }
    if (carry.length > 0) yield carry.toString('utf8');
  } finally {
    await file.close();
  }
}
