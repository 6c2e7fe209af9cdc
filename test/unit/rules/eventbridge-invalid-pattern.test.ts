import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/invalid-pattern', [
  {
    name: 'valid patterns with operators',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a:
        pattern:
          source: [{ prefix: shop. }]
          detail:
            total: [{ numeric: [">", 0, "<=", 100] }]
            ip: [{ cidr: 10.0.0.0/8 }]
            note: [{ exists: false }]
        to: worker
      b:
        pattern:
          $or:
            - { detail-type: [{ anything-but: { prefix: Test } }] }
            - { detail-type: [{ wildcard: "Order*" }] }
        to: worker
consumers:
  worker: {}`,
  },
  {
    name: 'a value that is not a list, an empty list and an unknown operator, each where it is written',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a:
        pattern:
          source: shop.orders
#                 ^^^^^^^^^^^ error: EventBridge rejects the pattern of rule 'a': "source" must be an object or an array.
          detail-type: []
#                      ^^ error: EventBridge rejects the pattern of rule 'a': Empty arrays are not allowed.
          detail:
            total: [{ greater: 5 }]
#                              ^ error: EventBridge rejects the pattern of rule 'a': Unrecognized match type greater.
        to: worker
consumers:
  worker: {}`,
  },
  {
    name: 'a bad numeric operator and a $or with one branch',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a:
        pattern: { detail: { total: [{ numeric: ["=>", 5] }] } }
#                                                ^^^^ error: EventBridge rejects the pattern of rule 'a': Unrecognized numeric range operator: =>.
        to: worker
      b:
        pattern: { $or: [{ source: [a] }] }
#                       ^^^^^^^^^^^^^^^^^ error: EventBridge rejects the pattern of rule 'b': There must have at least 2 Objects in $or relationship.
        to: worker
consumers:
  worker: {}`,
  },
  {
    name: 'an empty pattern',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a: { pattern: {}, to: worker }
#                   ^^ error: EventBridge rejects the pattern of rule 'a': Empty objects are not allowed.
consumers:
  worker: {}`,
  },
  {
    name: 'a reason with a dot inside still ends with a full stop; a rule without a pattern is not checked',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a: { pattern: { detail.type: 5 }, to: worker }
#                                  ^ error: EventBridge rejects the pattern of rule 'a': "detail.type" must be an object or an array.
      b: { to: worker }
consumers:
  worker: {}`,
  },
]);
