// Lint: typescript-eslint for all TypeScript; resolvers/ and domain/ (bundled into resolvers)
// additionally get AppSync's own plugin (typed, through resolvers/tsconfig.json) and a ban on
// `throw`, which APPSYNC_JS lacks (resolvers raise errors with util.error). Imports run one way:
// what is deployed (infra/, backend-services/, resolvers/, domain/, system/) never imports the
// emulator package or the local wiring.
import appsync from '@aws-appsync/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/', '**/build/', 'generated/', 'cdk.out/', '**/.cache/', 'coverage/', '**/*.mjs'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-nocheck': true, 'ts-ignore': true }],
    },
  },
  {
    files: ['infra/**/*.ts', 'backend-services/**/*.ts', 'resolvers/**/*.ts', 'domain/**/*.ts', 'system/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['appsync-local', 'appsync-local/*'],
              message:
                'Deployed code never imports the emulator (packages/appsync-local): declare what both sides need in system/.',
            },
            {
              regex: '^(\\.\\.?/)+(local|packages)(/|$)',
              message:
                'Deployed code never imports the local wiring (local/) or the emulator (packages/): declare what both sides need in system/.',
            },
          ],
        },
      ],
    },
  },
  {
    // domain/ is bundled into resolvers and services alike: it imports only itself and types
    // generated from the schema (no SDK, no Node, no @aws-appsync/utils, which a Lambda lacks).
    // This replaces the rule's options above for domain/, and also keeps the emulator out.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^[^.]',
              message: 'domain/ imports no package: it runs in APPSYNC_JS and in Lambda alike (see domain/README.md).',
            },
            {
              regex: '^\\.\\./(?!generated/)',
              message: 'domain/ imports only itself and ../generated/ types (see domain/README.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['resolvers/**/*.ts', 'domain/**/*.ts'],
    ...appsync.configs.recommended,
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      parserOptions: { project: './resolvers/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      ...appsync.configs.recommended.rules,
      'no-restricted-syntax': [
        'error',
        { selector: 'ThrowStatement', message: 'APPSYNC_JS has no throw: raise errors with util.error().' },
      ],
    },
  },
);
