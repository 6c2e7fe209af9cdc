import { testRule } from '../../helpers/rule-cases';

testRule('sns/subscription-dead-letter', [
  {
    name: "subscriptions with dead-letter queues of the topic's type are fine",
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - { function: w, deadLetter: alerts-dlq }
  orders.fifo:
    type: topic
    fifo: true
    to: [{ queue: audit.fifo, deadLetter: orders-dlq.fifo }]
  alerts-dlq: { type: queue }
  orders-dlq.fifo: { type: queue, fifo: true }
  audit.fifo: { type: queue, fifo: true }
consumers:
  w: {}`,
  },
  {
    name: 'subscriptions without a dead-letter queue',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to: [w, { queue: audit, filter: { severity: [high] } }]
#        ^ warning: The subscription of 'w' to topic 'alerts' has no dead-letter queue: messages SNS cannot deliver (deleted endpoint, missing permission) are discarded without a trace.
#                    ^^^^^ warning: The subscription of 'audit' to topic 'alerts' has no dead-letter queue: messages SNS cannot deliver (deleted endpoint, missing permission) are discarded without a trace.
  audit: { type: queue }
consumers:
  w: {}`,
  },
  {
    name: 'a standard dead-letter queue on a FIFO topic',
    yaml: `
archflow: 1
name: t
routers:
  orders.fifo:
    type: topic
    fifo: true
    to:
      - queue: audit.fifo
        deadLetter: orders-dlq
#                   ^^^^^^^^^^ error: The dead-letter queue 'orders-dlq' of a subscription to FIFO topic 'orders.fifo' is a standard queue; SNS needs a FIFO one.
  orders-dlq: { type: queue }
  audit.fifo: { type: queue, fifo: true }`,
  },
  {
    name: 'a FIFO dead-letter queue on a standard topic',
    yaml: `
archflow: 1
name: t
routers:
  alerts:
    type: topic
    to:
      - { queue: audit, deadLetter: alerts-dlq.fifo }
#                                   ^^^^^^^^^^^^^^^ error: The dead-letter queue 'alerts-dlq.fifo' of a subscription to standard topic 'alerts' is a FIFO queue; SNS needs a standard one.
  audit: { type: queue }
  alerts-dlq.fifo: { type: queue, fifo: true }`,
  },
]);
