/**
 * Applies a downloaded bulk result file to the store mirror: read backwards
 * (bulk-records.ts), normalised, and written in batches of about
 * BATCH_OBJECTS JSONL objects. Each batch is one transaction that also moves
 * the run's linesDone and objectsDone, so a process killed mid-file resumes
 * exactly after the last batch written: the job is retried and skips
 * linesDone lines. Each batch moves linesDone only from the value this call
 * last wrote, so two workers on one run cannot both advance it: the second
 * stops with RunNoLongerActiveError.
 */
import type { PrismaClient } from '@prisma/client';
import type { BulkRecord } from './from-bulk';
import { bulkRecordsBackwards } from './bulk-records';
import { MIRROR_WRITERS } from './mirror-writers.server';
import { readLinesBackwards } from './read-backwards.server';
import type { SyncResource } from './resources';

export const BATCH_OBJECTS = 1_000;

/** The run stopped being active, or another worker moved it on, while this one applied its file. */
export class RunNoLongerActiveError extends Error {
  override name = 'RunNoLongerActiveError';
}

export interface ApplyFileInput {
  shop: string;
  runId: string;
  resource: SyncResource;
  file: string;
  /** Lines from the end already applied by an earlier attempt. */
  linesDone: number;
  /** Stop after the batch that ends past this time (Date.now() milliseconds). */
  deadline: number;
}

export interface ApplyFileOutcome {
  /** JSONL objects this call applied. */
  applied: number;
  /** The whole file is applied (otherwise the deadline stopped it). */
  finished: boolean;
}

/** Applies the file from linesDone on, until it ends or the deadline passes. */
export async function applyBulkFile(db: PrismaClient, input: ApplyFileInput): Promise<ApplyFileOutcome> {
  const writer = MIRROR_WRITERS[input.resource];
  let records: BulkRecord[] = [];
  let objects = 0;
  let checkpoint = input.linesDone;
  let saved = input.linesDone;
  let applied = 0;

  const flush = async () => {
    if (objects === 0 && checkpoint === saved) return;
    const write = writer.prepare(records);
    const done = { objects, checkpoint };
    // The raw objects are not needed once normalised: let them go while the batch is written.
    records = [];
    objects = 0;
    await db.$transaction(
      async (tx) => {
        await write(tx, input.shop);
        // From the linesDone this call saw last: a second worker on the same run makes one of them stop here.
        const { count } = await tx.syncRun.updateMany({
          where: { shop: input.shop, id: input.runId, state: 'running', linesDone: saved },
          data: { linesDone: done.checkpoint, objectsDone: { increment: done.objects } },
        });
        if (count === 0)
          throw new RunNoLongerActiveError(`Sync run ${input.runId} is no longer this worker's to apply`);
      },
      { timeout: 120_000 },
    );
    applied += done.objects;
    saved = done.checkpoint;
  };

  const items = bulkRecordsBackwards(readLinesBackwards(input.file), {
    skip: input.linesDone,
    groupChildren: writer.groupChildren,
  });
  for await (const item of items) {
    records.push(item.record);
    objects += item.objects;
    checkpoint = item.checkpoint;
    if (objects >= BATCH_OBJECTS) {
      await flush();
      if (Date.now() > input.deadline) return { applied, finished: false };
    }
  }
  await flush();
  return { applied, finished: true };
}
