// Rule: dynamodb/stream-required
// A table with readers (`to`) has its stream turned on (`stream`).
import { nodesOfKind } from './helpers';
import type { Rule } from './rule';

export const dynamodbStreamRequired: Rule = {
  code: 'dynamodb/stream-required',
  severity: 'error',
  description: 'A table whose changes go to functions (`to`) turns its stream on (`stream`).',
  why: 'Lambda reads a table through its DynamoDB stream; without `StreamSpecification` the table has no stream to map, so the event source mapping fails to create.',
  source: { title: 'Using AWS Lambda with Amazon DynamoDB', url: 'https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html' },
  fix: 'Sets `stream: NEW_AND_OLD_IMAGES`.',
  check({ graph }, report) {
    for (const table of nodesOfKind(graph, 'table')) {
      if (!table.settings.hasReaders || table.settings.stream !== undefined) continue;
      report({
        at: table.pointer.concat('to'), target: 'key', nodes: [table.id],
        message: `Table '${table.id}' sends its changes to functions but has no stream: set \`stream\` (NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES or KEYS_ONLY).`,
        fix: { kind: 'insert-property', title: 'Set stream: NEW_AND_OLD_IMAGES', at: table.pointer, key: 'stream', value: 'NEW_AND_OLD_IMAGES', after: 'type' },
      });
    }
  },
};
