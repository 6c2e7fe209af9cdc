// Rule: iam/external-arn
// An external node a function sends to, or that triggers a function, has the ARN of the resource it
// stands for: without it Archflow can grant nothing for the edge.
import type { GraphNode } from '../model/graph';
import type { Rule } from './rule';

/** The ARN of a resource of a CloudFormation type, named like the node, in the stack's account and Region. */
const ARN_OF_TYPE: Readonly<Record<string, (name: string) => string>> = {
  'AWS::SQS::Queue': (n) => `arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:${n}`,
  'AWS::SNS::Topic': (n) => `arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:${n}`,
  'AWS::Events::EventBus': (n) => `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/${n}`,
  'AWS::Kinesis::Stream': (n) => `arn:\${AWS::Partition}:kinesis:\${AWS::Region}:\${AWS::AccountId}:stream/${n}`,
  'AWS::S3::Bucket': (n) => `arn:\${AWS::Partition}:s3:::${n}`,
  'AWS::DynamoDB::Table': (n) => `arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/${n}`,
  'AWS::Lambda::Function': (n) => `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${n}`,
  'AWS::Serverless::Function': (n) => `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${n}`,
  'AWS::StepFunctions::StateMachine': (n) => `arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:stateMachine:${n}`,
  'AWS::Serverless::StateMachine': (n) => `arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:stateMachine:${n}`,
};

const unknownArn = (n: GraphNode | undefined): n is GraphNode<'external'> => n?.kind === 'external' && n.settings.arn === undefined;

export const iamExternalArn: Rule = {
  code: 'iam/external-arn',
  severity: 'warning',
  description: 'An external node that a function emits to, sends its failures to, or is triggered by has an `arn`.',
  why: "Archflow grants an edge's permissions on the ARN of what it names. An external node without one gets nothing: the function's call to it (or its invocation by it) is denied at run time, and nothing in the template says so.",
  source: { title: 'Defining Lambda function permissions with an execution role', url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html' },
  fix: "Adds `arn:` with the ARN of a resource of the node's `resource` type named like the node, in the stack's account and Region (`${AWS::Region}`, `${AWS::AccountId}`).",
  check({ graph }, report) {
    for (const edge of graph.edges) {
      const from = graph.nodes.get(edge.from);
      const to = graph.nodes.get(edge.to);
      const outward = from?.kind === 'function' && unknownArn(to);
      const inward = to?.kind === 'function' && unknownArn(from);
      if (!outward && !inward) continue;
      const external = (outward ? to : from) as GraphNode<'external'>;
      const fn = (outward ? from : to)!;
      const make = external.settings.resource ? ARN_OF_TYPE[external.settings.resource] : undefined;
      const what = outward ? (edge.mechanism === 'failure-destination' ? `sends its failures to external '${external.id}'` : `emits to external '${external.id}'`) : `is triggered by external '${external.id}'`;
      report({
        at: edge.pointer, nodes: [fn.id, external.id],
        message: `Function '${fn.id}' ${what}, which has no \`arn\`: Archflow cannot grant ${outward ? 'the call' : 'the invocation'}, so it is denied at run time. Give '${external.id}' the ARN of the resource it stands for.`,
        ...(make ? { fix: { kind: 'insert-property', title: `Set arn of '${external.id}' to ${make(external.id)}`, at: external.pointer, key: 'arn', value: make(external.id), after: 'resource' } } : {}),
      });
    }
  },
};
