/** Kind `event-bus`: an EventBridge event bus (router) whose rules route matching events to targets. */
import { isObj, type Obj } from '../util/value';
import { compact, getAtt, sub, wholeSeconds, type Cfn } from '../codegen/cfn';
import type { CodegenContext } from '../codegen/context';
import type { PayloadKit, SampleKit } from '../codegen/events-kit';
import { typeOfValue } from '../codegen/json-schema-to-ts';
import { eventsMatching } from '../codegen/rule-events';
import { ebSample, scheduled } from '../codegen/sample-events';
import { pascal } from '../codegen/names';
import { PRINCIPALS } from '../model/edge-permissions';
import type { EventDecl, GraphEdge, GraphNode } from '../model/graph';
import type { KindModule, ReferenceSlot } from './kind';
import { list, num, put, seconds, shown, text, type Mutable } from './read';
import { eventBusSimulation } from '../simulate/kinds/event-bus';

/** One rule of a bus, as written (a rule that is not a map reads as `{ declared: false }`). */
export interface BusRule {
  /** False when the rule's value is not a map (the schema reports it). */
  readonly declared: boolean;
  /** The event pattern as written (a map when valid; the pattern engine reports anything else), when written. */
  readonly pattern?: unknown;
  readonly description?: string;
  /** `enabled: false` turns the rule off. */
  readonly enabled: boolean;
}

/** The settings of an event bus. */
export interface EventBusSettings {
  /**
   * True for the account's default event bus (`default: true`): it exists in every account and
   * Region, so it is referenced by name and ARN and never created.
   */
  readonly default: boolean;
  /** Rules by name, in the order written, when `rules` is a map. */
  readonly rules?: ReadonlyMap<string, BusRule>;
}

const UNDECLARED: BusRule = { declared: false, enabled: true };

/** A rule's targets: the kinds EventBridge delivers to. */
export const RULE_TARGET = { at: /^rules\/[^/]+\/to(\/#)?$/, names: ['function', 'queue', 'topic', 'event-bus', 'stream', 'firehose'], mechanism: 'rule' } as const satisfies ReferenceSlot;
const DEAD_LETTER = { at: /^rules\/[^/]+\/to(\/#)?\/deadLetter$/, names: ['queue'] } as const satisfies ReferenceSlot;
const DETAIL_TYPE = { at: /^rules\/[^/]+\/pattern\/detail-type(\/#)?$/, names: 'detail-type' } as const satisfies ReferenceSlot;
const SOURCE = { at: /^rules\/[^/]+\/pattern\/source(\/#)?$/, names: 'source' } as const satisfies ReferenceSlot;

/** The logical ID of a bus's rule. */
export function ruleId(ctx: CodegenContext, bus: string, rule: string): string {
  return ctx.newId([ctx.id(bus)!, rule, 'Rule'], `rule:${bus}:${rule}`);
}

/** True for the account's default bus (`default: true`). */
function isDefaultBus(ctx: CodegenContext, name: string): boolean {
  const node = ctx.graph.nodes.get(name);
  return node?.kind === 'event-bus' && node.settings.default;
}

/** The name of an event bus, for `EventBusName`: `default` or the generated bus's name. */
export function busName(ctx: CodegenContext, name: string): Cfn {
  return isDefaultBus(ctx, name) ? 'default' : getAtt(ctx.id(name)!, 'Name');
}

/** The rule of a bus edge: a target's rule, or the rule whose target object holds a dead-letter queue. */
const ruleOf = (edge: GraphEdge): string => edge.rule ?? String(edge.pointer[edge.pointer.indexOf('rules') + 1] ?? '');

/** Catalog events a bus rule delivers (those its pattern may match). */
function ruleEvents(ctx: CodegenContext, bus: string, rule: string | undefined, matching?: (pattern: unknown) => EventDecl[]): EventDecl[] {
  const node = ctx.graph.nodes.get(bus);
  const r = node?.kind === 'event-bus' && rule !== undefined ? node.settings.rules?.get(rule) : undefined;
  if (!r?.declared) return [];
  return matching ? matching(r.pattern) : eventsMatching(r.pattern, ctx.graph.events.values());
}

/** The types a rule delivers: its constant input's, or the EventBridge events of what it matches. */
function ruleTypes(edge: GraphEdge, from: GraphNode<'event-bus'>, p: PayloadKit): string[] {
  if (edge.mechanism === 'rule' && edge.options.input !== undefined) return [typeOfValue(edge.options.input)];
  const events = ruleEvents(p.ctx, from.id, ruleOf(edge));
  return events.length ? events.map((e) => `EventBridgeEvent<${JSON.stringify(e.detailType)}, ${p.eventType(e.name)}>`) : ['EventBridgeEvent<string, unknown>'];
}

/** A sample of what a rule delivers: its input, the first event it matches, or an example event. */
function ruleSample(edge: GraphEdge, from: GraphNode<'event-bus'>, s: SampleKit): unknown {
  if (edge.options.input !== undefined) return edge.options.input;
  const first = ruleEvents(s.ctx, from.id, edge.rule, s.matching)[0];
  return first ? ebSample(first) : { ...scheduled(), 'detail-type': 'Example', source: 'example' };
}

/** The targets of each rule, gathered from its edges. */
type RuleTargets = Map<string, { bus: string; rule: string; targets: Obj[] }>;

/** The `event-bus` kind. */
export const eventBus: KindModule<'event-bus', EventBusSettings> = {
  kind: 'event-bus',
  label: 'event bus',
  sections: ['routers'],
  aliases: ['eventbridge', 'events', 'bus', 'eventbus', 'aws::events::eventbus'],
  targetKey: 'bus',
  settings(c: Obj): EventBusSettings {
    if (!isObj(c.rules)) return { default: c.default === true };
    const rules = new Map<string, BusRule>();
    for (const [name, r] of Object.entries(c.rules)) {
      if (!isObj(r)) {
        rules.set(name, UNDECLARED);
        continue;
      }
      const rule: Mutable<BusRule> = { declared: true, enabled: r.enabled !== false };
      if (r.pattern !== undefined) rule.pattern = r.pattern;
      put(rule, 'description', text(r.description));
      rules.set(name, rule);
    }
    return { default: c.default === true, rules };
  },
  references: {
    slots: [RULE_TARGET, DEAD_LETTER, DETAIL_TYPE, SOURCE],
    link(node, l) {
      const rules = node.config.rules;
      if (!isObj(rules)) return;
      for (const rule of Object.keys(rules)) {
        const r = rules[rule];
        const ruleAt = node.pointer.concat('rules', rule);
        l.declare(rule, ruleAt, 'rule');
        if (!isObj(r)) continue;
        const many = Array.isArray(r.to);
        list(r.to).forEach((t, i) => {
          const at = many ? ruleAt.concat('to', i) : ruleAt.concat('to');
          l.edge(node, l.ref(t, at), RULE_TARGET.names, 'trigger', 'rule', `a target of rule '${rule}'`, { rule });
          if (isObj(t)) l.edge(node, l.ref(t.deadLetter, at.concat('deadLetter')), DEAD_LETTER.names, 'dead-letter', 'redrive', `the dead-letter queue of rule '${rule}'`);
        });
      }
    },
  },
  cloudformation: {
    suffix: 'Bus',
    arn: (node, id) => (node.settings.default ? sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default') : getAtt(id, 'Arn')),
    env: { word: 'BUS', holds: 'NAME', value: (node, _id, ctx) => busName(ctx, node.id) },
    resources(node, t) {
      // The account's default bus exists already: its rules are created on it, the bus is not.
      if (node.settings.default) return;
      const id = t.ctx.id(node.id)!;
      t.add(id, 'AWS::Events::EventBus', { Name: sub(`\${AWS::StackName}-${node.id}`), Description: node.description || undefined });
      t.output(`${id}Name`, { Description: `Name of event bus '${node.id}'.`, Value: getAtt(id, 'Name') });
    },
    policySource: (edge, from, t) => ({ arn: getAtt(ruleId(t.ctx, from.id, ruleOf(edge)), 'Arn'), sid: pascal(ruleOf(edge)) }),
    edge(edge, from, to, t) {
      const { ctx } = t;
      if (edge.mechanism === 'redrive') {
        // A rule's dead letters: the queue accepts EventBridge.
        t.grantResourcePolicy(edge);
        return;
      }
      if (edge.mechanism !== 'rule') return;
      const rule = edge.rule!;
      const rid = ruleId(ctx, from.id, rule);
      const ruleTargets = t.state<RuleTargets>('event-bus:rules', () => new Map());
      const entry = ruleTargets.get(rid) ?? ruleTargets.set(rid, { bus: from.id, rule, targets: [] }).get(rid)!;
      const o = edge.options;
      const dlq = ctx.out(from.id).find((e) => e.mechanism === 'redrive' && e.pointer.slice(0, -1).join('/') === edge.optionsAt.join('/'));
      const retry = isObj(o.retry) ? o.retry : undefined;
      let roleArn: Cfn | undefined;
      if (to.kind === 'function') t.lambdaPermission(edge, PRINCIPALS.events, { SourceArn: getAtt(rid, 'Arn') }, [from.id, rule]);
      else if (to.kind === 'queue' || to.kind === 'topic') t.grantResourcePolicy(edge);
      else {
        const role = t.grantServiceRole(edge, rid);
        if (role) roleArn = getAtt(role, 'Arn');
      }
      const usedIds = new Set(entry.targets.map((x) => x.Id));
      let targetId = to.id.slice(0, 64);
      for (let i = 2; usedIds.has(targetId); i++) targetId = `${to.id.slice(0, 60)}-${i}`;
      entry.targets.push(compact({
        Id: targetId,
        Arn: ctx.arn(to.id),
        RoleArn: roleArn,
        Input: o.input !== undefined ? JSON.stringify(o.input) : undefined,
        RetryPolicy: retry ? compact({ MaximumRetryAttempts: num(retry.attempts), MaximumEventAgeInSeconds: wholeSeconds(seconds(retry.maxAge)) }) : undefined,
        DeadLetterConfig: dlq && ctx.node(dlq.to) ? { Arn: ctx.arn(dlq.to) } : undefined,
        SqsParameters: to.kind === 'queue' && ctx.fifo(to.id) ? { MessageGroupId: (typeof o.messageGroup === 'string' && o.messageGroup) || rule } : undefined,
      }));
    },
    finish(t) {
      // Rules with their targets (a rule without a generated target is not created).
      const { ctx } = t;
      for (const [rid, { bus, rule, targets }] of [...t.state<RuleTargets>('event-bus:rules', () => new Map())].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const node = ctx.graph.nodes.get(bus);
        const r = node?.kind === 'event-bus' ? node.settings.rules?.get(rule) : undefined;
        t.add(rid, 'AWS::Events::Rule', {
          Description: r?.description || undefined,
          EventBusName: busName(ctx, bus),
          EventPattern: isObj(r?.pattern) ? r.pattern : { source: [{ prefix: '' }] },
          State: r?.enabled === false ? 'DISABLED' : 'ENABLED',
          Targets: targets,
        });
      }
    },
  },
  diagram: {
    icons: {
      // A bus with taps.
      'event-bus': { glyph: 'M3 12h18 M6.5 12V6.5 M12 12v5.5 M17.5 12V6.5 M5 6.5h3 M10.5 17.5h3 M16 6.5h3', colour: '#9b1d63', subtitle: 'EventBridge bus' },
    },
    subtitle: (node) => (node.settings.default ? 'EventBridge default bus' : 'EventBridge bus'),
    settings: (node) => shown([
      ['default bus', node.settings.default ? "yes: the account's, not created" : undefined],
      ['rules', node.settings.rules ? String(node.settings.rules.size) : undefined],
    ]),
  },
  events: {
    // A rule's target (and its dead-letter queue) gets the matched events, or the rule's input.
    delivered: (edge, from, p) => (edge.mechanism === 'rule' || edge.mechanism === 'redrive' ? ruleTypes(edge, from, p) : ['unknown']),
    deliveredEvents: (edge, from, p) => (edge.mechanism === 'rule' && edge.options.input === undefined ? ruleEvents(p.ctx, from.id, edge.rule ?? '') : []),
    deliveredSample: (edge, from, s) => (edge.mechanism === 'rule' ? ruleSample(edge, from, s) : {}),
    trigger(edge, source, p, label) {
      if (edge.mechanism !== 'rule') return undefined;
      const types = ruleTypes(edge, source, p);
      const input = edge.options.input !== undefined;
      return {
        shape: input ? 'unknown' : 'eventbridge', eventType: types.includes('unknown') ? 'unknown' : types.join(' | '), resultType: 'void',
        events: input ? [] : ruleEvents(p.ctx, source.id, edge.rule ?? ''), label: `rule '${edge.rule}' of ${label}`,
      };
    },
    sample: (t, s) => (t.shape === 'eventbridge' ? ruleSample(t.edge, t.source, s) : t.edge.options.input ?? {}),
  },
  emit: {
    emitters(_edge, target, e) {
      const ev = e.event;
      if (!ev) {
        return [{ base: `putEventTo${e.T}`, helper: 'putEvent', params: 'source: string, detailType: string, detail: unknown', call: `putEvent(${e.env}, source, detailType, detail)`, returns: 'Promise<void>', doc: `Puts an event on event bus '${target.id}' (name in ${e.envName}).` }];
      }
      const source = ev.source ?? e.ctx.name;
      return [{
        base: `put${e.E}To${e.T}`, helper: 'putEvent', params: `detail: ${e.messageType}`, call: `putEvent(${e.env}, ${JSON.stringify(source)}, ${JSON.stringify(ev.detailType)}, detail)`, returns: 'Promise<void>',
        doc: `Puts ${ev.name} (source '${source}', detail-type '${ev.detailType}') on event bus '${target.id}' (name in ${e.envName}).`,
        sends: { source, detailType: ev.detailType },
      }];
    },
  },
  import: {
    // Its rules are read by the wiring pass (AWS::Events::Rule).
    types: ['AWS::Events::EventBus'],
    edges(node, out) {
      if (node.rules.size > 0) out.rules = Object.fromEntries(node.rules);
    },
    grants: {
      service: 'events', write: ['putevents'],
      templates: { EventBridgePutEventsPolicy: { arg: 'EventBusName', access: ['write'] } },
    },
  },
  editor: {
    snippet: (fn) => ({
      block: ['${1:bus}:', '  type: event-bus', '  rules:', '    ${2:rule}:', '      pattern: { source: [${3:shop.orders}] }', `      to: ${fn(4)}`],
      flow: `\${1:bus}: { type: event-bus, rules: { \${2:rule}: { pattern: { source: [\${3:shop.orders}] }, to: ${fn(4)} } } }`,
      doc: 'An EventBridge event bus with a rule.',
    }),
    hover: (node) => (node.settings.rules ? [`${node.settings.rules.size} rule(s)`] : []),
    outline: { key: 'rules', kind: 'rule' },
  },
  simulate: eventBusSimulation,
};
