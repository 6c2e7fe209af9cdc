import { testRule } from '../../helpers/rule-cases';

const CLUSTER = 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-1';

testRule('broker/source', [
  {
    name: 'an MSK cluster, or self-managed bootstrap servers with their VPC',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: kafka, cluster: ${CLUSTER}, topic: orders, to: { function: w, startingPosition: LATEST } }
  clicks: { type: kafka, bootstrapServers: [k1.example.com:9092], vpc: { subnets: [subnet-1] }, topic: clicks, to: { function: w, startingPosition: LATEST } }
consumers:
  w: {}`,
  },
  {
    name: 'both a cluster and bootstrap servers',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: kafka
    cluster: ${CLUSTER}
    bootstrapServers: [k1.example.com:9092]
#   ^^^^^^^^^^^^^^^^ error: Kafka topic 'orders' names both an MSK cluster and bootstrap servers: an event source mapping reads one cluster. Keep \`cluster\` for Amazon MSK, \`bootstrapServers\` for a self-managed cluster.
    topic: orders
    to: { function: w, startingPosition: LATEST }
consumers:
  w: {}`,
  },
  {
    name: 'neither',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: kafka, topic: orders, to: { function: w, startingPosition: LATEST } }
# ^^^^^^ error: Kafka topic 'orders' names no cluster: give \`cluster\` (the ARN of an Amazon MSK cluster) or \`bootstrapServers\` (a self-managed cluster).
consumers:
  w: {}`,
  },
  {
    name: 'a VPC on an MSK cluster is not used',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: kafka
    cluster: ${CLUSTER}
    vpc: { subnets: [subnet-1] }
#   ^^^ warning: Kafka topic 'orders' is on an MSK cluster: Lambda finds its subnets and security groups itself, and \`vpc\` is not used.
    topic: orders
    to: { function: w, startingPosition: LATEST }
consumers:
  w: {}`,
  },
]);
