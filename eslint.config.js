import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-cli', 'test-results', 'bench-out'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // Layering (DESIGN.md §2): core is pure — no DOM-only, Node or UI imports.
    files: ['src/core/**/*.ts', 'src/base/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'fs',
            'path',
            'zlib',
            'http',
            'https',
            'crypto',
            'os',
            'child_process',
            'worker_threads',
          ].map((name) => ({ name, message: 'core must not use Node APIs' })),
          patterns: [
            { group: ['node:*'], message: 'core must not use Node APIs' },
            {
              group: ['**/ui/**', '**/worker/**', '**/cli/**', '**/server/**', 'react', 'react-dom'],
              message: 'core imports only base',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cli/**', '**/server/**', 'node:*'],
              message: 'ui imports only core types, base and worker',
            },
          ],
        },
      ],
    },
  },
);
