import { testRule } from '../../helpers/rule-cases';

testRule('broker/one-destination', [
  {
    name: 'one topic, one queue (written alone or as a list of one)',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: kafka, bootstrapServers: [k1.example.com:9092], topic: orders, to: { function: w, startingPosition: LATEST } }
  refunds: { type: kafka, bootstrapServers: [k1.example.com:9092], topic: [refunds], to: { function: w, startingPosition: LATEST } }
  payments: { type: mq, broker: 'arn:aws:mq:eu-west-1:123456789012:broker:p:b-1', queue: payments, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:p', to: w }
consumers:
  w: {}`,
  },
  {
    name: 'two topics',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: kafka, bootstrapServers: [k1.example.com:9092], topic: [orders, refunds], to: { function: w, startingPosition: LATEST } }
#                                                                        ^^^^^^^^^^^^^^^^^ error: 'orders' names 2 topics (orders, refunds): Lambda reads exactly one topic per event source mapping; declare one Kafka topic each.
consumers:
  w: {}`,
  },
  {
    name: 'an empty list of queues',
    yaml: `
archflow: 1
name: t
producers:
  payments: { type: mq, broker: 'arn:aws:mq:eu-west-1:123456789012:broker:p:b-1', queue: [], secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:p', to: w }
#                                                                                        ^^ error: 'payments' names no queue: Lambda reads exactly one queue per event source mapping.
consumers:
  w: {}`,
  },
  {
    name: 'two queues of an Amazon MQ broker',
    yaml: `
archflow: 1
name: t
producers:
  payments: { type: mq, broker: 'arn:aws:mq:eu-west-1:123456789012:broker:p:b-1', queue: [payments, refunds], secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:p', to: w }
#                                                                                        ^^^^^^^^^^^^^^^^^^^ error: 'payments' names 2 queues (payments, refunds): Lambda reads exactly one queue per event source mapping; declare one Amazon MQ queue each.
consumers:
  w: {}`,
  },
]);
