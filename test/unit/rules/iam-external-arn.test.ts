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
]);
