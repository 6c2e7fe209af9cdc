// Rule: pipes/synchronous-state-machine
// A state machine a pipe waits for (its enrichment, or a target with `sync: true`) is an Express workflow.
import type { Rule } from './rule';
import { nodesOfKind } from './helpers';

export const pipesSynchronousStateMachine: Rule = {
  code: 'pipes/synchronous-state-machine',
  severity: 'error',
  description: "A state machine a pipe waits for — its `enrichment`, or its target with `sync: true` — is an Express workflow (`flavor: express`).",
  why: 'EventBridge Pipes call an enrichment synchronously and start a target with `REQUEST_RESPONSE` only for Express workflows: a Standard workflow is refused there, so the pipe fails to create. A Standard workflow can be a target started without waiting (`FIRE_AND_FORGET`, the default).',
  source: { title: 'Event enrichment in Amazon EventBridge Pipes', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/pipes-enrichment.html' },
  fix: 'Makes the state machine an Express workflow (`flavor: express`).',
  check({ graph }, report) {
    for (const pipe of nodesOfKind(graph, 'pipe')) {
      for (const edge of graph.outgoing.get(pipe.id) ?? []) {
        const waits = edge.mechanism === 'enrichment' || (edge.mechanism === 'pipe' && edge.options.sync === true);
        const to = graph.nodes.get(edge.to);
        if (!waits || to?.kind !== 'state-machine' || to.settings.flavor === 'express') continue;
        const what = edge.mechanism === 'enrichment' ? 'calls it as its enrichment and waits for the result' : 'starts it with `sync: true` and waits for the result';
        report({
          at: edge.pointer, nodes: [pipe.id, to.id],
          message: `Pipe '${pipe.id}' ${what}, which EventBridge Pipes do only with Express workflows: state machine '${to.id}' is Standard. Make it \`flavor: express\`${edge.mechanism === 'pipe' ? ', or start it without waiting (no `sync`)' : ''}.`,
          fix: { kind: 'insert-property', title: `Make '${to.id}' an Express workflow`, at: to.pointer, key: 'flavor', value: 'express', after: 'type' },
        });
      }
    }
  },
};
