import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const alias = Object.fromEntries(
  [
    'contracts',
    'config',
    'nlp',
    'domain',
    'feeds',
    'kafka',
    'persistence',
    'platform',
    'read-models',
    'test-support',
    'articles',
    'sentence-encoder',
  ].map((lib) => [`@chronicle/${lib}`, resolve(__dirname, `libs/${lib}/src/index.ts`)]),
);

// SWC keeps decorator metadata so NestJS dependency injection works under vitest.
const plugins = [swc.vite({ module: { type: 'es6' } })];

export default defineConfig({
  plugins,
  resolve: { alias },
  test: {
    projects: [
      {
        plugins,
        resolve: { alias },
        test: { name: 'unit', include: ['apps/**/*.unit.spec.ts', 'libs/**/*.unit.spec.ts', 'bench/**/*.unit.spec.ts'] },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'int',
          include: ['tests/**/*.int.spec.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/**/*.e2e.spec.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
