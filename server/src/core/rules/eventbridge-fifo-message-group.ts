// Rule: eventbridge/fifo-message-group
// A FIFO queue target of a rule needs a message group id (`messageGroup`, T6).
import type { Rule } from './rule';

export const eventbridgeFifoMessageGroup: Rule = {
  code: 'eventbridge/fifo-message-group',
  severity: 'error',
  description: 'A FIFO queue target of an event bus rule sets `messageGroup`.',
  why: 'Every message sent to a FIFO queue needs a message group id; without `SqsParameters.MessageGroupId` EventBridge cannot deliver to the queue.',
  source: { title: 'AWS::Events::Rule SqsParameters', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-events-rule-sqsparameters.html' },
  fix: 'Sets `messageGroup` to the rule name.',
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'rule' || edge.rule === undefined) continue;
      const queue = graph.nodes.get(edge.to);
      if (queue?.kind !== 'queue' || !queue.settings.fifo) continue;
      if (typeof edge.options.messageGroup === 'string' && edge.options.messageGroup.length > 0) continue;
      report({
        at: edge.pointer, nodes: [edge.from, queue.id],
        message: `FIFO queue '${queue.id}' is a target of rule '${edge.rule}' without \`messageGroup\`: EventBridge needs a message group id to send to a FIFO queue.`,
        fix: { kind: 'set-value', title: `Set messageGroup to '${edge.rule}'`, at: edge.optionsAt.concat('messageGroup'), value: edge.rule, refKey: 'queue' },
      });
    }
  },
};
