import type { RunnerTask, RunnerTestCase } from 'vitest';
import type { Vitest } from 'vitest/node';
import type { Reporter } from 'vitest/reporters';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import base from './vitest.config';

/**
 * The unit project alone, for Stryker (stryker.config.mjs). Its vitest runner starts every project
 * of the config it is given, and the int and e2e projects' global setup starts Kafka and
 * PostgreSQL; mutation testing needs none of that. Plugins, aliases and the test glob come from
 * vitest.config.ts, so the two cannot drift apart.
 */
const unit = base.test?.projects?.find(
  (project): project is TestProjectInlineConfiguration =>
    typeof project === 'object' && 'test' in project && project.test?.name === 'unit',
);
if (!unit) throw new Error('vitest.config.ts has no project named "unit"');

const tests = (task: RunnerTask): RunnerTestCase[] =>
  task.type === 'test' ? [task] : 'tasks' in task ? task.tasks.flatMap(tests) : [];

/**
 * Stryker's vitest runner scores a mutant by the tests it collected, so a mutant that stops a spec
 * file from loading (module-level code that throws, e.g. a constant table with a broken entry)
 * leaves no failed test and is scored Survived, though `vitest run` fails on it
 * (stryker-mutator/stryker-js#6150). Such a file gets one failed test carrying its load error.
 * Stryker reads the same state objects after the run, so the mutant is scored Killed.
 */
function unloadableFileAsFailedTest(): Reporter {
  let vitest: Vitest;
  return {
    onInit(ctx) {
      vitest = ctx;
    },
    onTestRunEnd() {
      for (const file of vitest.state.getFiles()) {
        if (file.result?.state !== 'fail' || tests(file).some((test) => test.result?.state === 'fail')) continue;
        // What Stryker and the default reporter read; vitest builds the rest for tests it runs.
        file.tasks.push({
          type: 'test',
          id: `${file.id}_load`,
          name: 'loads',
          mode: 'run',
          file,
          suite: file,
          meta: {},
          annotations: [],
          result: { state: 'fail', errors: file.result.errors },
        } as unknown as RunnerTestCase);
      }
    },
  };
}

export default defineConfig({
  plugins: unit.plugins,
  resolve: unit.resolve,
  test: { include: unit.test!.include, reporters: ['default', unloadableFileAsFailedTest()] },
});
