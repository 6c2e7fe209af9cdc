import { testRule } from '../../helpers/rule-cases';

/** 150 customer ids: a pattern of 2,443 characters of JSON. */
const customers = Array.from({ length: 150 }, (_, i) => `customer-${String(i).padStart(4, '0')}`).join(', ');

testRule('eventbridge/pattern-size', [
  {
    name: 'a small pattern is fine',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a: { pattern: { source: [shop] }, to: worker }
consumers:
  worker: {}`,
  },
  {
    name: 'a pattern over 2,048 characters of JSON',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a:
        pattern: { source: [shop], detail: { customer: [${customers}] } }
#       ^^^^^^^ error: The pattern of rule 'a' is 2,443 characters of JSON, over the EventBridge quota of 2,048 characters. Split it into several rules, or raise the quota (and archflow.limits.eventBridgePatternChars).
        to: worker
consumers:
  worker: {}`,
  },
  {
    name: 'a raised quota in settings',
    options: { limits: { eventBridgePatternChars: 4096 } },
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a:
        pattern: { source: [shop], detail: { customer: [${customers}] } }
        to: worker
consumers:
  worker: {}`,
  },
  {
    name: 'exactly at the quota fits; one character more is over it',
    options: { limits: { eventBridgePatternChars: 16 } },
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a: { pattern: { source: [a] }, to: worker }
      b:
        pattern: { source: [ab] }
#       ^^^^^^^ error: The pattern of rule 'b' is 17 characters of JSON, over the EventBridge quota of 16 characters. Split it into several rules, or raise the quota (and archflow.limits.eventBridgePatternChars).
        to: worker
consumers:
  worker: {}`,
  },
  {
    name: 'a pattern that is text, null or missing is not measured (eventbridge/invalid-pattern reports it)',
    options: { limits: { eventBridgePatternChars: 3 } },
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      text: { pattern: source is shop, to: worker }
      empty: { pattern: null, to: worker }
      none: { to: worker }
consumers:
  worker: {}`,
  },
]);
