import { testRule } from '../../helpers/rule-cases';

testRule('sns/filter-policy', [
  {
    name: 'five keys and 150 combinations are fine',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - function: w
        filter: { a: [1, 2, 3], b: [1, 2, 3, 4, 5], c: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], d: [x], e: [y] }
consumers:
  w: {}`,
  },
  {
    name: 'six keys',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - function: w
        filter: { a: [1], b: [1], c: [1], d: [1], e: [1], f: [1] }
#               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: The filter policy of 'w' on topic 'alerts' has 6 keys; SNS allows 5.
consumers:
  w: {}`,
  },
  {
    name: 'more than 150 combinations',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - function: w
        filter:
#       ^^^^^^ error: The filter policy of 'w' on topic 'alerts' has 168 value combinations (4 × 6 × 7); SNS allows 150.
          severity: [low, medium, high, critical]
          region: [eu-west-1, eu-west-2, eu-central-1, us-east-1, us-east-2, us-west-2]
          team: [a, b, c, d, e, f, g]
consumers:
  w: {}`,
  },
  {
    name: 'nested keys of a body filter count as keys',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - function: w
        filterScope: body
        filter:
#       ^^^^^^ error: The filter policy of 'w' on topic 'alerts' has 6 keys; SNS allows 5.
          order: { status: [paid], total: [{ numeric: [">", 100] }], currency: [EUR] }
          customer: { tier: [gold], country: [DE], vip: [true] }
consumers:
  w: {}`,
  },
  {
    name: '$or branches add up',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - function: w
        filterScope: body
        filter:
          customer: { tier: [gold, silver, bronze, iron, tin, zinc, lead] }
          $or:
            - { region: [a, b, c, d, e, f, g, h, i, j] }
            - { country: [a, b, c, d, e, f, g, h, i, j] }
      - function: v
        filterScope: body
        filter:
#       ^^^^^^ error: The filter policy of 'v' on topic 'alerts' has 160 value combinations; SNS allows 150.
          customer: { tier: [gold, silver, bronze, iron, tin, zinc, lead, tungsten] }
          $or:
            - { region: [a, b, c, d, e, f, g, h, i, j] }
            - { country: [a, b, c, d, e, f, g, h, i, j] }
consumers:
  w: {}
  v: {}`,
  },
  {
    name: 'one key with 151 values: the count without a product',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - function: w
        filter:
#       ^^^^^^ error: The filter policy of 'w' on topic 'alerts' has 151 value combinations; SNS allows 150.
          customer: [${Array.from({ length: 151 }, (_, i) => `c${i}`).join(', ')}]
consumers:
  w: {}`,
  },
  {
    name: 'a key with a single value counts as one key of one value: six keys',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - function: w
        filter: { a: [1], b: [1], c: [1], d: [1], e: [1], f: high }
#               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: The filter policy of 'w' on topic 'alerts' has 6 keys; SNS allows 5.
consumers:
  w: {}`,
  },
  {
    name: 'an $or branch that is not a map adds no alternative: 150 combinations are fine',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - function: w
        filter: { $or: [{ a: [${Array.from({ length: 150 }, (_, i) => i).join(', ')}] }, 5] }
consumers:
  w: {}`,
  },
  {
    name: '$or expansion stops at 10,000 alternatives (101 × 100 branches)',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - function: w
        filter:
#       ^^^^^^ error: The filter policy of 'w' on topic 'alerts' has 10,000 value combinations; SNS allows 150.
          $or: [${Array.from({ length: 101 }, (_, i) => `{ a: [${i}] }`).join(', ')}]
          b: { $or: [${Array.from({ length: 100 }, (_, i) => `{ c: [${i}] }`).join(', ')}] }
consumers:
  w: {}`,
  },
  {
    name: 'a Lambda event source filter is not an SNS policy: six keys are not counted here',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: { function: f, filter: { body: { a: [1], b: [1], c: [1], d: [1], e: [1], f: [1] } } } }
consumers:
  f: {}`,
  },
]);
