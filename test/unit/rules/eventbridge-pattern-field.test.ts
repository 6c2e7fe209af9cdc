import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/pattern-field', [
  {
    name: 'envelope fields, detail fields, dotted paths and absence tests are fine',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a: { pattern: { source: [app], detail-type: [Placed], account: ['123456789012'], region: [eu-west-1], resources: [x], detail: { type: [card] } }, to: w }
      b: { pattern: { version: ['0'], id: [x], time: [{ prefix: '2026' }], replay-name: [{ exists: true }] }, to: w }
      c: { pattern: { detail.type: [card], extra: [{ exists: false }] }, to: w }
consumers:
  w: {}`,
  },
  {
    name: 'the usual misspellings of the envelope',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      placed:
        pattern:
          detailType: [OrderPlaced]
#         ^^^^^^^^^^ warning: The pattern of rule 'placed' (event bus 'bus') tests \`detailType\`, which no EventBridge event has at its top level, so the rule never matches. Did you mean \`detail-type\`?
#   fix: Change to 'detail-type'
#   + detail-type: [OrderPlaced]
          Source: [shop]
#         ^^^^^^ warning: The pattern of rule 'placed' (event bus 'bus') tests \`Source\`, which no EventBridge event has at its top level, so the rule never matches. Did you mean \`source\`?
#   fix: Change to 'source'
#   + source: [shop]
        to: w
      typed:
        pattern: { type: [card] }
#                  ^^^^ warning: The pattern of rule 'typed' (event bus 'bus') tests \`type\`, which no EventBridge event has at its top level, so the rule never matches. Fields of the event's data are under \`detail\`.
#   fix: none
        to: w
consumers:
  w: {}`,
  },
  {
    name: '$or is not a field; a value list accepting absence anywhere in it is fine; exists: true does not accept absence',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      either: { pattern: { source: [shop], $or: [{ detail-type: [a] }, { detail-type: [b] }] }, to: worker }
      absent: { pattern: { source: [shop], Source: [shop, { exists: false }] }, to: worker }
      present:
        pattern:
          Source: [{ exists: true }]
#         ^^^^^^ warning: The pattern of rule 'present' (event bus 'bus') tests \`Source\`, which no EventBridge event has at its top level, so the rule never matches. Did you mean \`source\`?
#   fix: Change to 'source'
#   + source: [{ exists: true }]
        to: worker
consumers:
  worker: {}`,
  },
]);
