/** Fails the run when any test is skipped, marked todo, or focused away. */
import type { Reporter, TestModule } from 'vitest/node';

export default class NoSkipsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'skipped' || state === 'pending') skipped.push(`${module.moduleId} > ${test.fullName}`);
      }
    }
    if (skipped.length > 0) {
      console.log(`\nSkipped tests are not allowed (${skipped.length}):\n  ${skipped.join('\n  ')}`);
      process.exitCode = 1;
    }
  }
}
