/** Kind `schedule`: an EventBridge Scheduler schedule (producer) that invokes its target at fixed times. */
import { n } from '../util/duration';
import { isObj, type Obj } from '../util/value';
import { compact, getAtt, sub, wholeSeconds } from '../codegen/cfn';
import { typeOfValue } from '../codegen/json-schema-to-ts';
import { scheduled } from '../codegen/sample-events';
import type { Draft, DraftNode } from '../import/draft';
import { put as putProp, resolveTarget, retryPolicy } from '../import/helpers';
import type { KindModule, ReferenceSlot } from './kind';
import { asWritten, num, put, retry, shown, text, type Mutable, type RetrySettings } from './read';

/** The settings of a schedule. */
export interface ScheduleSettings {
  /** The expression (`rate(…)`, `cron(…)`, `at(…)`), when written. */
  readonly schedule?: string;
  readonly timezone?: string;
  /** Minutes, when written. */
  readonly flexibleWindow?: number;
  /** True when `input` is written (then `input` is its value, which may be `null`). */
  readonly hasInput: boolean;
  readonly input?: unknown;
  readonly retry?: RetrySettings;
}

const TARGET = { at: /^to$/, names: ['function', 'queue', 'topic', 'event-bus', 'stream'] } as const satisfies ReferenceSlot;
const DEAD_LETTER = { at: /^deadLetter$/, names: ['queue'] } as const satisfies ReferenceSlot;

/** A schedule expression, retry policy, dead-letter queue and input → schedule settings. */
export function scheduleSettings(
  d: Draft, node: DraftNode,
  c: { expression: unknown; timezone?: unknown; window?: unknown; input?: unknown; retry?: unknown; deadLetter?: unknown; deadLetterNode?: DraftNode; description?: unknown },
  owner: string,
): void {
  const { t } = d;
  const o = node.props;
  putProp(o, 'description', t.str(c.description));
  putProp(o, 'schedule', t.str(c.expression));
  putProp(o, 'timezone', t.str(c.timezone));
  if (isObj(c.window) && t.str(c.window.Mode) === 'FLEXIBLE') putProp(o, 'flexibleWindow', t.num(c.window.MaximumWindowInMinutes));
  if (c.input !== undefined) {
    const input = t.render(c.input);
    if (typeof input === 'string') {
      try {
        o.input = JSON.parse(input);
      } catch {
        o.input = input;
      }
    } else o.input = input;
  }
  const retry = retryPolicy(d, c.retry);
  if (retry) o.retry = retry;
  const dlq = isObj(c.deadLetter) ? c.deadLetter.Arn : undefined;
  const q = c.deadLetterNode ?? (dlq !== undefined ? resolveTarget(d, dlq, DEAD_LETTER.names, `${owner}DeadLetterQueue`, 'AWS::SQS::Queue', `The dead-letter queue of ${owner}`) : undefined);
  if (q) {
    o.deadLetter = q.name;
    q.incoming++;
  }
}

/** The `schedule` kind. */
export const schedule: KindModule<'schedule', ScheduleSettings> = {
  kind: 'schedule',
  label: 'schedule',
  sections: ['producers'],
  aliases: ['scheduler', 'cron', 'rate'],
  settings(c: Obj): ScheduleSettings {
    const s: Mutable<ScheduleSettings> = { hasInput: c.input !== undefined };
    put(s, 'schedule', text(c.schedule));
    put(s, 'timezone', text(c.timezone));
    put(s, 'flexibleWindow', num(c.flexibleWindow));
    if (c.input !== undefined) s.input = c.input;
    put(s, 'retry', retry(c.retry));
    return s;
  },
  references: {
    slots: [TARGET, DEAD_LETTER],
    link(node, l) {
      const c = node.config;
      const p = node.pointer;
      l.edge(node, l.ref(c.to, p.concat('to')), TARGET.names, 'trigger', 'schedule', `the target of ${l.subject(node)}`);
      l.edge(node, l.ref(c.deadLetter, p.concat('deadLetter')), DEAD_LETTER.names, 'dead-letter', 'redrive', `the dead-letter queue of ${l.subject(node)}`);
    },
  },
  cloudformation: {
    suffix: 'Schedule',
    // The schedule is created with its target (a schedule has one), below.
    edge(edge, schedule, to, t) {
      if (edge.mechanism !== 'schedule') return;
      const { ctx } = t;
      const id = ctx.id(schedule.id)!;
      const s = schedule.settings;
      const role = t.grantServiceRole(edge, id);
      const dlq = ctx.out(schedule.id).find((e) => e.mechanism === 'redrive');
      if (dlq) t.grantServiceRole(dlq, id);
      const window = s.flexibleWindow;
      const input = s.hasInput ? JSON.stringify(s.input) : undefined;
      t.add(id, 'AWS::Scheduler::Schedule', {
        Description: schedule.description || undefined,
        ScheduleExpression: s.schedule || 'rate(1 day)',
        ScheduleExpressionTimezone: s.timezone || undefined,
        FlexibleTimeWindow: window ? { Mode: 'FLEXIBLE', MaximumWindowInMinutes: window } : { Mode: 'OFF' },
        State: 'ENABLED',
        Target: compact({
          Arn: ctx.arn(to.id),
          RoleArn: getAtt(role!, 'Arn'),
          // Without an input of its own, the target gets a scheduled event (the shape EventBridge rules send).
          Input: input ?? sub(JSON.stringify({
            version: '0', id: '<aws.scheduler.execution-id>', 'detail-type': 'Scheduled Event', source: 'aws.scheduler',
            account: '${AWS::AccountId}', time: '<aws.scheduler.scheduled-time>', region: '${AWS::Region}',
            resources: ['<aws.scheduler.schedule-arn>'], detail: {},
          })),
          RetryPolicy: s.retry ? compact({ MaximumRetryAttempts: s.retry.attempts, MaximumEventAgeInSeconds: wholeSeconds(s.retry.maxAge) }) : undefined,
          DeadLetterConfig: dlq && ctx.node(dlq.to) ? { Arn: ctx.arn(dlq.to) } : undefined,
          SqsParameters: to.kind === 'queue' && ctx.fifo(to.id) ? { MessageGroupId: schedule.id } : undefined,
          KinesisParameters: to.kind === 'stream' ? { PartitionKey: schedule.id } : undefined,
          EventBridgeParameters: to.kind === 'event-bus' ? { DetailType: 'Scheduled Event', Source: `${ctx.name}.${schedule.id}` } : undefined,
        }),
      });
    },
  },
  diagram: {
    icons: {
      // A clock.
      schedule: { glyph: 'M4 12a8 8 0 1 0 16 0a8 8 0 1 0-16 0 M12 7.5V12l3 2', colour: '#c22c44', subtitle: 'Schedule' },
    },
    settings: (node) => shown([
      ['schedule', node.settings.schedule],
      ['time zone', node.settings.timezone],
      ['flexible window', node.settings.flexibleWindow === undefined ? undefined : `${n(node.settings.flexibleWindow)} min`],
    ]),
  },
  events: {
    // Its target gets its `input`, else a scheduled event.
    delivered: (edge, from) => [edge.mechanism !== 'schedule' ? 'unknown' : from.settings.hasInput ? typeOfValue(from.settings.input) : 'ScheduledEvent'],
    deliveredSample: (edge, from) => (edge.mechanism !== 'schedule' ? {} : from.settings.hasInput ? from.settings.input : scheduled()),
    trigger(edge, source, _p, label) {
      if (edge.mechanism !== 'schedule') return undefined;
      const s = source.settings;
      return { shape: s.hasInput ? 'unknown' : 'schedule', eventType: s.hasInput ? typeOfValue(s.input) : 'ScheduledEvent', resultType: 'void', events: [], label };
    },
    sample: (t) => (t.shape === 'schedule' ? scheduled() : t.source.settings.input ?? {}),
  },
  import: {
    // Its settings are read with its target, by the wiring pass (scheduleSettings).
    types: ['AWS::Scheduler::Schedule'],
    connect(d, from, to, _options, key) {
      if (from.to.length > 0) {
        d.notes.add(`${from.name} also sends to ${to.name}, but Archflow schedules have one target: that edge is not shown.`);
        return false;
      }
      from.to.push(d.ref(to, {}, key));
      return true;
    },
    edges(node, out) {
      if (node.to.length > 0) out.to = node.to[0];
    },
  },
  editor: {
    snippet: (fn) => ({
      block: ['${1:nightly}:', '  type: schedule', '  schedule: ${2:cron(0 2 * * ? *)}', `  to: ${fn(3)}`],
      flow: `\${1:nightly}: { type: schedule, schedule: \${2:rate(1 day)}, to: ${fn(3)} }`,
      doc: 'An EventBridge Scheduler schedule that invokes a function.',
    }),
    hover: (node) => asWritten(node.config, ['schedule', 'timezone', 'deadLetter']),
  },
};
