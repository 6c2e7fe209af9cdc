import { testRule } from '../../helpers/rule-cases';

testRule('sns/topic-name', [
  {
    name: 'FIFO with suffix and standard without are fine',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo: { type: topic, fifo: true }
  alerts: { type: topic }`,
  },
  {
    name: 'a FIFO topic without the suffix',
    yaml: `
archflow: 1
name: t
routers:
  orders: { type: topic, fifo: true }
# ^^^^^^ error: FIFO topic 'orders' must be named with the suffix '.fifo' (e.g. 'orders.fifo'); SNS rejects the name otherwise.
#   fix: Rename 'orders' to 'orders.fifo' everywhere
#   + orders.fifo: { type: topic, fifo: true }`,
  },
  {
    name: 'a standard topic with the suffix',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo:
# ^^^^^^^^^^^ error: 'orders.fifo' is named like a FIFO topic but is a standard topic: SNS accepts the suffix '.fifo' only on FIFO topics. Set \`fifo: true\` or drop the suffix.
#   fix: Make 'orders.fifo' a FIFO topic
#   + fifo: true
    type: topic`,
  },
  {
    name: 'other dots',
    yaml: `
archflow: 1
name: t
routers:
  order.events: { type: topic }
# ^^^^^^^^^^^^ error: Topic name 'order.events' contains '.': SNS topic names use only letters, digits, '-' and '_'.`,
  },
]);
