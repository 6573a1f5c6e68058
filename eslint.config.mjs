// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const IO_AND_FRAMEWORKS = [
  { group: ['@nestjs/*'], message: 'The pure core imports no framework.' },
  { group: ['typeorm', 'pg', 'kafkajs'], message: 'The pure core does no IO: adapters live in apps/ and libs/kafka|persistence.' },
  { group: ['node:fs', 'fs', 'node:fs/*', 'fs/*'], message: 'The pure core reads no files.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.chronicle/**', 'coverage/**', '.stryker-tmp/**', 'reports/**', 'scripts/**', 'bench/**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['libs/nlp/src/**/*.ts', 'libs/domain/src/**/*.ts', 'libs/feeds/src/**/*.ts', 'libs/read-models/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: IO_AND_FRAMEWORKS }] },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/kafka/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'kafkajs', message: 'Only libs/kafka imports kafkajs.' }] },
      ],
    },
  },
  {
    files: ['libs/nlp/src/**/*.ts', 'libs/domain/src/**/*.ts', 'libs/feeds/src/**/*.ts', 'libs/read-models/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: IO_AND_FRAMEWORKS, paths: [{ name: 'kafkajs', message: 'Only libs/kafka imports kafkajs.' }] }] },
  },
);
