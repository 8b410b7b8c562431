/**
 * Turns a bulk operation's JSONL, read from its last line to its first
 * (read-backwards.server.ts), into records: a root object with the nested
 * connection nodes that name it in `__parentId`. Read backwards, a parent's
 * children have all been seen when the parent's line arrives, however far
 * from it Shopify wrote them; only children still waiting for their parent
 * are held in memory.
 *
 * Every record comes with a checkpoint: how many lines, counted from the end
 * of the file, are fully covered once it and every record before it are
 * applied. A resumed sync skips that many lines (SyncRun.linesDone) and goes
 * on from there.
 *
 * `groupChildren: false` is for files whose children need nothing from their
 * parent but its id (inventory levels of a location): each child is a record
 * of its own, with a stub parent `{ id }`, and each parent a record without
 * children, so no location's thousands of levels are ever held at once.
 */
import { SyncDataError, type BulkRecord } from './from-bulk';

export interface BulkItem {
  record: BulkRecord;
  /** Lines from the end of the file covered once this record (and those before it) is applied. */
  checkpoint: number;
  /** JSONL objects in the record: the root and its children. */
  objects: number;
}

interface Waiting {
  children: Record<string, unknown>[];
  /** Position (from the end) of the first of them read, i.e. the one nearest the end of the file. */
  firstSeen: number;
}

function parseLine(line: string, fromEnd: number): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new SyncDataError(`Line ${fromEnd + 1} from the end of the bulk file is not a JSON object`);
}

export async function* bulkRecordsBackwards(
  lines: AsyncIterable<string>,
  options: { skip: number; groupChildren: boolean },
): AsyncGenerator<BulkItem> {
  const waiting = new Map<string, Waiting>();
  let position = 0;
  const checkpoint = () => {
    let safe = position;
    for (const { firstSeen } of waiting.values()) safe = Math.min(safe, firstSeen);
    return safe;
  };

  for await (const line of lines) {
    const here = position++;
    if (here < options.skip) continue;
    const object = parseLine(line, here);
    const parentId = object.__parentId;
    if (typeof parentId === 'string') {
      delete object.__parentId;
      if (!options.groupChildren) {
        yield { record: { node: { id: parentId }, children: [object] }, checkpoint: position, objects: 1 };
        continue;
      }
      const entry = waiting.get(parentId);
      if (entry) entry.children.push(object);
      else waiting.set(parentId, { children: [object], firstSeen: here });
      continue;
    }
    if (!options.groupChildren) {
      yield { record: { node: object, children: [] }, checkpoint: position, objects: 1 };
      continue;
    }
    const id = typeof object.id === 'string' ? object.id : null;
    const entry = id === null ? undefined : waiting.get(id);
    if (id !== null) waiting.delete(id);
    // Read backwards, the children came last first: put them back in Shopify's order.
    const children = entry ? entry.children.reverse() : [];
    yield { record: { node: object, children }, checkpoint: checkpoint(), objects: 1 + children.length };
  }

  if (waiting.size > 0) {
    const [parent] = waiting.keys();
    throw new SyncDataError(
      `The bulk file has nodes whose parent is not in it (${waiting.size} parents missing, first ${parent})`,
    );
  }
}
