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
]);
