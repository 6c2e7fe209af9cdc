// Rule: eventbridge/aws-events-on-custom-bus
// AWS services put their events only on the account's default event bus: a rule on a custom bus whose
// pattern matches only AWS service events (`source: aws.*`) never fires.
import { eachBusRule } from '../analysis/bus-matching';
import type { GraphNode } from '../model/graph';
import type { Rule } from './rule';
import { isObj } from '../util/value';

/** The AWS service sources a pattern's `source` allows, when it allows nothing else (`undefined` otherwise). */
export function awsOnlySources(pattern: unknown): string[] | undefined {
  if (!isObj(pattern) || !Array.isArray(pattern.source) || pattern.source.length === 0) return undefined;
  const out: string[] = [];
  for (const v of pattern.source) {
    if (typeof v === 'string' && v.startsWith('aws.')) out.push(v);
    else if (isObj(v) && Object.keys(v).length === 1 && typeof v.prefix === 'string' && v.prefix.startsWith('aws.')) out.push(`${v.prefix}*`);
    else return undefined;
  }
  return out;
}

/** A bus that only gets what this file sends it (no other bus and no external resource forwards to it). */
function fedOnlyByThisFile(graph: { incoming: ReadonlyMap<string, readonly { from: string }[]>; nodes: ReadonlyMap<string, GraphNode> }, bus: GraphNode): boolean {
  return (graph.incoming.get(bus.id) ?? []).every((e) => {
    const from = graph.nodes.get(e.from)?.kind;
    return from !== 'event-bus' && from !== 'external';
  });
}

export const eventbridgeAwsEventsOnCustomBus: Rule = {
  code: 'eventbridge/aws-events-on-custom-bus',
  severity: 'warning',
  description: "A rule whose pattern matches only AWS service events (`source: aws.*`) is on the account's default bus (`default: true`).",
  why: "AWS services (S3, Step Functions, CloudTrail, …) send their events to the account's default event bus only; a custom bus sees them only when another bus forwards them. A rule for `aws.s3` events on a custom bus deploys fine and never fires.",
  source: { title: 'Amazon EventBridge: events from AWS services (received by the default event bus)', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html' },
  fix: 'Marks the bus as the default bus (`default: true`) when every rule on it is for AWS service events.',
  check({ graph }, report) {
    const rules = eachBusRule(graph);
    for (const { bus, rule, at, config } of rules) {
      if ((bus.kind === 'event-bus' && bus.settings.default) || !fedOnlyByThisFile(graph, bus)) continue;
      const sources = awsOnlySources(config.pattern);
      if (!sources) continue;
      const allAws = rules.every((r) => r.bus !== bus || awsOnlySources(r.config.pattern) !== undefined);
      report({
        at: at.concat('pattern', 'source'), target: 'key', nodes: [bus.id],
        message: `Rule '${rule}' of event bus '${bus.id}' matches only AWS service events (source ${sources.join(', ')}), which AWS sends only to the account's default event bus: on this custom bus it never fires. Put the rule on a bus with \`default: true\`.`,
        fix: allAws ? { kind: 'insert-property', title: `Make '${bus.id}' the account's default event bus`, at: bus.pointer, key: 'default', value: true, after: 'type' } : undefined,
      });
    }
  },
};
