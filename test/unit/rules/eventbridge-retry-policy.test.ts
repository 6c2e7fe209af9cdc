import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/retry-policy', [
  {
    name: 'values within the ranges',
    yaml: `
archflow: 1
name: t
producers:
  nightly:
    type: schedule
    schedule: rate(1 day)
    retry: { attempts: 0, maxAge: 60 }
    to: worker
routers:
  bus:
    type: event-bus
    rules:
      a: { pattern: { source: [a] }, to: [{ function: worker, retry: { attempts: 185, maxAge: 24h } }] }
consumers:
  worker: {}`,
  },
  {
    name: 'too many attempts and too short an age on a rule target; too long an age on a schedule',
    yaml: `
archflow: 1
name: t
producers:
  nightly:
    type: schedule
    schedule: rate(1 day)
    retry:
      maxAge: 2d
#             ^^ error: The retry policy of schedule 'nightly' has a maximum event age of 172,800 s; EventBridge Scheduler allows 60–86,400 s.
#   fix: Set maxAge to 86,400
#   + maxAge: 86400
    to: worker
routers:
  bus:
    type: event-bus
    rules:
      a:
        pattern: { source: [a] }
        to:
          - { queue: jobs, retry: { attempts: 200, maxAge: 30s } }
#                                             ^^^ error: The retry policy of target 'jobs' of rule 'a' has 200 attempts; EventBridge allows 0–185.
#   fix: Set attempts to 185
#   + - { queue: jobs, retry: { attempts: 185, maxAge: 30s } }
#                                                          ^^^ error: The retry policy of target 'jobs' of rule 'a' has a maximum event age of 30 s; EventBridge allows 60–86,400 s.
#   fix: Set maxAge to 60
#   + - { queue: jobs, retry: { attempts: 200, maxAge: 60 } }
  jobs: { type: queue, to: worker }
consumers:
  worker: {}`,
  },
  {
    name: 'negative attempts',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a: { pattern: { source: [a] }, to: { function: worker, retry: { attempts: -1 } } }
#                                                                               ^^ error: The retry policy of target 'worker' of rule 'a' has -1 attempts; EventBridge allows 0–185.
#   fix: Set attempts to 0
#   + a: { pattern: { source: [a] }, to: { function: worker, retry: { attempts: 0 } } }
consumers:
  worker: {}`,
  },
  {
    name: 'each kind of target is named by its key (topic, bus, stream, firehose); one without a name is \'?\'',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a:
        pattern: { source: [a] }
        to:
          - { topic: alerts, retry: { attempts: 186 } }
#                                               ^^^ error: The retry policy of target 'alerts' of rule 'a' has 186 attempts; EventBridge allows 0–185.
#   fix: Set attempts to 185
#   + - { topic: alerts, retry: { attempts: 185 } }
          - { bus: other, retry: { attempts: 186 } }
#                                            ^^^ error: The retry policy of target 'other' of rule 'a' has 186 attempts; EventBridge allows 0–185.
#   fix: Set attempts to 185
#   + - { bus: other, retry: { attempts: 185 } }
          - { stream: clicks, retry: { attempts: 186 } }
#                                                ^^^ error: The retry policy of target 'clicks' of rule 'a' has 186 attempts; EventBridge allows 0–185.
#   fix: Set attempts to 185
#   + - { stream: clicks, retry: { attempts: 185 } }
          - { firehose: archive, retry: { attempts: 186 } }
#                                                   ^^^ error: The retry policy of target 'archive' of rule 'a' has 186 attempts; EventBridge allows 0–185.
#   fix: Set attempts to 185
#   + - { firehose: archive, retry: { attempts: 185 } }
          - { retry: { attempts: 186 } }
#                                ^^^ error: The retry policy of target '?' of rule 'a' has 186 attempts; EventBridge allows 0–185.
#   fix: Set attempts to 185
#   + - { retry: { attempts: 185 } }
  other: { type: event-bus }
  alerts: { type: topic }
  clicks: { type: stream }
  archive: { type: firehose }`,
  },
]);
