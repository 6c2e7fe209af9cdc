import { testRule } from '../../helpers/rule-cases';

testRule('iam/external-arn', [
  {
    name: 'externals with an ARN, and externals no function uses',
    yaml: `
archflow: 1
name: t
producers:
  partner: { type: external, resource: AWS::Pipes::Pipe, to: bus }
routers:
  bus: { type: event-bus }
  legacy: { type: external, resource: AWS::SQS::Queue, arn: "arn:aws:sqs:eu-west-1:123456789012:legacy" }
consumers:
  worker: { emits: [legacy] }`,
  },
  {
    name: 'a function emitting to a state machine, and a function invoked by a topic outside the file',
    yaml: `
archflow: 1
name: t
producers:
  alerts: { type: external, resource: AWS::SNS::Topic, to: pager }
#                                                          ^^^^^ warning: Function 'pager' is triggered by external 'alerts', which has no \`arn\`: Archflow cannot grant the invocation, so it is denied at run time. Give 'alerts' the ARN of the resource it stands for.
#   fix: Set arn of 'alerts' to arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:alerts
#   + alerts: { type: external, resource: AWS::SNS::Topic, arn: "arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:alerts", to: pager }
routers:
  checkout: { type: external, resource: AWS::StepFunctions::StateMachine }
  thing: { type: external }
consumers:
  pager: {}
  worker:
    emits: [checkout, thing]
#           ^^^^^^^^ warning: Function 'worker' emits to external 'checkout', which has no \`arn\`: Archflow cannot grant the call, so it is denied at run time. Give 'checkout' the ARN of the resource it stands for.
#   fix: Set arn of 'checkout' to arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:stateMachine:checkout
#   + checkout: { type: external, resource: AWS::StepFunctions::StateMachine, arn: "arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:stateMachine:checkout" }
#                     ^^^^^ warning: Function 'worker' emits to external 'thing', which has no \`arn\`: Archflow cannot grant the call, so it is denied at run time. Give 'thing' the ARN of the resource it stands for.
#   fix: none`,
  },
  {
    name: 'the ARN each resource type gets, a failure destination; an external subscriber of a topic is no call of a function',
    yaml: `
archflow: 1
name: t
routers:
  alerts: { type: topic, to: [elsewhere] }
  q: { type: external, resource: AWS::SQS::Queue }
  bus: { type: external, resource: AWS::Events::EventBus }
  clicks: { type: external, resource: AWS::Kinesis::Stream }
  files: { type: external, resource: AWS::S3::Bucket }
  orders: { type: external, resource: AWS::DynamoDB::Table }
  fn: { type: external, resource: AWS::Lambda::Function }
  sam-fn: { type: external, resource: AWS::Serverless::Function }
  flow: { type: external, resource: AWS::Serverless::StateMachine }
  elsewhere: { type: external, resource: AWS::SQS::Queue }
  gone: { type: external, resource: AWS::SNS::Topic }
consumers:
  worker:
    emits: [q, bus, clicks, files, orders, fn, sam-fn, flow]
#           ^ warning: Function 'worker' emits to external 'q', which has no \`arn\`: Archflow cannot grant the call, so it is denied at run time. Give 'q' the ARN of the resource it stands for.
#   fix: Set arn of 'q' to arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:q
#   + q: { type: external, resource: AWS::SQS::Queue, arn: "arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:q" }
#              ^^^ warning: Function 'worker' emits to external 'bus', which has no \`arn\`: Archflow cannot grant the call, so it is denied at run time. Give 'bus' the ARN of the resource it stands for.
#   fix: Set arn of 'bus' to arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/bus
#   + bus: { type: external, resource: AWS::Events::EventBus, arn: "arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/bus" }
#                   ^^^^^^ warning: Function 'worker' emits to external 'clicks', which has no \`arn\`: Archflow cannot grant the call, so it is denied at run time. Give 'clicks' the ARN of the resource it stands for.
#   fix: Set arn of 'clicks' to arn:\${AWS::Partition}:kinesis:\${AWS::Region}:\${AWS::AccountId}:stream/clicks
#   + clicks: { type: external, resource: AWS::Kinesis::Stream, arn: "arn:\${AWS::Partition}:kinesis:\${AWS::Region}:\${AWS::AccountId}:stream/clicks" }
#                           ^^^^^ warning: Function 'worker' emits to external 'files', which has no \`arn\`: Archflow cannot grant the call, so it is denied at run time. Give 'files' the ARN of the resource it stands for.
#   fix: Set arn of 'files' to arn:\${AWS::Partition}:s3:::files
#   + files: { type: external, resource: AWS::S3::Bucket, arn: "arn:\${AWS::Partition}:s3:::files" }
#                                  ^^^^^^ warning: Function 'worker' emits to external 'orders', which has no \`arn\`: Archflow cannot grant the call, so it is denied at run time. Give 'orders' the ARN of the resource it stands for.
#   fix: Set arn of 'orders' to arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/orders
#   + orders: { type: external, resource: AWS::DynamoDB::Table, arn: "arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/orders" }
#                                          ^^ warning: Function 'worker' emits to external 'fn', which has no \`arn\`: Archflow cannot grant the call, so it is denied at run time. Give 'fn' the ARN of the resource it stands for.
#   fix: Set arn of 'fn' to arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:fn
#   + fn: { type: external, resource: AWS::Lambda::Function, arn: "arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:fn" }
#                                              ^^^^^^ warning: Function 'worker' emits to external 'sam-fn', which has no \`arn\`: Archflow cannot grant the call, so it is denied at run time. Give 'sam-fn' the ARN of the resource it stands for.
#   fix: Set arn of 'sam-fn' to arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:sam-fn
#   + sam-fn: { type: external, resource: AWS::Serverless::Function, arn: "arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:sam-fn" }
#                                                      ^^^^ warning: Function 'worker' emits to external 'flow', which has no \`arn\`: Archflow cannot grant the call, so it is denied at run time. Give 'flow' the ARN of the resource it stands for.
#   fix: Set arn of 'flow' to arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:stateMachine:flow
#   + flow: { type: external, resource: AWS::Serverless::StateMachine, arn: "arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:stateMachine:flow" }
    async: { onFailure: gone }
#                       ^^^^ warning: Function 'worker' sends its failures to external 'gone', which has no \`arn\`: Archflow cannot grant the call, so it is denied at run time. Give 'gone' the ARN of the resource it stands for.
#   fix: Set arn of 'gone' to arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:gone
#   + gone: { type: external, resource: AWS::SNS::Topic, arn: "arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:gone" }
`,
  },
]);
