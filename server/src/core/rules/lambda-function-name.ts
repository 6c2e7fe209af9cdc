// Rule: lambda/function-name
// The function's name, as deployed (`<architecture name>-<function>`), is a valid Lambda function name.
import { n } from './helpers';
import type { Rule } from './rule';

/** Characters of a Lambda function name (aws-limits L13). */
const NAME = /^[a-zA-Z0-9_-]+$/;

export const lambdaFunctionName: Rule = {
  code: 'lambda/function-name',
  severity: 'error',
  description: 'A function name uses only letters, digits, `-` and `_`, and `<architecture name>-<function>` fits in 64 characters.',
  why: 'Each consumer becomes a Lambda function named after the architecture (the stack name) and the consumer. Lambda rejects names with other characters or longer than 64 characters, so the deployment fails.',
  source: { title: 'CreateFunction (Lambda API reference)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/API_CreateFunction.html' },
  check({ graph, limits }, report) {
    for (const node of graph.nodes.values()) {
      if (node.kind !== 'function') continue;
      const bad = NAME.test(node.id) ? [] : [...new Set(node.id.replace(/[a-zA-Z0-9_-]/g, ''))];
      if (bad.length > 0) {
        report({
          at: node.pointer, target: 'key', nodes: [node.id],
          message: `Function name '${node.id}' contains ${bad.map((c) => `'${c}'`).join(', ')}: Lambda function names use only letters, digits, '-' and '_'.`,
        });
        continue;
      }
      if ((graph.name ? graph.name.length + 1 : 0) + node.id.length > limits.lambdaNameLength) {
        const deployed = graph.name ? `${graph.name}-${node.id}` : node.id;
        report({
          at: node.pointer, target: 'key', nodes: [node.id],
          message: `The deployed function name '${deployed}' (architecture name + '-' + function) is ${n(deployed.length)} characters; Lambda allows ${n(limits.lambdaNameLength)}. Shorten the function or the architecture name.`,
        });
      }
    }
  },
};
