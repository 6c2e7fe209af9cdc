import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/rules-per-bus', [
  {
    name: 'within the quota',
    options: { limits: { eventBridgeRulesPerBus: 2 } },
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a: { pattern: { source: [a] }, to: worker }
      b: { pattern: { source: [b] }, to: worker }
consumers:
  worker: {}`,
  },
  {
    name: 'over the quota, from the first rule too many',
    options: { limits: { eventBridgeRulesPerBus: 2 } },
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      a: { pattern: { source: [a] }, to: worker }
      b: { pattern: { source: [b] }, to: worker }
      c: { pattern: { source: [c] }, to: worker }
#     ^ error: Event bus 'bus' has 4 rules, over the EventBridge quota of 2 rules per bus (from rule 'c' on). Split the rules over several buses, or raise the quota (and archflow.limits.eventBridgeRulesPerBus).
      d: { pattern: { source: [d] }, to: worker }
consumers:
  worker: {}`,
  },
]);
