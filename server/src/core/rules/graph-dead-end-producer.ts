// Rule: graph/dead-end-producer
// A producer whose events go nowhere: a bucket without notifications that no function uses, a
// table stream nobody reads, an API without routes, an external producer without `to`.
import { graphIsIncomplete } from '../analysis/graph-walk';
import type { Rule } from './rule';

export const graphDeadEndProducer: Rule = {
  code: 'graph/dead-end-producer',
  severity: 'warning',
  description: 'Every producer sends its events somewhere (`to`, `routes`, `notifications`), or is a store some function uses.',
  why: 'Events that nothing receives are lost: a table stream nobody reads expires its records after 24 h, a bucket without notifications never starts any processing. Usually a `to` was forgotten.',
  source: { title: 'Invoking Lambda with events from other AWS services', url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-services.html' },
  check({ graph, complete }, report) {
    if (complete === false || graphIsIncomplete(graph)) return;
    for (const node of graph.nodes.values()) {
      if (node.section !== 'producers') continue;
      const used = (graph.incoming.get(node.id) ?? []).length > 0;
      let message: string | undefined;
      switch (node.kind) {
        case 'http-api':
          if (node.settings.routes?.length === 0) message = `HTTP API '${node.id}' has no routes: its requests go nowhere. Add a route such as \`POST /items: handler\`.`;
          break;
        case 'bucket':
          if (!node.settings.notifications?.length && !used) message = `Bucket '${node.id}' has no notifications and no function reads or writes it: its object events go nowhere. Add \`notifications\`, or remove the bucket.`;
          break;
        case 'table':
          if (node.settings.hasReaders) break;
          if (node.settings.stream !== undefined) message = `Table '${node.id}' has a stream (${node.settings.stream}) but nothing reads it: its records expire unread. Add \`to\` with the function that reads the stream, or remove \`stream\`.`;
          else if (!used) message = `Table '${node.id}' has no stream reader and no function reads or writes it: it is not connected to anything.`;
          break;
        case 'external':
          if (!node.settings.sendsTo) message = `External producer '${node.id}' has no \`to\`: its events go nowhere.`;
          break;
        default:
          break; // a schedule without `to` is a schema error
      }
      if (message) report({ at: node.pointer, target: 'key', nodes: [node.id], message });
    }
  },
};
