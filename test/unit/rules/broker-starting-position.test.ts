import { testRule } from '../../helpers/rule-cases';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:creds-AbCdEf';

testRule('broker/starting-position', [
  {
    name: 'Kafka readers with a position, a timestamp with AT_TIMESTAMP; DocumentDB defaults to LATEST; MQ has none',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: kafka, bootstrapServers: [k1.example.com:9092], topic: orders, to: [{ function: w, startingPosition: TRIM_HORIZON }, { function: v, startingPosition: AT_TIMESTAMP, startingTimestamp: '2026-01-01T00:00:00Z' }] }
  customers: { type: docdb, cluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:shop', database: shop, secret: '${SECRET}', to: w }
  payments: { type: mq, broker: 'arn:aws:mq:eu-west-1:123456789012:broker:p:b-1', queue: payments, secret: '${SECRET}', to: w }
consumers:
  w: {}
  v: {}`,
  },
  {
    name: 'a Kafka reader without a starting position',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: kafka, bootstrapServers: [k1.example.com:9092], topic: orders, to: w }
#                                                                                    ^ error: 'w' reads Kafka topic 'orders' without a starting position: Lambda requires \`startingPosition\` for Kafka (LATEST, TRIM_HORIZON or AT_TIMESTAMP).
#   fix: Start at LATEST
#   + orders: { type: kafka, bootstrapServers: [k1.example.com:9092], topic: orders, to: { function: w, startingPosition: LATEST } }
consumers:
  w: {}`,
  },
  {
    name: 'AT_TIMESTAMP without a timestamp on a change stream',
    yaml: `
archflow: 1
name: t
producers:
  customers: { type: docdb, cluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:shop', database: shop, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:creds-AbCdEf', to: { function: w, startingPosition: AT_TIMESTAMP } }
#                                                                                                                                                                                                                         ^^^^^^^^^^^^ error: 'w' starts reading DocumentDB change stream 'customers' AT_TIMESTAMP but sets no \`startingTimestamp\`.
consumers:
  w: {}`,
  },
  {
    name: 'an Amazon MQ reader has no starting position to check, even AT_TIMESTAMP written without a timestamp',
    yaml: `
archflow: 1
name: t
producers:
  payments: { type: mq, broker: 'arn:aws:mq:eu-west-1:123456789012:broker:p:b-1', queue: payments, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:p', to: { function: w, startingPosition: AT_TIMESTAMP } }
consumers:
  w: {}`,
  },
]);
