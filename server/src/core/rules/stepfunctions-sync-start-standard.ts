// Rule: stepfunctions/sync-start-standard
// A function that waits for a state machine (`access: start-sync`, StartSyncExecution) waits for an
// Express workflow: StartSyncExecution is not available for Standard ones.
import { nodeLabel } from '../analysis/graph-walk';
import type { Fix } from '../fix';
import type { GraphEdge, GraphNode } from '../model/graph';
import type { Rule } from './rule';

/**
 * Whether a definition can run as an Express workflow: Express workflows support only Request
 * Response integrations, neither `.sync` nor `.waitForTaskToken` (Step Functions developer guide,
 * "Integrating optimized services with Step Functions":
 * https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html).
 */
function canBeExpress(node: GraphNode<'state-machine'>): boolean {
  return (node.settings.facts?.tasks ?? []).every((t) => !t.integration || t.integration.pattern === 'request');
}

/** The fix that starts it without waiting: `start-sync` → `start` (or, when `start` is written too, the list without it). */
function startAsync(edge: GraphEdge, index: number | undefined): Fix {
  const at = edge.optionsAt.concat('access');
  const access = edge.options.access;
  const title = 'Start it without waiting (access: start)';
  if (index === undefined) return { kind: 'set-value', title, at, value: 'start' };
  if (!Array.isArray(access) || !access.includes('start')) return { kind: 'set-value', title, at: at.concat(index), value: 'start' };
  const rest = access.filter((w) => w !== 'start-sync');
  return { kind: 'set-value', title, at, value: rest.length === 1 ? rest[0] : rest };
}

export const stepfunctionsSyncStartStandard: Rule = {
  code: 'stepfunctions/sync-start-standard',
  severity: 'error',
  description: 'A function waits (`access: start-sync`, StartSyncExecution) only for an Express state machine (`flavor: express`).',
  why: 'StartSyncExecution is not available for Standard workflows: the call fails at run time on every request, though the role allows it. Make the state machine Express (when its Task states only use Request Response integrations, the only ones Express supports), or start it without waiting (`start`, StartExecution) and read its result another way.',
  source: { title: 'StartSyncExecution (AWS Step Functions API Reference)', url: 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html' },
  fix: 'Makes the state machine Express (`flavor: express`); when its definition waits for jobs or callbacks (`.sync`, `.waitForTaskToken`), which Express workflows do not support, starts it without waiting (`access: start`) instead.',
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'emit') continue;
      const to = graph.nodes.get(edge.to);
      if (to?.kind !== 'state-machine' || to.settings.flavor === 'express') continue;
      const access = edge.options.access;
      const index = Array.isArray(access) ? access.indexOf('start-sync') : access === 'start-sync' ? undefined : -1;
      if (index === -1) continue;
      const express = canBeExpress(to);
      report({
        at: index === undefined ? edge.optionsAt.concat('access') : edge.optionsAt.concat('access', index), nodes: [edge.from, edge.to],
        message: `Function '${edge.from}' waits for ${nodeLabel(to)} (\`start-sync\`: StartSyncExecution), which only Express workflows accept: '${to.id}' is Standard. ${
          express
            ? `Make it \`flavor: express\`, or start it without waiting (\`access: start\`).`
            : `Its definition waits for a job or a callback (\`.sync\`, \`.waitForTaskToken\`), which Express workflows do not support: start it without waiting (\`access: start\`).`
        }`,
        fix: express ? { kind: 'insert-property', title: `Make '${to.id}' an Express workflow`, at: to.pointer, key: 'flavor', value: 'express', after: 'type' } : startAsync(edge, index),
      });
    }
  },
};
