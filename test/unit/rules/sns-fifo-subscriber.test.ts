import { testRule } from '../../helpers/rule-cases';

testRule('sns/fifo-subscriber', [
  {
    name: 'FIFO topics to FIFO and standard queues, standard topics to functions and standard queues, are fine',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo: { type: topic, fifo: true, to: [{ queue: a.fifo }, b] }
  alerts: { type: topic, to: [w, b] }
  a.fifo: { type: queue, fifo: true }
  b: { type: queue }
consumers:
  w: {}`,
  },
  {
    name: 'a function subscribed to a FIFO topic',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo:
    type: topic
    fifo: true
    to: [w, { function: v }]
#        ^ error: FIFO topic 'orders.fifo' cannot deliver to function 'w': only SQS queues subscribe to FIFO topics. Subscribe a FIFO queue and let 'w' consume it.
#                       ^ error: FIFO topic 'orders.fifo' cannot deliver to function 'v': only SQS queues subscribe to FIFO topics. Subscribe a FIFO queue and let 'v' consume it.
consumers:
  w: {}
  v: {}`,
  },
  {
    name: 'a FIFO queue subscribed to a standard topic',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - queue: audit.fifo
#              ^^^^^^^^^^ error: Standard topic 'alerts' cannot deliver to FIFO queue 'audit.fifo': SNS delivers to FIFO queues only from FIFO topics.
  audit.fifo: { type: queue, fifo: true }`,
  },
]);
