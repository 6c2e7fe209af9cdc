import { testRule } from '../../helpers/rule-cases';

testRule('lambda/handler-file', [
  {
    name: 'distinct names, and names that only contain a shared module name, are fine',
    yaml: `
archflow: 1
name: shop
consumers:
  orders: {}
  order-events: {}
  runtimes: {}`,
  },
  {
    name: 'a function named like the shared events module',
    yaml: `
archflow: 1
name: shop
consumers:
  events: {}
# ^^^^^^ error: Function 'events' cannot be generated: src/generated/events.ts is the project's shared events module. Rename the function.`,
  },
  {
    name: 'the runtime module, in other case',
    yaml: `
archflow: 1
name: shop
consumers:
  Runtime: {}
# ^^^^^^^ error: Function 'Runtime' cannot be generated: src/generated/runtime.ts is the project's shared runtime module. Rename the function.`,
  },
  {
    name: 'two names that differ only in case: the second is reported',
    yaml: `
archflow: 1
name: shop
consumers:
  Orders: {}
  orders: {}
# ^^^^^^ error: Function 'orders' cannot be generated: its handler file would be the one of 'Orders' on case-insensitive file systems (macOS, Windows). Rename one of them.
  ORDERS: {}
# ^^^^^^ error: Function 'ORDERS' cannot be generated: its handler file would be the one of 'Orders' on case-insensitive file systems (macOS, Windows). Rename one of them.`,
  },
]);
