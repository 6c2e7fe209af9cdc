import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/unrouted-event', [
  {
    name: 'every emitted event has a rule',
    yaml: `
archflow: 1
name: t
events:
  OrderPlaced: { source: shop.orders }
routers:
  bus:
    type: event-bus
    rules:
      placed: { pattern: { detail-type: [OrderPlaced] }, to: worker }
consumers:
  front:
    emits: [{ to: bus, event: OrderPlaced }]
  worker: {}`,
  },
  {
    name: 'an event no rule matches, one onto a bus without rules, one sent by an API route',
    yaml: `
archflow: 1
name: t
events:
  OrderPlaced: { source: shop.orders }
  OrderPaid: { source: shop.payments }
producers:
  api:
    type: http-api
    routes:
      POST /paid: { bus: bus, event: OrderPaid }
#                                    ^^^^^^^^^ warning: Event 'OrderPaid' sent by HTTP API 'api' onto event bus 'bus' goes nowhere: none of its rules ('placed') matches it. EventBridge accepts it and drops it.
routers:
  bus:
    type: event-bus
    rules:
      placed: { pattern: { detail-type: [OrderPlaced] }, to: worker }
      off: { enabled: false, pattern: { detail-type: [OrderPaid] }, to: worker }
  empty: { type: event-bus }
consumers:
  front:
    emits:
      - { to: bus, event: OrderPlaced }
      - { to: bus, event: OrderPaid }
#                         ^^^^^^^^^ warning: Event 'OrderPaid' sent by function 'front' onto event bus 'bus' goes nowhere: none of its rules ('placed') matches it. EventBridge accepts it and drops it.
      - { to: empty, event: OrderPlaced }
#                           ^^^^^^^^^^^ warning: Event 'OrderPlaced' sent by function 'front' onto event bus 'empty' goes nowhere: the bus has no rules. EventBridge accepts it and drops it.
  worker: {}`,
  },
  {
    name: 'an event a rule forwards onto a bus where no rule matches it is reported at that rule\'s target',
    yaml: `
archflow: 1
name: t
events:
  OrderPlaced: { source: shop.orders }
  OrderPaid: { source: shop.payments }
routers:
  front-bus:
    type: event-bus
    rules:
      all: { pattern: { source: [shop.orders, shop.payments] }, to: { bus: back-bus } }
#                                                                          ^^^^^^^^ warning: Event 'OrderPaid', forwarded by rule 'all' of event bus 'front-bus' onto event bus 'back-bus', goes nowhere there: none of its rules ('placed') matches it. EventBridge accepts it and drops it.
  back-bus:
    type: event-bus
    rules:
      placed: { pattern: { detail-type: [OrderPlaced] }, to: worker }
consumers:
  front:
    emits:
      - { to: front-bus, event: OrderPlaced }
      - { to: front-bus, event: OrderPaid }
  worker: {}`,
  },
  {
    name: 'a rule testing a field no event has is eventbridge/pattern-field\'s: its events are not reported again',
    yaml: `
archflow: 1
name: t
events:
  OrderPlaced: { source: shop.orders }
routers:
  bus:
    type: event-bus
    rules:
      placed: { pattern: { detailType: [OrderPlaced] }, to: worker }
consumers:
  sender:
    emits: [{ to: bus, event: OrderPlaced }]
  worker: {}`,
  },
  {
    name: 'every rule disabled; several rules, none matching (all named); one sender sending the same event twice is reported once',
    yaml: `
archflow: 1
name: t
events:
  OrderPlaced: { source: shop.orders }
routers:
  off:
    type: event-bus
    rules:
      placed: { enabled: false, pattern: { detail-type: [OrderPlaced] }, to: worker }
  bus:
    type: event-bus
    rules:
      paid: { pattern: { detail-type: [OrderPaid] }, to: worker }
      shipped: { pattern: { detail-type: [OrderShipped] }, to: worker }
consumers:
  front:
    emits:
      - { to: off, event: OrderPlaced }
#                         ^^^^^^^^^^^ warning: Event 'OrderPlaced' sent by function 'front' onto event bus 'off' goes nowhere: every rule of the bus is disabled. EventBridge accepts it and drops it.
      - { to: bus, event: OrderPlaced }
#                         ^^^^^^^^^^^ warning: Event 'OrderPlaced' sent by function 'front' onto event bus 'bus' goes nowhere: none of its rules ('paid', 'shipped') matches it. EventBridge accepts it and drops it.
      - { to: bus, event: OrderPlaced }
  worker: {}`,
  },
]);
