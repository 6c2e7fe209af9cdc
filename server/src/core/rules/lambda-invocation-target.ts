// Rule: lambda/invocation-target
// `invocation` in an `emits` entry says how a function invokes another function: it means nothing
// for a queue, topic, bus, stream, bucket or table.
import { article } from '../kinds/index';
import type { Rule } from './rule';

export const lambdaInvocationTarget: Rule = {
  code: 'lambda/invocation-target',
  severity: 'warning',
  description: '`invocation` (sync or async) is written only on an `emits` entry that names a function.',
  why: 'Only a Lambda function is invoked with an invocation type (`RequestResponse` or `Event`); a message sent to a queue, topic, bus or stream is always asynchronous, and a write to a bucket or table is a plain API call. An `invocation` there is a mistake: usually the `to` names the wrong node.',
  source: { title: 'Invoke (Lambda API reference): InvocationType', url: 'https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html' },
  fix: 'Removes `invocation`.',
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.kind !== 'emit' || edge.mechanism === 'invoke' || edge.options.invocation === undefined) continue;
      const target = graph.nodes.get(edge.to);
      if (!target) continue;
      const at = edge.optionsAt.concat('invocation');
      report({
        at, nodes: [edge.from, target.id],
        message: `\`invocation\` applies only when a function invokes another function, but '${edge.to}' is ${article(target.kind)}: remove it, or name the function to invoke.`,
        fix: { kind: 'remove-property', title: 'Remove invocation', at },
      });
    }
  },
};
