// Rule: lambda/handler-file
// Each function gets its own handler file in the generated project: not a shared module's name, and
// not the same file as another function's on a case-insensitive file system.
import { SHARED_MODULES } from '../codegen/names';
import type { Rule } from './rule';

export const lambdaHandlerFile: Rule = {
  code: 'lambda/handler-file',
  severity: 'error',
  description: "A function's name gives it its own handler file in the generated project: not `events` or `runtime` (the project's shared modules), and not another function's name in other case.",
  why: "Generate Project writes each function's handler to `src/handlers/<name>.ts` and its typed wiring to `src/generated/<name>.ts`, beside the shared `events` and `runtime` modules. A function named like a shared module, or two names that differ only in case (one file on macOS and Windows), is not generated: this rule says so while you type instead of at generate.",
  source: { title: 'Generate a project (Archflow)', url: 'https://github.com/archflow/archflow/blob/main/docs/generate.md' },
  check({ graph }, report) {
    const seen = new Map<string, string>();
    for (const node of graph.nodes.values()) {
      if (node.kind !== 'function') continue;
      const lower = node.id.toLowerCase();
      if (SHARED_MODULES.includes(lower)) {
        report({
          at: node.pointer, target: 'key', nodes: [node.id],
          message: `Function '${node.id}' cannot be generated: src/generated/${lower}.ts is the project's shared ${lower} module. Rename the function.`,
        });
        continue;
      }
      const first = seen.get(lower);
      if (first !== undefined) {
        report({
          at: node.pointer, target: 'key', nodes: [first, node.id],
          message: `Function '${node.id}' cannot be generated: its handler file would be the one of '${first}' on case-insensitive file systems (macOS, Windows). Rename one of them.`,
        });
        continue;
      }
      seen.set(lower, node.id);
    }
  },
};
