// Lint for correctness and for the architecture's fences: which part may import which (see the
// drawing in docs/contributing.md). Each part's allowed imports are listed once, here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A `no-restricted-imports` pattern refusing import paths that match `regex`. */
const refuse = (regex, message) => ({ regex, message });

/** Module-level state the core may not keep: it outlives analyses (and, for WeakMaps, keeps them alive in V8's young generation). */
const HIDDEN_STATE = "Module-level state in the core is refused: a cache outlives analyses and keeps them alive. Keep per-analysis data on the graph (analysis/derived.ts `derived`) or pass it in; a bounded table of constants may say why with an eslint-disable comment.";

/** What the core's code may not do (module-level state). */
const CORE_SYNTAX = [
  { selector: "NewExpression[callee.name='WeakMap']", message: HIDDEN_STATE },
  { selector: "Program > VariableDeclaration[kind='let']", message: HIDDEN_STATE },
  { selector: "Program > ExportNamedDeclaration > VariableDeclaration[kind='let']", message: HIDDEN_STATE },
  { selector: "Program > VariableDeclaration > VariableDeclarator > NewExpression.init[arguments.length=0][callee.name=/^(Map|Set|WeakSet|WeakRef)$/]", message: HIDDEN_STATE },
  { selector: "Program > ExportNamedDeclaration > VariableDeclaration > VariableDeclarator > NewExpression.init[arguments.length=0][callee.name=/^(Map|Set|WeakSet|WeakRef)$/]", message: HIDDEN_STATE },
];
const ONE_OBJ = { selector: "TSTypeAliasDeclaration[id.name='Obj']", message: 'There is one `type Obj`: import it from util/value.ts.' };

export default tseslint.config(
  { ignores: ['**/out/**', 'node_modules/**', '.tsbuild/**', 'test-results/**', '.e2e/**', '.bench/**', '.tmp-bench/**', 'reports/**', 'test/fixtures/simulate/handlers/**', '**/*.d.ts', '**/*.d.mts'] },
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
    // Protocol files carry types and method descriptors only, so a client that imports them bundles
    // no server code: type-only imports and re-exports (values only from vscode-languageserver-protocol
    // and sibling protocol files), no functions. Method descriptors follow vscode-eslint's style:
    // `export namespace X { export const method: 'arch/x' = 'arch/x'; … }`.
    files: ['server/src/protocol*.ts', 'webview/src/protocol.ts'],
    rules: {
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/prefer-as-const': 'off',
      'no-restricted-syntax': ['error',
        {
          selector: "ImportDeclaration[importKind='value'][source.value!='vscode-languageserver-protocol']",
          message: 'Protocol files import types only (`import type`): a value import would pull server code into the client bundle.',
        },
        {
          selector: "ExportNamedDeclaration[source][exportKind='value']",
          message: 'Protocol files re-export types only (`export type { … } from`).',
        },
        {
          selector: "ExportAllDeclaration[exportKind='value']:not([source.value=/^\\.\\/protocol-[a-z-]+$/])",
          message: 'Protocol files re-export only their sibling protocol files.',
        },
        { selector: 'FunctionDeclaration, ClassDeclaration, ArrowFunctionExpression, FunctionExpression', message: 'Protocol files carry types and method descriptors only: put code next to its user (e.g. webview/src/protocol-check.ts).' },
      ],
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vscode', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process'].map((name) => ({
          name, message: 'The core is pure: no editor, protocol, file-system or process access (see server/src/core/index.ts).',
        })),
        patterns: [
          { group: ['vscode-languageserver*', 'vscode-languageclient*'], message: 'The core does not know about LSP.' },
          refuse('^\\.\\./(\\.\\./)*(lsp|cli|deploy|project)/|/protocol(-[a-z-]+)?$', 'The core imports nothing of the language server, the CLI, deploy, the project writer or the protocols: they import the core.'),
          refuse('(^|/)(client|webview)/', 'The core imports nothing of the client or the webview.'),
          refuse('/renderer/src/(?!drawing$)', 'The core may know the renderer\'s drawing format (renderer/src/drawing.ts), nothing else of it.'),
        ],
      }],
      'no-restricted-syntax': ['error', ...CORE_SYNTAX, ONE_OBJ],
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
    // util/value.ts defines `Obj`.
    files: ['server/src/core/util/value.ts'],
    rules: { 'no-restricted-syntax': ['error', ...CORE_SYNTAX] },
  },
  {
    // The renderer is its own part: it draws a Drawing (renderer/src/drawing.ts) and imports nothing else.
    files: ['renderer/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [refuse('^(?!\\./)', 'The renderer imports nothing outside renderer/src: the webview and the CLI use it, it uses neither.')] }],
    },
  },
  {
    // The webview imports its protocol, the renderer and its UI elements: nothing of the server or the client.
    files: ['webview/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [refuse('^\\.\\./\\.\\./(?!renderer/src/)|^\\.\\./(?!\\.\\./)', 'The webview imports only webview/src, the renderer (renderer/src) and @vscode-elements: the server\'s data reaches it as messages (protocol.ts).')] }],
    },
  },
  {
    // The same for the webview's folders (webview/src/edit/): one level further from the root.
    files: ['webview/src/*/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [refuse('^\\.\\./\\.\\./\\.\\./(?!renderer/src/)|^\\.\\./\\.\\./(?!\\.\\./)', 'The webview imports only webview/src, the renderer (renderer/src) and @vscode-elements: the server\'s data reaches it as messages (protocol.ts).')] }],
    },
  },
  {
    // The client imports protocol files only: the server's (types and method descriptors) and the webview's.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        refuse('server/src/(?!protocol(-[a-z-]+)?$)', 'The client imports only the server\'s protocol files (server/src/protocol*.ts): everything else runs in the language server.'),
        refuse('webview/src/(?!protocol(-check)?$)', 'The client imports only the webview\'s protocol (webview/src/protocol.ts, protocol-check.ts).'),
        refuse('(^|/)renderer/', 'The client does not render: the webview does.'),
      ] }],
    },
  },
  {
    // The language server, the CLI, deploy and the project writer share the core; the language server
    // and the CLI never import each other, and deploy and the writer import neither.
    files: ['server/src/lsp/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [refuse('^\\.\\./(\\.\\./)*cli/', 'The language server does not import from cli/: shared code lives in core/, deploy/ or project/.')] }] },
  },
  {
    files: ['server/src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [refuse('^\\.\\./(\\.\\./)*lsp/', 'The CLI does not import from lsp/: shared code lives in core/, deploy/ or project/.')] }] },
  },
  {
    files: ['server/src/deploy/**/*.ts', 'server/src/project/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [refuse('^\\.\\./(\\.\\./)*(lsp|cli)/|/protocol(-[a-z-]+)?$', 'Deploy and the project writer serve the language server and the CLI through ports; they import neither, nor the protocols.')] }] },
  },
  {
    files: ['scripts/**/*.mjs', '.ci/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', performance: 'readonly' } },
  },
);
