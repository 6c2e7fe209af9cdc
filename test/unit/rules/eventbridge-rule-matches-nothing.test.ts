import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/rule-matches-nothing', [
  {
    name: 'a rule matching one of the emitted events is fine',
    yaml: `
archflow: 1
name: t
events:
  OrderPlaced: { source: shop.orders }
  OrderPaid: { source: shop.payments }
routers:
  bus:
    type: event-bus
    rules:
      placed: { pattern: { source: [shop.orders], detail-type: [OrderPlaced] }, to: worker }
      any-shop: { pattern: { source: [{ prefix: shop. }] }, to: worker }
consumers:
  front:
    emits: [{ to: bus, event: OrderPlaced }, { to: bus, event: OrderPaid }]
  worker: {}`,
  },
  {
    name: 'a misspelt detail-type and a detail field the schema rules out',
    yaml: `
archflow: 1
name: t
events:
  OrderPlaced:
    source: shop.orders
    schema:
      type: object
      properties:
        total: { type: number }
producers:
  api:
    type: http-api
    routes:
      POST /orders: { bus: bus, event: OrderPlaced }
routers:
  bus:
    type: event-bus
    rules:
      placed:
        pattern: { source: [shop.orders], detail-type: [OrderPlacd] }
#       ^^^^^^^ warning: Rule 'placed' of event bus 'bus' does not match the only event sent onto the bus, OrderPlaced (source 'shop.orders', detail-type 'OrderPlaced'). Its targets never receive anything.
        to: worker
      big:
        pattern: { detail: { total: [{ prefix: "1" }] } }
#       ^^^^^^^ warning: Rule 'big' of event bus 'bus' does not match the only event sent onto the bus, OrderPlaced (source 'shop.orders', detail-type 'OrderPlaced'). Its targets never receive anything.
        to: worker
consumers:
  worker: {}`,
  },
  {
    name: 'quiet when some sender does not declare its event, or the rule is disabled',
    yaml: `
archflow: 1
name: t
events:
  OrderPlaced: { source: shop.orders }
routers:
  bus:
    type: event-bus
    rules:
      other: { pattern: { source: [other] }, to: worker }
  bus2:
    type: event-bus
    rules:
      off: { enabled: false, pattern: { source: [other] }, to: worker }
consumers:
  front:
    emits: [{ to: bus, event: OrderPlaced }, bus, { to: bus2, event: OrderPlaced }]
  worker: {}`,
  },
  {
    name: 'a bus fed by another bus receives the events the forwarding rule matches',
    yaml: `
archflow: 1
name: t
events:
  OrderPlaced: { source: shop.orders }
  OrderPaid: { source: shop.payments }
routers:
  front:
    type: event-bus
    rules:
      forward: { pattern: { source: [shop.orders] }, to: { bus: back } }
  back:
    type: event-bus
    rules:
      placed: { pattern: { detail-type: [OrderPlaced] }, to: worker }
      paid:
        pattern: { detail-type: [OrderPaid] }
#       ^^^^^^^ warning: Rule 'paid' of event bus 'back' does not match the only event sent onto the bus, OrderPlaced (source 'shop.orders', detail-type 'OrderPlaced'). Its targets never receive anything.
        to: worker
consumers:
  sender:
    emits: [{ to: front, event: OrderPlaced }, { to: front, event: OrderPaid }]
  worker: {}`,
  },
  {
    name: 'unknown input upstream, a constant input, or a cycle of buses: nothing is concluded',
    yaml: `
archflow: 1
name: t
events:
  OrderPlaced: { source: shop.orders }
routers:
  a:
    type: event-bus
    rules:
      forward: { pattern: { source: [shop.orders] }, to: [{ bus: b }, { bus: c, input: { constant: true } }] }
  b:
    type: event-bus
    rules:
      back: { pattern: { source: [nothing] }, to: { bus: a } }
  c:
    type: event-bus
    rules:
      never: { pattern: { source: [nothing] }, to: worker }
consumers:
  sender:
    emits: [{ to: a, event: OrderPlaced }]
  worker: {}`,
  },
  {
    name: 'a field no event has is eventbridge/pattern-field\'s, not this rule\'s',
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
    name: 'none of two events: both listed (an event without a source shows \'?\'); a rule without a pattern is not checked',
    yaml: `
archflow: 1
name: t
events:
  OrderPlaced: { source: shop.orders }
  Ping: {}
routers:
  bus:
    type: event-bus
    rules:
      paid:
        pattern: { detail-type: [OrderPaid] }
#       ^^^^^^^ warning: Rule 'paid' of event bus 'bus' matches none of the 2 events sent onto the bus: OrderPlaced (source 'shop.orders', detail-type 'OrderPlaced'), Ping (source '?', detail-type 'Ping'). Its targets never receive anything.
        to: worker
      open: { to: worker }
consumers:
  front:
    emits: [{ to: bus, event: OrderPlaced }, { to: bus, event: Ping }]
  worker: {}`,
  },
]);
