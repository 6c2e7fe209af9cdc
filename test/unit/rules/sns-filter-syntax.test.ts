import { testRule } from '../../helpers/rule-cases';

testRule('sns/filter-syntax', [
  {
    name: 'flat attribute policies, nested body policies and every SNS operator are fine',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - { function: w, filter: { severity: [high, { prefix: crit }], size: [{ numeric: ['>', 10] }], ip: [{ cidr: 10.0.0.0/8 }] } }
      - { function: w, filter: { $or: [{ a: [{ exists: true }] }, { b: [{ anything-but: [x] }, { suffix: z }, { equals-ignore-case: Y }] }] } }
      - { queue: q, filterScope: body, filter: { detail: { severity: [high] } } }
  q: { type: queue }
consumers:
  w: {}`,
  },
  {
    name: 'an operator SNS does not have',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - function: w
        filter: { file: [{ wildcard: '*.png' }], kind: [{ prefx: a }] }
#                          ^^^^^^^^ error: The filter policy of 'w' on topic 'alerts' uses \`wildcard\`, which is not an SNS filter operator (SNS has \`exists\`, \`numeric\`, \`anything-but\`, \`equals-ignore-case\`, \`cidr\`, \`prefix\`, \`suffix\` and \`$or\`).
#   fix: none
#                                                         ^^^^^ error: The filter policy of 'w' on topic 'alerts' uses \`prefx\`, which is not an SNS filter operator (SNS has \`exists\`, \`numeric\`, \`anything-but\`, \`equals-ignore-case\`, \`cidr\`, \`prefix\`, \`suffix\` and \`$or\`). Did you mean 'prefix'?
#   fix: none
consumers:
  w: {}`,
  },
  {
    name: 'a nested policy on message attributes',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - function: w
        filter:
          detail:
#         ^^^^^^ error: The filter policy of 'w' on topic 'alerts' nests keys under \`detail\`, but it filters on message attributes (the default \`filterScope\`), which SNS accepts only as a flat policy. To filter on fields of the message body, set \`filterScope: body\`.
#   fix: Filter on the message body
#   + filterScope: body
            severity: [high]
consumers:
  w: {}`,
  },
  {
    name: 'a single value instead of a list',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to: [{ function: w, filter: { severity: high } }]
#                                           ^^^^ error: The filter policy of 'w' on topic 'alerts' gives \`severity\` a single value; SNS expects a list of values: \`severity: ["high"]\`.
#   fix: Put the value of 'severity' in a list
#   + to: [{ function: w, filter: { severity: [high] } }]
consumers:
  w: {}`,
  },
  {
    name: 'one problem per policy, at the first nested key (also inside an $or branch)',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - { function: w, filter: { order: { customer: { tier: [gold] } }, detail: { severity: [high] } } }
#                                ^^^^^ error: The filter policy of 'w' on topic 'alerts' nests keys under \`order\`, but it filters on message attributes (the default \`filterScope\`), which SNS accepts only as a flat policy. To filter on fields of the message body, set \`filterScope: body\`.
#   fix: Filter on the message body
#   + - { function: w, filter: { order: { customer: { tier: [gold] } }, detail: { severity: [high] } }, filterScope: body }
      - { function: v, filter: { $or: [{ kind: [a] }, { detail: { severity: [high] } }] } }
#                                                       ^^^^^^ error: The filter policy of 'v' on topic 'alerts' nests keys under \`detail\`, but it filters on message attributes (the default \`filterScope\`), which SNS accepts only as a flat policy. To filter on fields of the message body, set \`filterScope: body\`.
#   fix: Filter on the message body
#   + - { function: v, filter: { $or: [{ kind: [a] }, { detail: { severity: [high] } }] }, filterScope: body }
consumers:
  w: {}
  v: {}`,
  },
  {
    name: 'the body-scope fix writes `filterScope` right after `filter`, before the keys that follow',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - { queue: q, filter: { detail: { severity: [high] } }, deadLetter: dlq }
#                             ^^^^^^ error: The filter policy of 'q' on topic 'alerts' nests keys under \`detail\`, but it filters on message attributes (the default \`filterScope\`), which SNS accepts only as a flat policy. To filter on fields of the message body, set \`filterScope: body\`.
#   fix: Filter on the message body
#   + - { queue: q, filter: { detail: { severity: [high] } }, filterScope: body, deadLetter: dlq }
  q: { type: queue }
  dlq: { type: queue }`,
  },
  {
    name: "a Lambda event source filter is not an SNS policy: nested keys and single values are Lambda's (esm/event-filter)",
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: { function: f, filter: { body: { type: [card] }, region: eu } } }
consumers:
  f: {}`,
  },
]);
