import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/targets-per-rule', [
  {
    name: 'five targets are allowed',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a: { pattern: { source: [x] }, to: [f1, f2, f3, f4, f5] }
consumers:
  f1: {}
  f2: {}
  f3: {}
  f4: {}
  f5: {}`,
  },
  {
    name: 'the sixth target is reported',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a:
        pattern: { source: [x] }
        to:
          - f1
          - f2
          - f3
          - { function: f4 }
          - f5
          - f6
#           ^^ error: Rule 'a' of event bus 'bus' has 7 targets; EventBridge allows at most 5 per rule (not adjustable). Split the targets over several rules with the same pattern, or fan out through a topic.
          - f7
consumers:
  f1: {}
  f2: {}
  f3: {}
  f4: {}
  f5: {}
  f6: {}
  f7: {}`,
  },
]);
