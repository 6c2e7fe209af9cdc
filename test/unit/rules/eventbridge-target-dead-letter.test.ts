import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/target-dead-letter', [
  {
    name: 'targets with a dead-letter queue are fine',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      all: { pattern: { source: [app] }, to: [{ function: w, deadLetter: dlq }, { queue: q, deadLetter: dlq }] }
  q: { type: queue }
  dlq: { type: queue }
consumers:
  w: {}`,
  },
  {
    name: 'targets without one: a bare name and an object (an existing standard queue is reused)',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      all:
        pattern: { source: [app] }
        to: [w, { queue: q, retry: { attempts: 3 } }]
#            ^ info: Target 'w' of rule 'all' (event bus 'bus') has no dead-letter queue: an event EventBridge cannot deliver is dropped after its retries without a trace.
#   fix: Send undelivered events to queue 'bus-dlq'
#   + to: [{ function: w, deadLetter: bus-dlq }, { queue: q, retry: { attempts: 3 } }]
#                        ^ info: Target 'q' of rule 'all' (event bus 'bus') has no dead-letter queue: an event EventBridge cannot deliver is dropped after its retries without a trace.
#   fix: Send undelivered events to queue 'bus-dlq'
#   + to: [w, { queue: q, retry: { attempts: 3 }, deadLetter: bus-dlq }]
  q: { type: queue }
  bus-dlq: { type: queue }
consumers:
  w: {}`,
  },
  {
    name: 'a name taken by something else gets a number',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      all: { pattern: { source: [app] }, to: w }
#                                            ^ info: Target 'w' of rule 'all' (event bus 'bus') has no dead-letter queue: an event EventBridge cannot deliver is dropped after its retries without a trace.
#   fix: Send undelivered events to queue 'bus-dlq2'
#   + all: { pattern: { source: [app] }, to: { function: w, deadLetter: bus-dlq2 } }
#   + bus-dlq2: { type: queue, retention: 14d }
  bus-dlq: { type: topic }
consumers:
  w: {}`,
  },
  {
    name: 'an external target written bare cannot take options (no fix); written as an object it can',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      all:
        pattern: { source: [app] }
        to: [partner, { bus: partner }]
#            ^^^^^^^ info: Target 'partner' of rule 'all' (event bus 'bus') has no dead-letter queue: an event EventBridge cannot deliver is dropped after its retries without a trace.
#   fix: none
#                            ^^^^^^^ info: Target 'partner' of rule 'all' (event bus 'bus') has no dead-letter queue: an event EventBridge cannot deliver is dropped after its retries without a trace.
#   fix: Send undelivered events to queue 'bus-dlq'
#   + to: [partner, { bus: partner, deadLetter: bus-dlq }]
  bus-dlq: { type: queue }
  partner:
    type: external
    resource: AWS::Events::EventBus
    arn: arn:aws:events:eu-west-1:123456789012:event-bus/partner`,
  },
]);
