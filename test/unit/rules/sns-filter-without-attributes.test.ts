import { testRule } from '../../helpers/rule-cases';

testRule('sns/filter-without-attributes', [
  {
    name: 'a function publisher can set attributes; a body filter needs none; a nested policy is sns/filter-syntax\'s',
    yaml: `
archflow: 1
name: t
routers:
  bus: { type: event-bus, rules: { all: { pattern: { source: [app] }, to: [alerts, news, nested] } } }
  alerts: { type: topic, to: [{ queue: q, filter: { severity: [high] } }] }
  news: { type: topic, to: [{ queue: q, filter: { detail: { severity: [high] } }, filterScope: body }] }
  nested: { type: topic, to: [{ queue: q, filter: { detail: { severity: [high] } } }] }
  q: { type: queue }
consumers:
  sender: { emits: [alerts] }`,
  },
  {
    name: 'only an EventBridge rule publishes: an attribute filter never matches (fix: body and detail)',
    yaml: `
archflow: 1
name: t
routers:
  bus: { type: event-bus, rules: { failed: { pattern: { source: [app] }, to: { topic: alerts } } } }
  alerts:
    type: topic
    to:
      - { queue: audit, filter: { severity: [high] }, deadLetter: dlq }
#                       ^^^^^^ warning: The subscription of 'audit' to topic 'alerts' filters on message attributes, but its only publisher is the EventBridge rule 'failed' of 'bus', which sets none: the filter never matches and 'audit' receives nothing. Filter on the message body (\`filterScope: body\`), where the event's fields are under \`detail\`.
#   fix: Filter on the event's detail in the message body
#   + - { queue: audit, filter: { detail: { severity: [high] } }, filterScope: body, deadLetter: dlq }
  audit: { type: queue }
  dlq: { type: queue }`,
  },
  {
    name: 'S3 and a schedule publish without attributes: no automatic fix',
    yaml: `
archflow: 1
name: t
producers:
  uploads: { type: bucket, notifications: [{ on: [ObjectCreated], to: { topic: files } }] }
  nightly: { type: schedule, schedule: rate(1 day), to: { topic: files } }
routers:
  files:
    type: topic
    to: [{ function: w, filter: { kind: [report] } }]
#                       ^^^^^^ warning: The subscription of 'w' to topic 'files' filters on message attributes, but its only publishers are S3 notification of 'uploads' and schedule of 'nightly', which set none: the filter never matches and 'w' receives nothing. Filter on the message body (\`filterScope: body\`).
#   fix: none
consumers:
  w: {}`,
  },
  {
    name: 'a flat policy on the body, a subscription without publishers, a Lambda event source filter, an $or written as a map (sns/filter-syntax\'s): nothing here',
    yaml: `
archflow: 1
name: t
routers:
  bus: { type: event-bus, rules: { all: { pattern: { source: [app] }, to: [alerts, jobs, either] } } }
  alerts: { type: topic, to: [{ queue: q, filter: { source: [app] }, filterScope: body }] }
  quiet: { type: topic, to: [{ queue: q, filter: { severity: [high] } }] }
  either: { type: topic, to: [{ queue: q, filter: { $or: { severity: [high] } } }] }
  jobs: { type: queue, to: { function: f, filter: { messageId: [a] } } }
  q: { type: queue }
consumers:
  f: {}`,
  },
  {
    name: 'a nested key beside a flat one is sns/filter-syntax\'s too',
    yaml: `
archflow: 1
name: t
routers:
  bus: { type: event-bus, rules: { all: { pattern: { source: [app] }, to: { topic: alerts } } } }
  alerts: { type: topic, to: [{ queue: q, filter: { severity: [high], detail: { kind: [a] } } }] }
  q: { type: queue }`,
  },
  {
    name: 'three publishers, one of them a rule: no fix (S3 and schedule messages have no detail)',
    yaml: `
archflow: 1
name: t
producers:
  uploads: { type: bucket, notifications: [{ on: [ObjectCreated], to: { topic: files } }] }
  nightly: { type: schedule, schedule: rate(1 day), to: { topic: files } }
routers:
  bus: { type: event-bus, rules: { all: { pattern: { source: [app] }, to: { topic: files } } } }
  files:
    type: topic
    to: [{ function: w, filter: { kind: [report] } }]
#                       ^^^^^^ warning: The subscription of 'w' to topic 'files' filters on message attributes, but its only publishers are S3 notification of 'uploads', schedule of 'nightly' and EventBridge rule 'all' of 'bus', which set none: the filter never matches and 'w' receives nothing. Filter on the message body (\`filterScope: body\`).
#   fix: none
consumers:
  w: {}`,
  },
]);
