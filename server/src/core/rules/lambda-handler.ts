// Rule: lambda/handler
// A function's handler has the format its runtime expects.
import { pointerToString, type Pointer } from '../span';
import { runtimeFamily, type RuntimeFamily } from '../facts/runtimes';
import { n, nameList } from './helpers';
import type { Rule } from './rule';

/** Handler formats per language family (aws-limits L15). */
const FORMATS: Record<RuntimeFamily, { readonly pattern: RegExp; readonly label: string; readonly example: string }> = {
  nodejs: { pattern: /^\S+\.[A-Za-z_$][\w$]*$/, label: 'Node.js', example: '`file.function`, e.g. `index.handler`' },
  python: { pattern: /^\S+\.[A-Za-z_]\w*$/, label: 'Python', example: '`file.function`, e.g. `lambda_function.lambda_handler`' },
  ruby: { pattern: /^\S+\.[A-Za-z_]\w*[?!]?$/, label: 'Ruby', example: '`file.method`, e.g. `function.handler`' },
  java: { pattern: /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*(::[A-Za-z_$][\w$]*)?$/, label: 'Java', example: '`package.Class::method` or `package.Class`, e.g. `example.Handler::handleRequest`' },
  dotnet: { pattern: /^[^\s:]+::[^\s:]+::[^\s:]+$/, label: '.NET', example: '`Assembly::Namespace.Class::Method`' },
  provided: { pattern: /^\S+$/, label: 'OS-only', example: 'free-form' },
  go: { pattern: /^\S+$/, label: 'Go', example: 'the executable name' },
};

export const lambdaHandler: Rule = {
  code: 'lambda/handler',
  severity: 'error',
  description: "A function's `handler` has its runtime's format: `file.function` (Node.js, Python, Ruby), `package.Class::method` (Java), `Assembly::Namespace.Class::Method` (.NET); at most 128 characters, no spaces.",
  why: "Lambda accepts any handler string up to 128 characters without spaces, but a handler in the wrong format fails on every invocation (`Runtime.HandlerNotFound`). The default `index.handler` only suits Node.js, Python and Ruby.",
  source: { title: 'CreateFunction (Lambda API reference)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/API_CreateFunction.html' },
  check({ graph, limits }, report) {
    // One report per written handler (or runtime, for the default handler) and language.
    const groups = new Map<string, { at: Pointer; handler: string; runtime: string; family: RuntimeFamily; functions: string[]; written: boolean; fromDefaults: boolean }>();
    for (const node of graph.nodes.values()) {
      const fn = node.fn;
      if (!fn) continue;
      const family = runtimeFamily(fn.runtime.value);
      if (!family) continue;
      const at = fn.handler.at ?? fn.runtime.at;
      if (!at) continue;
      const key = `${pointerToString(at)}|${family}`;
      const group = groups.get(key) ?? groups.set(key, {
        at, handler: fn.handler.value, runtime: fn.runtime.value, family, functions: [], written: !!fn.handler.at, fromDefaults: at[0] === 'defaults',
      }).get(key)!;
      group.functions.push(node.id);
    }
    for (const g of groups.values()) {
      const owner = g.fromDefaults ? `in defaults (used by ${nameList(g.functions)})` : `of function '${g.functions[0]}'`;
      const format = FORMATS[g.family];
      if (g.handler.length > limits.lambdaHandlerLength) {
        report({ at: g.at, nodes: g.functions, message: `The handler ${owner} is ${n(g.handler.length)} characters; Lambda allows ${n(limits.lambdaHandlerLength)}.` });
      } else if (/\s/.test(g.handler)) {
        report({ at: g.at, nodes: g.functions, message: `The handler '${g.handler}' ${owner} contains whitespace, which Lambda rejects.` });
      } else if (!format.pattern.test(g.handler) || (!g.written && (g.family === 'java' || g.family === 'dotnet'))) {
        report({
          at: g.at, nodes: g.functions,
          message: g.written
            ? `The handler '${g.handler}' ${owner} does not fit runtime ${g.runtime}: ${format.label} handlers are ${format.example}.`
            : `The runtime ${g.runtime} ${owner} needs a handler: the default '${g.handler}' is for Node.js, Python and Ruby. ${format.label} handlers are ${format.example}.`,
        });
      }
    }
  },
};
