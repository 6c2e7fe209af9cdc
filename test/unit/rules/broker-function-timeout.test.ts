import { testRule } from '../../helpers/rule-cases';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:creds-AbCdEf';

testRule('broker/function-timeout', [
  {
    name: '14 minutes is the most; a queue reader may take 15',
    yaml: `
archflow: 1
name: t
producers:
  payments: { type: mq, broker: 'arn:aws:mq:eu-west-1:123456789012:broker:p:b-1', queue: payments, secret: '${SECRET}', to: w }
routers:
  jobs: { type: queue, visibilityTimeout: 90m, to: v }
consumers:
  w: { timeout: 14m }
  v: { timeout: 15m }`,
  },
  {
    name: 'a Kafka reader of 15 minutes',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: kafka, bootstrapServers: [k1.example.com:9092], topic: orders, to: { function: w, startingPosition: LATEST } }
consumers:
  w: { timeout: 15m }
#               ^^^ warning: Function 'w' reads Kafka topic 'orders' with a timeout of 900 s: these event source mappings support at most 840 s, and Lambda may retry a longer invocation.
#   fix: Set timeout to 840
#   + w: { timeout: 840 }
`,
  },
  {
    name: 'the timeout of every function, from defaults',
    yaml: `
archflow: 1
name: t
defaults: { timeout: 900 }
#                    ^^^ warning: Function 'w' reads DocumentDB change stream 'customers' with a timeout of 900 s: these event source mappings support at most 840 s, and Lambda may retry a longer invocation.
producers:
  customers: { type: docdb, cluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:shop', database: shop, secret: '${SECRET}', to: w }
consumers:
  w: {}`,
  },
]);
