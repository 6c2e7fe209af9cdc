import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/flexible-window', [
  {
    name: 'within 1–1,440 minutes',
    yaml: `
archflow: 1
name: t
producers:
  a: { type: schedule, schedule: rate(1 hour), flexibleWindow: 1, to: worker }
  b: { type: schedule, schedule: rate(1 hour), flexibleWindow: 1440, to: worker }
consumers:
  worker: {}`,
  },
  {
    name: 'zero and more than a day',
    yaml: `
archflow: 1
name: t
producers:
  a: { type: schedule, schedule: rate(1 hour), flexibleWindow: 0, to: worker }
#                                                              ^ error: The flexible window 0 min of schedule 'a' is outside EventBridge Scheduler's range 1–1,440 min. Omit it for an exact time.
#   fix: Set flexibleWindow to 1
#   + a: { type: schedule, schedule: rate(1 hour), flexibleWindow: 1, to: worker }
  b:
    type: schedule
    schedule: rate(1 hour)
    flexibleWindow: 2000
#                   ^^^^ error: The flexible window 2,000 min of schedule 'b' is outside EventBridge Scheduler's range 1–1,440 min. Omit it for an exact time.
#   fix: Set flexibleWindow to 1,440
#   + flexibleWindow: 1440
    to: worker
consumers:
  worker: {}`,
  },
]);
