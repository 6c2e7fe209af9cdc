import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/schedule-expression', [
  {
    name: 'rate, cron and at',
    yaml: `
archflow: 1
name: t
producers:
  a: { type: schedule, schedule: rate(1 minute), to: worker }
  b: { type: schedule, schedule: "cron(0 2 ? * MON-FRI *)", to: worker }
  c: { type: schedule, schedule: at(2027-01-31T09:30:00), to: worker }
consumers:
  worker: {}`,
  },
  {
    name: 'a plural unit for 1, five-field cron, both day fields set, an impossible date; underlined inside the expression',
    yaml: `
archflow: 1
name: t
producers:
  a:
    type: schedule
    schedule: rate(1 hours)
#                    ^^^^^ error: Invalid schedule expression of schedule 'a': A rate of 1 takes the singular unit: rate(1 hour).
    to: worker
  b:
    type: schedule
    schedule: cron(0 2 * * *)
#                  ^^^^^^^^^ error: Invalid schedule expression of schedule 'b': cron needs 6 fields (minutes hours day-of-month month day-of-week year), not 5.
    to: worker
  c:
    type: schedule
    schedule: "cron(0 2 * * MON *)"
#                           ^^^ error: Invalid schedule expression of schedule 'c': One of day-of-month and day-of-week must be ?: you can't specify both (use * in one and ? in the other).
    to: worker
  d:
    type: schedule
    schedule: 'at(2027-02-30T09:30:00)'
#                         ^^ error: Invalid schedule expression of schedule 'd': 2027-02-30 is not a date (day 30 of a month with 28 days).
    to: worker
  e:
    type: schedule
    schedule: every day
#             ^^^^^^^^^ error: Invalid schedule expression of schedule 'e': 'every day' is not a schedule expression. Use rate(value unit), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss).
    to: worker
consumers:
  worker: {}`,
  },
  {
    name: 'an expression with escapes is underlined whole',
    yaml: `
archflow: 1
name: t
producers:
  a:
    type: schedule
    schedule: "rate(5 hour)\\u0020"
#             ^^^^^^^^^^^^^^^^^^^^ error: Invalid schedule expression of schedule 'a': Missing ) at the end of rate(…).
    to: worker
consumers:
  worker: {}`,
  },
  {
    name: 'a schedule without an expression is not checked here (the schema requires one)',
    yaml: `
archflow: 1
name: t
producers:
  a: { type: schedule, to: worker }
consumers:
  worker: {}`,
  },
]);
