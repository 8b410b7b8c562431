/**
 * The periodic work of a process that runs a worker (webhook housekeeping,
 * the sync's catch-up schedule): a task run now and then again `everyMs`
 * after each run ends, one run at a time, until a signal aborts.
 */

/**
 * Runs `task` now and then every `everyMs` until `signal` aborts; a failed run
 * goes to `onFailure` and the schedule carries on. Resolves once stopped and
 * the run in hand is over.
 */
export function runEvery(
  everyMs: number,
  signal: AbortSignal,
  task: () => Promise<unknown>,
  onFailure: (error: unknown) => void,
): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<unknown> = Promise.resolve();
    const tick = () => {
      running = task()
        .catch(onFailure)
        .finally(() => {
          if (!signal.aborted) timer = setTimeout(tick, everyMs).unref();
        });
    };
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        void running.finally(resolve);
      },
      { once: true },
    );
    tick();
  });
}
