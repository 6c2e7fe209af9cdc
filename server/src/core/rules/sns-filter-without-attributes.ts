// Rule: sns/filter-without-attributes
// A subscription that filters on message attributes has a publisher that can set attributes: EventBridge
// rules, S3 notifications and schedules publish without any, so such a filter never matches.
import type { GraphEdge } from '../model/graph';
import type { Fix } from '../span';
import { isObj } from './helpers';
import type { Rule } from './rule';

/** How publishers that cannot set message attributes reach a topic, and what they are called. */
const NO_ATTRIBUTES: Readonly<Partial<Record<GraphEdge['mechanism'], string>>> = {
  rule: 'EventBridge rule',
  notification: 'S3 notification',
  schedule: 'schedule',
};

export const snsFilterWithoutAttributes: Rule = {
  code: 'sns/filter-without-attributes',
  severity: 'warning',
  description: 'A subscription that filters on message attributes (the default `filterScope`) has a publisher that sets attributes; EventBridge rules, S3 notifications and schedules publish none.',
  why: 'A filter policy on message attributes matches only messages that carry those attributes. EventBridge, S3 and EventBridge Scheduler publish the event as the message body, without message attributes: when they are a topic\'s only publishers, an attribute filter never matches and the subscriber receives nothing. Filter on the body instead (an EventBridge event\'s fields are under `detail`).',
  source: { title: 'Amazon SNS subscription filter policy scope', url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering-scope.html' },
  fix: 'For publishers that are all EventBridge rules: sets `filterScope: body` and nests the policy under `detail`.',
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'subscription' || !isObj(edge.options.filter) || edge.options.filterScope === 'body') continue;
      // A nested policy (an `$or` written as a map too) is sns/filter-syntax's, whose fix (`filterScope: body`) settles this too.
      if (Object.values(edge.options.filter).some(isObj)) continue;
      const publishers = (graph.incoming.get(edge.from) ?? []).filter((e) => e.kind === 'trigger' || e.kind === 'emit');
      if (publishers.length === 0 || !publishers.every((e) => NO_ATTRIBUTES[e.mechanism] !== undefined)) continue;
      const described = [...new Set(publishers.map((e) => (e.mechanism === 'rule' ? `${NO_ATTRIBUTES.rule} '${e.rule}' of '${e.from}'` : `${NO_ATTRIBUTES[e.mechanism]} of '${e.from}'`)))];
      const at = edge.optionsAt.concat('filter');
      const onlyEvents = publishers.every((e) => e.mechanism === 'rule');
      const fix: Fix = {
        kind: 'several', title: "Filter on the event's detail in the message body",
        fixes: [
          { kind: 'wrap-value', title: 'Nest the policy under detail', at, key: 'detail' },
          { kind: 'insert-property', title: 'Filter on the message body', at: edge.optionsAt, key: 'filterScope', value: 'body', after: 'filter' },
        ],
      };
      report({
        at, target: 'key', nodes: [edge.from, edge.to, ...new Set(publishers.map((e) => e.from))],
        message: `The subscription of '${edge.to}' to topic '${edge.from}' filters on message attributes, but its only publisher${described.length === 1 ? ' is' : 's are'} ${described.length === 1 ? 'the ' : ''}${nameListPlain(described)}, which set${described.length === 1 ? 's' : ''} none: the filter never matches and '${edge.to}' receives nothing. Filter on the message body (\`filterScope: body\`)${onlyEvents ? ", where the event's fields are under `detail`" : ''}.`,
        ...(onlyEvents ? { fix } : {}),
      });
    }
  },
};

/** `a`, `a and b`, `a, b and c` (already quoted). */
function nameListPlain(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

