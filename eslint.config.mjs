// Lint for correctness and for the architecture's one hard boundary: the core stays pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/out/**', 'node_modules/**', '.tsbuild/**', 'test-results/**', '.e2e/**', '.bench/**', '.tmp-bench/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // Custom LSP methods follow vscode-eslint's style: `export namespace X { export const method: 'arch/x' = 'arch/x'; … }`.
    files: ['server/src/protocol*.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off', '@typescript-eslint/prefer-as-const': 'off' },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vscode', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process'].map((name) => ({
          name, message: 'The core is pure: no editor, protocol, file-system or process access (see server/src/core/index.ts).',
        })),
        patterns: [{ group: ['vscode-languageserver*', 'vscode-languageclient*'], message: 'The core does not know about LSP.' }],
      }],
      'no-restricted-syntax': ['error', {
        selector: "NewExpression[callee.name='WeakMap']",
        message: "No WeakMap caches of analysis objects: V8's young-generation collector keeps their entries (and the trees they reach) alive until a full collection. Keep per-analysis caches on the graph (rules/helpers.ts `derived`) or on the object itself.",
      }],
    },
  },
  {
    // A kind module is a leaf: it may use helpers, never the registry or the parts that read it (no import cycles).
    files: ['server/src/core/kinds/*.ts'],
    ignores: ['server/src/core/kinds/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          group: ['./index', '../model/build-graph', '../model/kinds', '../codegen/cloudformation', '../codegen/context', '../codegen/generate', '../codegen/triggers', '../codegen/samples', '../codegen/function-plan', '../import/map-*', '../import/import-template', '../layout/model', '../features/*', '../rules/*'],
          allowTypeImports: true,
          message: 'Kind modules are leaves: import helpers (codegen/cfn.ts, import/helpers.ts, …) and types only; the registry and its readers import the kinds (docs/contributing.md, Adding a kind).',
        }],
      }],
    },
  },
  {
    files: ['scripts/**/*.mjs', '.ci/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', performance: 'readonly' } },
  },
);
