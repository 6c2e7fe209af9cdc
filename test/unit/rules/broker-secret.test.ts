import { testRule } from '../../helpers/rule-cases';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:creds-AbCdEf';

testRule('broker/secret', [
  {
    name: 'a broker, a cluster and a Kafka authentication with their secrets; Kafka without authentication needs none',
    yaml: `
archflow: 1
name: t
producers:
  payments: { type: mq, broker: 'arn:aws:mq:eu-west-1:123456789012:broker:p:b-1', queue: payments, secret: '${SECRET}', to: w }
  customers: { type: docdb, cluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:shop', database: shop, secret: '${SECRET}', to: w }
  orders: { type: kafka, bootstrapServers: [k1.example.com:9092], topic: orders, auth: BASIC_AUTH, secret: '${SECRET}', to: { function: w, startingPosition: LATEST } }
  clicks: { type: kafka, bootstrapServers: [k1.example.com:9092], topic: clicks, to: { function: w, startingPosition: LATEST } }
consumers:
  w: {}`,
  },
  {
    name: 'an Amazon MQ queue without a secret',
    yaml: `
archflow: 1
name: t
producers:
  payments: { type: mq, broker: 'arn:aws:mq:eu-west-1:123456789012:broker:p:b-1', queue: payments, to: w }
# ^^^^^^^^ error: Amazon MQ queue 'payments': Lambda signs in to the broker only with a user name and password kept in Secrets Manager. Name the secret's ARN in \`secret\`.
consumers:
  w: {}`,
  },
  {
    name: 'a DocumentDB change stream without a secret',
    yaml: `
archflow: 1
name: t
producers:
  customers: { type: docdb, cluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:shop', database: shop, to: w }
# ^^^^^^^^^ error: DocumentDB change stream 'customers': Lambda signs in to the cluster only with a user name and password kept in Secrets Manager. Name the secret's ARN in \`secret\`.
consumers:
  w: {}`,
  },
  {
    name: 'a Kafka authentication without a secret',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: kafka, bootstrapServers: [k1.example.com:9092], topic: orders, auth: SASL_SCRAM_256_AUTH, to: { function: w, startingPosition: LATEST } }
#                                                                                ^^^^ error: Kafka topic 'orders' signs in with SASL_SCRAM_256_AUTH but names no \`secret\`: Lambda reads the credentials from a Secrets Manager secret.
consumers:
  w: {}`,
  },
]);
