import { testRule } from '../../helpers/rule-cases';

const subscribers = (count: number): string => Array.from({ length: count }, (_, i) => `q${i}`).join(', ');
const queues = (count: number): string => Array.from({ length: count }, (_, i) => `  q${i}: { type: queue }`).join('\n');

testRule('sns/message-size', [
  {
    name: 'the bounds, the default and 100 queue and function subscribers of a 1 MiB topic are fine',
    yaml: `
archflow: 1
name: t
routers:
  small: { type: topic, maxMessageSize: 1024 }
  default: { type: topic, maxMessageSize: 262144, to: [web] }
  large: { type: topic, maxMessageSize: 1048576, to: [${subscribers(99)}, w] }
  firehose: { type: topic, maxMessageSize: 262145, to: [stream] }
${queues(99)}
  web: { type: external, resource: 'AWS::ApiGateway::RestApi' }
  stream: { type: external, resource: 'AWS::KinesisFirehose::DeliveryStream' }
consumers:
  w: {}`,
  },
  {
    name: 'outside 1,024–1,048,576 bytes',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: topic, maxMessageSize: 1023 }
#                                   ^^^^ error: The maxMessageSize of topic 'a' is 1,023 bytes; SNS allows 1,024–1,048,576 bytes.
#   fix: Set maxMessageSize to 1,024
#   + a: { type: topic, maxMessageSize: 1024 }
  b: { type: topic, maxMessageSize: 1048577 }
#                                   ^^^^^^^ error: The maxMessageSize of topic 'b' is 1,048,577 bytes; SNS allows 1,024–1,048,576 bytes.
#   fix: Set maxMessageSize to 1,048,576
#   + b: { type: topic, maxMessageSize: 1048576 }`,
  },
  {
    name: 'above 256 KiB with 101 subscriptions',
    yaml: `
archflow: 1
name: t
routers:
  large: { type: topic, maxMessageSize: 262145, to: [${subscribers(101)}] }
#                                       ^^^^^^ error: Topic 'large' accepts messages of 262,145 bytes and has 101 subscriptions; above 262,144 bytes SNS allows at most 100.
#   fix: none
${queues(101)}`,
  },
  {
    name: 'above 256 KiB with a subscriber SNS does not allow there',
    yaml: `
archflow: 1
name: t
routers:
  large:
    type: topic
    maxMessageSize: 524288
    to: [web, w]
#        ^^^ error: Topic 'large' accepts messages of 524,288 bytes, but 'web' is AWS::ApiGateway::RestApi: above 262,144 bytes SNS allows only SQS, Lambda and Firehose subscriptions.
#   fix: none
  web: { type: external, resource: 'AWS::ApiGateway::RestApi' }
consumers:
  w: {}`,
  },
  {
    name: 'a subscription\'s dead-letter queue is no subscription: 2 subscribers are within a limit of 2',
    options: { limits: { snsLargeMessageSubscriptions: 2 } },
    yaml: `
archflow: 1
name: t
routers:
  large: { type: topic, maxMessageSize: 524288, to: [{ queue: a, deadLetter: dlq }, b] }
  a: { type: queue }
  b: { type: queue }
  dlq: { type: queue }`,
  },
]);
