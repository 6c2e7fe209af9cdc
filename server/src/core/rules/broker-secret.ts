// Rule: broker/secret
// Amazon MQ and DocumentDB sources sign in with a Secrets Manager secret; a Kafka `auth` needs one too.
import type { Rule } from './rule';

export const brokerSecret: Rule = {
  code: 'broker/secret',
  severity: 'error',
  description: 'An `mq` or `docdb` node names the Secrets Manager `secret` Lambda signs in with; a `kafka` node with `auth` does too.',
  why: 'Lambda signs in to an Amazon MQ broker only with credentials kept in AWS Secrets Manager, and to a DocumentDB cluster only with basic authentication from a Secrets Manager secret; a Kafka authentication type names the secret holding its credentials. Without it the event source mapping cannot connect, and nothing is read.',
  source: { title: 'Using Lambda with Amazon MQ (configuration restrictions: authentication)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/with-mq.html' },
  check({ graph }, report) {
    for (const node of graph.nodes.values()) {
      if (node.kind !== 'mq' && node.kind !== 'docdb' && node.kind !== 'kafka') continue;
      if (node.settings.secret !== undefined) continue;
      if (node.kind === 'kafka') {
        if (node.settings.auth === undefined) continue;
        report({ at: node.pointer.concat('auth'), target: 'key', nodes: [node.id], message: `Kafka topic '${node.id}' signs in with ${node.settings.auth} but names no \`secret\`: Lambda reads the credentials from a Secrets Manager secret.` });
        continue;
      }
      const what = node.kind === 'mq' ? `Amazon MQ queue '${node.id}': Lambda signs in to the broker` : `DocumentDB change stream '${node.id}': Lambda signs in to the cluster`;
      report({ at: node.pointer, target: 'key', nodes: [node.id], message: `${what} only with a user name and password kept in Secrets Manager. Name the secret's ARN in \`secret\`.` });
    }
  },
};
