/**
 * The permissions table's helpers, case by case (model/edge-permissions.ts): how a Task state's call,
 * an ARN, an IAM pattern, a resource written in `policies` and an edge become actions and ARNs. The
 * generated roles that use them are checked whole in test/unit/codegen/iam.test.ts.
 */
import { describe, expect, it } from 'vitest';
// Parse and build the graph only (no rules): a mutation run loads this file once per mutant.
import { buildGraph } from '../../../server/src/core/model/build-graph';
import type { Graph } from '../../../server/src/core/model/graph';
import { parse } from '../../../server/src/core/parse/parse';
import {
  accessGrants, accessWords, actionMatches, arnKind, arnResources, describePermission, edgePermissions, emitActions, glob, isNestedSync,
  mappingOfFailureEdge, notificationPrefix, notifiedObjects, parseArn, permissionKind, policyResourceArns, putEventsCondition, scopeCovers, scopesOfActions,
  startActions, tableArns, taskActions, unionPutEventsConditions, type EdgePermission,
} from '../../../server/src/core/model/edge-permissions';

const graphOf = (body: string): Graph => buildGraph(parse(`archflow: 1\nname: t\n${body}\n`).value).graph;
const node = (g: Graph, id: string) => {
  const n = g.nodes.get(id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};
/** Every permission of every edge of the graph, in edge order. */
const allPermissions = (g: Graph): EdgePermission[] => g.edges.flatMap((e) => edgePermissions(e, g));

describe('Task states: the IAM action of each call', () => {
  it('Lambda invoke and nested starts have their own names; SDK calls take the IAM prefix of their service', () => {
    expect(taskActions({ service: 'lambda', action: 'invoke', pattern: 'request', sdk: false })).toEqual(['lambda:InvokeFunction']);
    expect(taskActions({ service: 'states', action: 'startExecution', pattern: 'sync', sdk: false })).toEqual(['states:StartExecution']);
    expect(taskActions({ service: 'sqs', action: 'sendMessage', pattern: 'request', sdk: false })).toEqual(['sqs:SendMessage']);
    expect(taskActions({ service: 'dynamodb', action: 'putItem', pattern: 'request', sdk: true })).toEqual(['dynamodb:PutItem']);
    expect(taskActions({ service: 'sfn', action: 'describeExecution', pattern: 'request', sdk: true })).toEqual(['states:DescribeExecution']);
    expect(taskActions({ service: 'eventbridge', action: 'putRule', pattern: 'request', sdk: true })).toEqual(['events:PutRule']);
    expect(taskActions({ service: 'cloudwatchlogs', action: 'createLogGroup', pattern: 'request', sdk: true })).toEqual(['logs:CreateLogGroup']);
    // The SDK's service names are matched whatever their case; the action keeps its own letters after the first.
    expect(taskActions({ service: 'EventBridge', action: 'putEvents', pattern: 'request', sdk: true })).toEqual(['events:PutEvents']);
    expect(taskActions({ service: 'DynamoDB', action: 'getItem', pattern: 'request', sdk: true })).toEqual(['dynamodb:GetItem']);
    // Another call of Lambda or Step Functions is an SDK call like any other.
    expect(taskActions({ service: 'lambda', action: 'getFunction', pattern: 'request', sdk: true })).toEqual(['lambda:GetFunction']);
    expect(taskActions({ service: 'states', action: 'stopExecution', pattern: 'request', sdk: true })).toEqual(['states:StopExecution']);
    // Lambda's invoke, however its service is spelled; `invoke` and `startExecution` of other services are theirs.
    expect(taskActions({ service: 'Lambda', action: 'invoke', pattern: 'request', sdk: true })).toEqual(['lambda:InvokeFunction']);
    expect(taskActions({ service: 'sagemaker', action: 'invoke', pattern: 'request', sdk: true })).toEqual(['sagemaker:Invoke']);
    expect(taskActions({ service: 'lambda', action: 'invokeAsync', pattern: 'request', sdk: true })).toEqual(['lambda:InvokeAsync']);
    expect(taskActions({ service: 'sfn', action: 'startExecution', pattern: 'request', sdk: true })).toEqual(['states:StartExecution']);
    expect(taskActions({ service: 'glue', action: 'startExecution', pattern: 'request', sdk: true })).toEqual(['glue:StartExecution']);
  });

  it('a nested execution waited for is only startExecution with the sync pattern', () => {
    expect(isNestedSync({ service: 'states', action: 'startExecution', pattern: 'sync', sdk: false })).toBe(true);
    expect(isNestedSync({ service: 'states', action: 'startExecution', pattern: 'request', sdk: false })).toBe(false);
    expect(isNestedSync({ service: 'states', action: 'startExecution', pattern: 'callback', sdk: false })).toBe(false);
    expect(isNestedSync({ service: 'states', action: 'stopExecution', pattern: 'sync', sdk: false })).toBe(false);
    expect(isNestedSync({ service: 'lambda', action: 'startExecution', pattern: 'sync', sdk: false })).toBe(false);
    expect(isNestedSync(undefined)).toBe(false);
    expect(startActions(true)).toEqual(['states:StartSyncExecution']);
    expect(startActions(false)).toEqual(['states:StartExecution']);
  });
});

describe('access words', () => {
  it('the words written, or the default; a kind without a vocabulary has none', () => {
    expect(accessWords('bucket', undefined)).toEqual(['write']);
    expect(accessWords('bucket', [])).toEqual(['write']);
    expect(accessWords('bucket', 'read')).toEqual(['read']);
    expect(accessWords('table', ['read', 7, 'delete', null])).toEqual(['read', 'delete']);
    expect(accessWords('table', [7])).toEqual(['write']);
    expect(accessWords('function', 'read')).toEqual([]);
    expect(accessWords('schedule', undefined)).toEqual([]);
  });

  it('grants: a word made of others grants theirs; a word the kind does not know grants nothing', () => {
    expect(accessGrants('bucket', ['read-write'])).toEqual([{ actions: ['s3:GetObject'], scope: 'objects' }, { actions: ['s3:PutObject'], scope: 'objects' }]);
    expect(accessGrants('queue', ['write'])).toEqual([{ actions: ['sqs:SendMessage'], scope: 'resource' }]);
    expect(accessGrants('bucket', ['list', 'nonsense', 'toString', 'constructor'])).toEqual([{ actions: ['s3:ListBucket'], scope: 'resource' }]);
    expect(accessGrants('function', ['read'])).toEqual([]);
    expect(emitActions('table', 'read-write')).toEqual([
      'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:UpdateItem',
    ]);
    expect(emitActions('state-machine', undefined)).toEqual(['states:StartExecution']);
  });
});

describe('ARNs', () => {
  it('parses the parts of an ARN, with CloudFormation placeholders and IAM wildcards', () => {
    expect(parseArn('arn:aws:sqs:eu-west-1:123456789012:jobs')).toEqual({ partition: 'aws', service: 'sqs', region: 'eu-west-1', account: '123456789012', resource: 'jobs' });
    expect(parseArn('arn:aws-cn:s3:::bucket/key')).toEqual({ partition: 'aws-cn', service: 's3', region: '', account: '', resource: 'bucket/key' });
    expect(parseArn('arn:aws-us-gov:sns:us-gov-west-1:123456789012:t')?.partition).toBe('aws-us-gov');
    expect(parseArn('arn:aws-iso-b:sns:us-isob-east-1:123456789012:t')?.partition).toBe('aws-iso-b');
    expect(parseArn('arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:legacy-jobs')).toEqual({
      partition: '${AWS::Partition}', service: 'sqs', region: '${AWS::Region}', account: '${AWS::AccountId}', resource: 'legacy-jobs',
    });
    expect(parseArn('arn:*:sns:*:*:alerts')).toEqual({ partition: '*', service: 'sns', region: '*', account: '*', resource: 'alerts' });
    expect(parseArn('arn:aws:s3:::aws-logs')?.account).toBe('');
    expect(parseArn('arn:aws:iam::aws:policy/ReadOnly')?.account).toBe('aws');
    expect(parseArn('arn:aws:sqs:eu-west-1:12345:jobs')?.account).toBe('12345');
    for (const text of ['jobs', 'arn:aws:sqs:eu-west-1:123456789012', 'arn:gcp:sqs:eu-west-1:123456789012:jobs', 'arn:aws:SQS:eu-west-1:123456789012:jobs',
      'arn:aws:sqs:EU:123456789012:jobs', 'arn:aws:sqs:eu-west-1:12345678901x:jobs', 'arn:aws:sqs:eu-west-1:123456789012:', ' arn:aws:sqs:eu-west-1:123456789012:jobs',
      'arn:aws:sqs:eu-west-1:123456789012:jobs\nx', 'xarn:aws:sqs:eu-west-1:123456789012:jobs', 'arn:aws:sqs:eu-west-1:123456789012-:jobs']) {
      expect(parseArn(text), text).toBeUndefined();
    }
  });

  it('the kind of resource an ARN names, when Archflow has one', () => {
    expect(arnKind('arn:aws:sqs:eu-west-1:123456789012:jobs')).toBe('queue');
    expect(arnKind('arn:aws:sns:eu-west-1:123456789012:alerts')).toBe('topic');
    expect(arnKind('arn:aws:s3:::drops')).toBe('bucket');
    expect(arnKind('arn:aws:s3:::drops/in/*')).toBeUndefined();
    expect(arnKind('arn:aws:lambda:eu-west-1:123456789012:function:f')).toBe('function');
    expect(arnKind('arn:aws:lambda:eu-west-1:123456789012:layer:l:1')).toBeUndefined();
    expect(arnKind('arn:aws:events:eu-west-1:123456789012:event-bus/b')).toBe('event-bus');
    expect(arnKind('arn:aws:events:eu-west-1:123456789012:rule/r')).toBeUndefined();
    expect(arnKind('arn:aws:kinesis:eu-west-1:123456789012:stream/s')).toBe('stream');
    expect(arnKind('arn:aws:kinesis:eu-west-1:123456789012:x/stream/s')).toBeUndefined();
    expect(arnKind('arn:aws:dynamodb:eu-west-1:123456789012:table/ledger')).toBe('table');
    // A table's stream, by its full ARN (a label, no wildcard), stands for the table.
    expect(arnKind('arn:aws:dynamodb:eu-west-1:123456789012:table/ledger/stream/2024-01-01T00:00:00.000')).toBe('table');
    expect(arnKind('arn:aws:dynamodb:eu-west-1:123456789012:table/ledger/stream/*')).toBeUndefined();
    expect(arnKind('arn:aws:dynamodb:eu-west-1:123456789012:table/ledger/stream/2024?')).toBeUndefined();
    expect(arnKind('arn:aws:dynamodb:eu-west-1:123456789012:table/ledger/stream/')).toBeUndefined();
    expect(arnKind('arn:aws:dynamodb:eu-west-1:123456789012:table/ledger/stream/a/b')).toBeUndefined();
    expect(arnKind('arn:aws:dynamodb:eu-west-1:123456789012:table/ledger/index/byDate')).toBeUndefined();
    expect(arnKind('arn:aws:dynamodb:eu-west-1:123456789012:xtable/ledger/stream/2024')).toBeUndefined();
    expect(arnKind('arn:aws:dynamodb:eu-west-1:123456789012:xtable/ledger')).toBeUndefined();
    expect(arnKind('arn:aws:dynamodb:eu-west-1:123456789012:table/')).toBeUndefined();
    expect(arnKind('arn:aws:states:eu-west-1:123456789012:stateMachine:checkout')).toBeUndefined();
    expect(arnKind('not an arn')).toBeUndefined();
  });

  it("an existing table's ARN and its stream's, when the ARN names the stream", () => {
    const stream = 'arn:aws:dynamodb:eu-west-1:123456789012:table/ledger/stream/2024-01-01T00:00:00.000';
    expect(tableArns(stream)).toEqual({ table: 'arn:aws:dynamodb:eu-west-1:123456789012:table/ledger', stream });
    expect(tableArns('arn:aws:dynamodb:eu-west-1:123456789012:table/ledger')).toEqual({ table: 'arn:aws:dynamodb:eu-west-1:123456789012:table/ledger' });
    expect(tableArns('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/t/stream/L')).toEqual({
      table: 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/t', stream: 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/t/stream/L',
    });
    // Only DynamoDB streams: another service's `/stream/` is the ARN as written.
    expect(tableArns('arn:aws:kinesis:eu-west-1:123456789012:table/x/stream/y')).toEqual({ table: 'arn:aws:kinesis:eu-west-1:123456789012:table/x/stream/y' });
    expect(tableArns('arn:aws:dynamodb:eu-west-1:123456789012:table/ledger/stream/*')).toEqual({ table: 'arn:aws:dynamodb:eu-west-1:123456789012:table/ledger/stream/*' });
    expect(tableArns('ledger')).toEqual({ table: 'ledger' });
  });

  it('an external node counts as the kind its ARN names, else as external', () => {
    const g = graphOf(`routers:
  q: { type: external, arn: 'arn:aws:sqs:eu-west-1:123456789012:jobs' }
  sm: { type: external, arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:checkout' }
  bare: { type: external }
  own: { type: queue }`);
    expect(permissionKind(node(g, 'q'))).toBe('queue');
    expect(permissionKind(node(g, 'sm'))).toBe('external');
    expect(permissionKind(node(g, 'bare'))).toBe('external');
    expect(permissionKind(node(g, 'own'))).toBe('queue');
  });
});

describe('IAM patterns', () => {
  it('* and ? are wildcards; everything else is literal; actions ignore case', () => {
    expect(glob('a.b+c^d$e{f}g(h)i|j[k]l\\m', false).test('a.b+c^d$e{f}g(h)i|j[k]l\\m')).toBe(true);
    expect(glob('a.b', false).test('axb')).toBe(false);
    expect(glob('a*', false).test('a')).toBe(true);
    expect(glob('a*', false).test('abc')).toBe(true);
    expect(glob('a?c', false).test('abc')).toBe(true);
    expect(glob('a?c', false).test('ac')).toBe(false);
    expect(glob('a?c', false).test('abbc')).toBe(false);
    expect(glob('abc', false).test('xabc')).toBe(false);
    expect(glob('abc', false).test('abcx')).toBe(false);
    expect(glob('abc', false).test('ABC')).toBe(false);
    expect(glob('abc', true).test('ABC')).toBe(true);
    expect(actionMatches('sqs:*', 'sqs:SendMessage')).toBe(true);
    expect(actionMatches('SQS:sendmessage', 'sqs:SendMessage')).toBe(true);
    expect(actionMatches('sqs:Receive*', 'sqs:SendMessage')).toBe(false);
    expect(actionMatches('*', 'kinesis:PutRecord')).toBe(true);
  });
});

describe('which ARNs of a node the actions of a statement apply to', () => {
  it('a bucket: its objects, itself, or both', () => {
    expect(scopesOfActions('bucket', ['s3:GetObject'])).toEqual(['objects']);
    expect(scopesOfActions('bucket', ['s3:ListBucket'])).toEqual(['resource']);
    expect(scopesOfActions('bucket', ['s3:GetObject', 's3:ListBucket'])).toEqual(['objects', 'resource']);
    expect(scopesOfActions('bucket', ['s3:*'])).toEqual(['objects', 'resource']);
    expect(scopesOfActions('bucket', ['s3:Get*'])).toEqual(['objects', 'resource']);
    expect(scopesOfActions('bucket', ['s3:GetObj*'])).toEqual(['objects']);
    // Actions the lists do not name: by their name.
    expect(scopesOfActions('bucket', ['s3:PutObjectRetention'])).toEqual(['objects']);
    expect(scopesOfActions('bucket', ['s3:CreateMultipartUpload'])).toEqual(['objects']);
    expect(scopesOfActions('bucket', ['s3:PutBucketCors'])).toEqual(['resource']);
    expect(scopesOfActions('bucket', ['s3:Nothing*'])).toEqual([]);
    // Several actions: each scope that any of them needs.
    expect(scopesOfActions('bucket', ['s3:ListBucket', 's3:PutObjectRetention'])).toEqual(['objects', 'resource']);
    expect(scopesOfActions('bucket', ['s3:GetObject', 's3:PutBucketCors'])).toEqual(['objects', 'resource']);
  });

  it('a table: its stream, its indexes and itself', () => {
    expect(scopesOfActions('table', ['dynamodb:GetRecords'])).toEqual(['stream']);
    expect(scopesOfActions('table', ['dynamodb:Query'])).toEqual(['index', 'resource']);
    expect(scopesOfActions('table', ['dynamodb:PutItem'])).toEqual(['resource']);
    expect(scopesOfActions('table', ['dynamodb:*'])).toEqual(['stream', 'index', 'resource']);
    expect(scopesOfActions('table', ['dynamodb:Get*'])).toEqual(['stream', 'resource']);
    expect(scopesOfActions('table', ['dynamodb:GetRecords', 'dynamodb:PutItem'])).toEqual(['stream', 'resource']);
  });

  it('a Kafka cluster, an MQ broker, a DocumentDB cluster: the secret, `*` for what names no resource, the rest on it', () => {
    expect(scopesOfActions('kafka', ['secretsmanager:GetSecretValue'])).toEqual(['secret']);
    expect(scopesOfActions('kafka', ['SecretsManager:GetSecretValue'])).toEqual(['secret']);
    expect(scopesOfActions('kafka', ['ec2:CreateNetworkInterface'])).toEqual(['any']);
    expect(scopesOfActions('mq', ['EC2:DescribeVpcs'])).toEqual(['any']);
    expect(scopesOfActions('kafka', ['kafka:GetBootstrapBrokers'])).toEqual(['any']);
    expect(scopesOfActions('docdb', ['rds:DescribeDBSubnetGroups'])).toEqual(['any']);
    expect(scopesOfActions('docdb', ['rds:DescribeDBClusterParameters'])).toEqual(['any']);
    expect(scopesOfActions('kafka', ['kafka:DescribeCluster'])).toEqual(['resource']);
    expect(scopesOfActions('mq', ['mq:DescribeBroker', 'secretsmanager:GetSecretValue', 'ec2:DescribeSubnets'])).toEqual(['secret', 'any', 'resource']);
    expect(scopesOfActions('kafka', ['xsecretsmanager:GetSecretValue'])).toEqual(['resource']);
    expect(scopesOfActions('kafka', ['xec2:DescribeVpcs'])).toEqual(['resource']);
  });

  it('a Kinesis stream: its consumers and itself', () => {
    expect(scopesOfActions('stream', ['kinesis:SubscribeToShard'])).toEqual(['consumer']);
    expect(scopesOfActions('stream', ['kinesis:GetRecords'])).toEqual(['resource']);
    expect(scopesOfActions('stream', ['kinesis:*'])).toEqual(['consumer', 'resource']);
    expect(scopesOfActions('stream', ['kinesis:SubscribeToShard', 'kinesis:PutRecord'])).toEqual(['consumer', 'resource']);
  });

  it('a WebSocket API: every method of its @connections for ManageConnections, itself for the rest', () => {
    expect(scopesOfActions('websocket-api', ['execute-api:ManageConnections'])).toEqual(['any-connections']);
    expect(scopesOfActions('websocket-api', ['execute-api:Invoke'])).toEqual(['resource']);
    expect(scopesOfActions('websocket-api', ['execute-api:*'])).toEqual(['any-connections']);
    expect(scopesOfActions('websocket-api', ['execute-api:ManageConnections', 'execute-api:Invoke'])).toEqual(['any-connections', 'resource']);
    expect(scopesOfActions('queue', ['sqs:SendMessage', 'sqs:*'])).toEqual(['resource']);
    // Any other kind: itself, whatever the actions (even `*`, which a WebSocket API reads as its @connections too).
    expect(scopesOfActions('queue', ['*'])).toEqual(['resource']);
    expect(scopesOfActions('function', ['execute-api:ManageConnections'])).toEqual(['resource']);
  });

  it('a grant covers the same scope, and every method of @connections covers POST', () => {
    expect(scopeCovers('objects', 'objects')).toBe(true);
    expect(scopeCovers('resource', 'objects')).toBe(false);
    expect(scopeCovers('any-connections', 'connections')).toBe(true);
    expect(scopeCovers('connections', 'any-connections')).toBe(false);
    expect(scopeCovers('any-connections', 'resource')).toBe(false);
    expect(scopeCovers('resource', 'connections')).toBe(false);
  });
});

describe('resources written in policies', () => {
  const g = graphOf(`producers:
  b: { type: bucket }
  t: { type: table, stream: NEW_IMAGE, to: { function: f, startingPosition: LATEST } }
routers: { q: { type: queue } }
consumers: { f: {} }`);

  it('* and ARNs as written; a node for the scopes of the actions; paths under buckets and tables', () => {
    expect(policyResourceArns(g, '*', ['s3:GetObject'])).toEqual([{ text: '*' }]);
    expect(policyResourceArns(g, 'arn:aws:sqs:eu-west-1:123456789012:jobs', [])).toEqual([{ text: 'arn:aws:sqs:eu-west-1:123456789012:jobs' }]);
    expect(policyResourceArns(g, 'b', ['s3:GetObject', 's3:ListBucket'])).toEqual([{ node: 'b', scope: 'objects' }, { node: 'b', scope: 'resource' }]);
    expect(policyResourceArns(g, 'q', ['sqs:SendMessage'])).toEqual([{ node: 'q', scope: 'resource' }]);
    expect(policyResourceArns(g, 'b/in/*', ['s3:GetObject'])).toEqual([{ node: 'b', scope: 'objects', prefix: 'in/' }]);
    expect(policyResourceArns(g, 'b/*', ['s3:GetObject'])).toEqual([{ node: 'b', scope: 'objects', prefix: '' }]);
    expect(policyResourceArns(g, 't/index/*', ['dynamodb:Query'])).toEqual([{ node: 't', scope: 'index' }]);
    expect(policyResourceArns(g, 't/stream/*', ['dynamodb:GetRecords'])).toEqual([{ node: 't', scope: 'stream' }]);
  });

  it('anything else stands for nothing', () => {
    for (const written of ['nope', 'nope/x*', '/b*', 'b/in/x', 'b/*/x*', 'b/in*/*', 't/index/x', 't/stream', 't/other/*', 'q/x*', 'f/index/*', 'q/index/*', 'q/stream/*', 'b*', 'tx']) {
      expect(policyResourceArns(g, written, ['s3:GetObject', 'dynamodb:Query']), written).toEqual([]);
    }
  });
});

describe('a permission in words', () => {
  const g = graphOf('routers: { q: { type: queue } }\nconsumers: { f: {} }');
  const p = (over: Partial<EdgePermission>): EdgePermission => ({ grantee: 'execution-role', function: 'f', actions: ['a:B', 'a:C'], resource: 'q', scope: 'resource', ...over });

  it('names the actions, the ARN of the node and who is granted', () => {
    expect(describePermission(p({}), g)).toBe("a:B, a:C on 'q' to the role of function 'f'");
    expect(describePermission(p({ scope: 'objects' }), g)).toBe("a:B, a:C on 'q' (objects) to the role of function 'f'");
    expect(describePermission(p({ scope: 'objects', prefix: 'in/' }), g)).toBe("a:B, a:C on 'q' (objects under 'in/') to the role of function 'f'");
    expect(describePermission(p({ scope: 'stream' }), g)).toBe("a:B, a:C on 'q' (its stream) to the role of function 'f'");
    expect(describePermission(p({ scope: 'index' }), g)).toBe("a:B, a:C on 'q' (its indexes) to the role of function 'f'");
    expect(describePermission(p({ scope: 'executions' }), g)).toBe("a:B, a:C on 'q' (its executions) to the role of function 'f'");
    expect(describePermission(p({ scope: 'connections' }), g)).toBe("a:B, a:C on 'q' (POST @connections) to the role of function 'f'");
    expect(describePermission(p({ scope: 'any-connections' }), g)).toBe("a:B, a:C on 'q' (@connections) to the role of function 'f'");
    expect(describePermission(p({ scope: 'secret' }), g)).toBe("a:B, a:C on 'q' (its secret) to the role of function 'f'");
    expect(describePermission(p({ scope: 'any' }), g)).toBe("a:B, a:C on 'q' (any resource: `*`) to the role of function 'f'");
    expect(describePermission(p({ scope: 'consumer' }), g)).toBe("a:B, a:C on 'q' to the role of function 'f'");
    expect(describePermission(p({ resource: 'gone', scope: 'objects' }), g)).toBe("a:B, a:C on 'gone' to the role of function 'f'");
    expect(describePermission(p({ grantee: 'resource-policy', principal: 'sns.amazonaws.com' }), g)).toBe("a:B, a:C on 'q' to sns.amazonaws.com");
    expect(describePermission(p({ grantee: 'service-role', principal: 'pipes.amazonaws.com' }), g)).toBe("a:B, a:C on 'q' to a role pipes.amazonaws.com assumes");
  });
});

describe('conditions on events put on a bus', () => {
  it('one event: its source and detail type, both required', () => {
    expect(putEventsCondition('s.x', 'Placed')).toEqual({
      'ForAllValues:StringEquals': { 'events:source': ['s.x'], 'events:detail-type': ['Placed'] },
      Null: { 'events:source': ['false'], 'events:detail-type': ['false'] },
    });
  });

  it('two events: every source and detail type, sorted, once; none when either allows any event', () => {
    const a = putEventsCondition('s.y', 'B');
    const b = putEventsCondition('s.x', 'A');
    expect(unionPutEventsConditions(a, b)).toEqual({
      'ForAllValues:StringEquals': { 'events:source': ['s.x', 's.y'], 'events:detail-type': ['A', 'B'] },
      Null: { 'events:source': ['false'], 'events:detail-type': ['false'] },
    });
    expect(unionPutEventsConditions(a, a)?.['ForAllValues:StringEquals']).toEqual({ 'events:source': ['s.y'], 'events:detail-type': ['B'] });
    expect(unionPutEventsConditions(a, undefined)).toBeUndefined();
    expect(unionPutEventsConditions(undefined, b)).toBeUndefined();
    const prefix = { StringLike: { 's3:prefix': ['tmp/*'] } };
    expect(unionPutEventsConditions(a, prefix)).toBeUndefined();
    expect(unionPutEventsConditions(prefix, b)).toBeUndefined();
    expect(unionPutEventsConditions(a, { 'ForAllValues:StringEquals': { 'events:source': ['s.z'] } })).toBeUndefined();
    expect(unionPutEventsConditions({ 'ForAllValues:StringEquals': { 'events:source': ['s.z'] } }, b)).toBeUndefined();
    expect(unionPutEventsConditions(a, { 'ForAllValues:StringEquals': { 'events:detail-type': ['Z'] } })).toBeUndefined();
    expect(unionPutEventsConditions({ 'ForAllValues:StringEquals': { 'events:detail-type': ['Z'] } }, b)).toBeUndefined();
  });
});

describe('the ARNs a permission is on', () => {
  const g = graphOf(`producers:
  b: { type: bucket }
  t: { type: table, stream: NEW_IMAGE, to: { function: f, startingPosition: LATEST } }
  ws: { type: websocket-api, routes: { $default: f } }
routers:
  s: { type: stream }
  bus: { type: event-bus }
  fh: { type: firehose, bucket: b }
  sm: { type: state-machine, definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }
  q: { type: queue }
  old: { type: external, arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/ledger' }
  oldStream: { type: external, arn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks' }
  oldFn: { type: external, arn: 'arn:aws:lambda:eu-west-1:123456789012:function:legacy' }
  oldBus: { type: external, arn: 'arn:aws:events:eu-west-1:123456789012:event-bus/team' }
  oldQueue: { type: external, arn: 'arn:aws:sqs:eu-west-1:123456789012:jobs' }
  oldLedger: { type: external, arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/ledger/stream/2024-01-01T00:00:00.000' }
  pp: { type: pipe, source: q, to: f }
consumers: { f: {} }`);
  const p = (resource: string, scope: EdgePermission['scope'], prefix?: string): EdgePermission =>
    ({ grantee: 'execution-role', function: 'f', actions: ['x:Y'], resource, scope, ...(prefix !== undefined ? { prefix } : {}) });
  const on = (resource: string, scope: EdgePermission['scope'], stack?: string, prefix?: string): string[] => arnResources(node(g, resource), p(resource, scope, prefix), stack);

  it('each kind by its name, and the stack-prefixed name too when the stack is named', () => {
    expect(on('q', 'resource')).toEqual(['q']);
    expect(on('q', 'resource', 'prod')).toEqual(['q', 'prod-q']);
    expect(on('bus', 'resource')).toEqual(['event-bus/bus']);
    expect(on('s', 'resource')).toEqual(['stream/s']);
    expect(on('s', 'consumer', 'prod')).toEqual(['stream/s/consumer/*', 'stream/prod-s/consumer/*']);
    expect(on('fh', 'resource')).toEqual(['deliverystream/fh']);
    expect(on('f', 'resource')).toEqual(['function:f']);
    expect(on('sm', 'resource')).toEqual(['stateMachine:sm']);
    expect(on('sm', 'executions')).toEqual(['execution:sm:*']);
    expect(on('pp', 'resource', 'prod')).toEqual(['pipe/pp', 'pipe/prod-pp']);
    expect(on('ws', 'connections')).toEqual(['*/live/POST/@connections/*']);
    expect(on('ws', 'any-connections')).toEqual(['*/live/*/@connections/*']);
    expect(on('t', 'resource')).toEqual(['table/t']);
    expect(on('t', 'stream')).toEqual(['table/t/stream/*']);
    expect(on('t', 'index')).toEqual(['table/t/index/*']);
    expect(on('b', 'resource')).toEqual(['b']);
    expect(on('b', 'objects')).toEqual(['b/*']);
    expect(on('b', 'objects', undefined, 'in/')).toEqual(['b/in/*']);
  });

  it("an existing resource by the name in its ARN, without the ARN's type prefix", () => {
    expect(on('old', 'resource')).toEqual(['table/ledger']);
    expect(on('old', 'index', 'prod')).toEqual(['table/ledger/index/*']);
    expect(on('oldStream', 'resource')).toEqual(['stream/clicks']);
    expect(on('oldFn', 'resource')).toEqual(['function:legacy']);
    expect(on('oldBus', 'resource')).toEqual(['event-bus/team']);
    expect(on('oldQueue', 'resource')).toEqual(['jobs']);
    expect(on('old', 'stream')).toEqual(['table/ledger/stream/*']);
    // Named by its stream's ARN: the table by its name, the stream by its label.
    expect(on('oldLedger', 'resource', 'prod')).toEqual(['table/ledger']);
    expect(on('oldLedger', 'index')).toEqual(['table/ledger/index/*']);
    expect(on('oldLedger', 'stream')).toEqual(['table/ledger/stream/2024-01-01T00:00:00.000']);
  });

  it('a cluster or broker outside the stack: by its ARN or secret ARN, `*` when unknown or for actions on no resource', () => {
    const h = graphOf(`producers:
  k: { type: kafka, cluster: 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/abc', topic: t, to: f }
  m: { type: mq, broker: 'arn:aws:mq:eu-west-1:123456789012:broker:b:id', queue: jobs, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:mq-AbC', to: f }
  d: { type: docdb, cluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:docs', database: db, collection: c, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:d', to: f }
  s: { type: kafka, bootstrapServers: ['b1:9092'], topic: t, to: f }
consumers: { f: {} }`);
    const at = (id: string, scope: EdgePermission['scope']): string[] => arnResources(node(h, id), p(id, scope), 'prod');
    expect(at('k', 'resource')).toEqual(['cluster/orders/abc']);
    expect(at('k', 'any')).toEqual(['*']);
    expect(at('k', 'secret')).toEqual(['*']);
    expect(at('m', 'resource')).toEqual(['broker:b:id']);
    expect(at('m', 'secret')).toEqual(['secret:mq-AbC']);
    expect(at('d', 'resource')).toEqual(['cluster:docs']);
    expect(at('d', 'secret')).toEqual(['secret:d']);
    expect(at('s', 'resource')).toEqual(['*']);
  });
});

describe('the edges the permissions come from', () => {
  it('a stream mapping owns its on-failure destination; other edges of the stream do not', () => {
    const g = graphOf(`routers:
  s: { type: stream, to: [{ function: f, startingPosition: LATEST, onFailure: d }, { function: h, startingPosition: LATEST, onFailure: e }] }
  d: { type: queue }
  e: { type: queue }
consumers: { f: {}, h: {} }`);
    const failures = g.edges.filter((e) => e.mechanism === 'failure-destination');
    expect(failures.map((e) => [e.to, mappingOfFailureEdge(e, g)?.to])).toEqual([['d', 'f'], ['e', 'h']]);
    expect(allPermissions(g).filter((x) => x.actions.includes('sqs:SendMessage')).map((x) => [x.function, x.resource])).toEqual([['f', 'd'], ['h', 'e']]);
  });

  it('only a queue or topic carries notified objects to its readers: a function notified directly carries none on', () => {
    const g = graphOf(`producers:
  b: { type: bucket, notifications: [{ to: f }, { to: { queue: q } }] }
routers: { q: { type: queue, to: h } }
consumers: { f: {}, h: {} }`);
    expect(notifiedObjects(node(g, 'q'), g).map((x) => x.bucket.id)).toEqual(['b']);
    expect(notifiedObjects(node(g, 'f'), g)).toEqual([]);
  });

  it("an on-failure destination whose reader is not declared grants nothing (no mapping to own it)", () => {
    const g = graphOf(`routers:
  s: { type: stream, to: [{ function: missing, startingPosition: LATEST, onFailure: d }] }
  d: { type: queue }
consumers: { f: {} }`);
    const failure = g.edges.find((e) => e.mechanism === 'failure-destination')!;
    expect(mappingOfFailureEdge(failure, g)).toBeUndefined();
    expect(edgePermissions(failure, g)).toEqual([]);
  });

  it('an architecture without a name puts its events as `app`', () => {
    const g = buildGraph(parse('archflow: 1\nproducers:\n  sch: { type: schedule, schedule: rate(1 hour), to: { bus: bus } }\nrouters: { bus: { type: event-bus } }\n').value).graph;
    expect(allPermissions(g)).toEqual([{
      grantee: 'service-role', principal: 'scheduler.amazonaws.com', actions: ['events:PutEvents'], resource: 'bus', scope: 'resource',
      condition: { 'ForAllValues:StringEquals': { 'events:source': ['app.sch'], 'events:detail-type': ['Scheduled Event'] }, Null: { 'events:source': ['false'], 'events:detail-type': ['false'] } },
    }]);
  });

  it("a bucket notification's prefix, none when empty or on another edge", () => {
    const g = graphOf(`producers:
  b: { type: bucket, notifications: [{ prefix: in/, to: f }, { prefix: '', to: g }, { to: h }] }
consumers: { f: {}, g: {}, h: {} }`);
    const notifications = g.edges.filter((e) => e.mechanism === 'notification');
    expect(notifications.map((e) => [e.to, notificationPrefix(e, node(g, 'b'))])).toEqual([['f', 'in/'], ['g', undefined], ['h', undefined]]);
    expect(notificationPrefix(notifications[0]!, node(g, 'f'))).toBeUndefined();
  });
});

const role = (fn: string, actions: string[], resource: string, scope: EdgePermission['scope'] = 'resource', extra: Partial<EdgePermission> = {}): EdgePermission =>
  ({ grantee: 'execution-role', function: fn, actions, resource, scope, ...extra });
const principal = (grantee: 'service-role' | 'resource-policy') => (service: string, actions: string[], resource: string, scope: EdgePermission['scope'] = 'resource', extra: Partial<EdgePermission> = {}): EdgePermission =>
  ({ grantee, principal: `${service}.amazonaws.com`, actions, resource, scope, ...extra });
/** A role the service assumes. */
const svc = principal('service-role');
/** A resource policy for the service. */
const pol = principal('resource-policy');

/** The network actions of an event source mapping in a VPC (AWSLambdaMSKExecutionRole, on `*`). */
const EC2 = ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs'];

/** Each mechanism of edge, and exactly what it needs (whole `EdgePermission`s, in edge order). */
const EDGES: { name: string; yaml: string; edges: [string, EdgePermission[]][] }[] = [
  {
    name: 'Kafka, Amazon MQ and DocumentDB readers: the cluster or broker, `*` for the network, the secret',
    yaml: `producers:
  k: { type: kafka, cluster: 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/abc', topic: t, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:k', to: f }
  s: { type: kafka, bootstrapServers: ['b1:9092'], topic: t, to: g }
  m: { type: mq, broker: 'arn:aws:mq:eu-west-1:123456789012:broker:b:id', queue: jobs, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:mq', to: f }
  d: { type: docdb, cluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:docs', database: db, collection: c, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:d', to: g }
consumers: { f: {}, g: {} }`,
    edges: [
      ['broker-mapping k → f', [role('f', ['kafka:DescribeCluster', 'kafka:DescribeClusterV2'], 'k'), role('f', ['kafka:GetBootstrapBrokers'], 'k', 'any'), role('f', EC2, 'k', 'any'), role('f', ['secretsmanager:GetSecretValue'], 'k', 'secret')]],
      ['broker-mapping s → g', []],
      ['broker-mapping m → f', [role('f', ['mq:DescribeBroker'], 'm'), role('f', EC2, 'm', 'any'), role('f', ['secretsmanager:GetSecretValue'], 'm', 'secret')]],
      ['broker-mapping d → g', [role('g', ['rds:DescribeDBClusters'], 'd'), role('g', ['rds:DescribeDBClusterParameters', 'rds:DescribeDBSubnetGroups'], 'd', 'any'), role('g', EC2, 'd', 'any'), role('g', ['secretsmanager:GetSecretValue'], 'd', 'secret')]],
    ],
  },
  {
    // Self-managed means bootstrap servers without a cluster (kinds/kafka.ts isSelfManaged): a cluster ARN
    // with bootstrap servers, or neither, is read as MSK.
    name: 'Kafka with a cluster and bootstrap servers, or neither: read as MSK',
    yaml: `producers:
  both: { type: kafka, cluster: 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/abc', bootstrapServers: ['b1:9092'], topic: t, to: f }
  none: { type: kafka, topic: t, to: f }
consumers: { f: {} }`,
    edges: [
      ['broker-mapping both → f', [role('f', ['kafka:DescribeCluster', 'kafka:DescribeClusterV2'], 'both'), role('f', ['kafka:GetBootstrapBrokers'], 'both', 'any'), role('f', EC2, 'both', 'any')]],
      ['broker-mapping none → f', [role('f', ['kafka:DescribeCluster', 'kafka:DescribeClusterV2'], 'none'), role('f', ['kafka:GetBootstrapBrokers'], 'none', 'any'), role('f', EC2, 'none', 'any')]],
    ],
  },
  {
    // The WebSocket API integrates functions only (kinds/websocket-api.ts): a route to an existing queue
    // is generated as nothing, so it needs nothing (neither a resource policy nor an HTTP route's service role).
    name: 'WebSocket routes: an existing function invoked through its resource policy; an existing queue needs nothing',
    yaml: `producers:
  ws: { type: websocket-api, routes: { $default: oldQ, $connect: oldFn } }
routers:
  oldQ: { type: external, arn: 'arn:aws:sqs:eu-west-1:123456789012:jobs' }
  oldFn: { type: external, arn: 'arn:aws:lambda:eu-west-1:123456789012:function:legacy' }`,
    edges: [
      ['websocket-route ws → oldQ', []],
      ['websocket-route ws → oldFn', [pol('apigateway', ['lambda:InvokeFunction'], 'oldFn')]],
    ],
  },
  {
    name: 'self-managed Kafka in a VPC: the network actions only with subnets',
    yaml: `producers:
  v: { type: kafka, bootstrapServers: ['b1:9092'], topic: t, vpc: { subnets: [subnet-1], securityGroups: [sg-1] }, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:v', to: h }
  w: { type: kafka, bootstrapServers: ['b1:9092'], topic: t, vpc: { subnets: [] }, to: h }
consumers: { h: {} }`,
    edges: [
      ['broker-mapping v → h', [role('h', EC2, 'v', 'any'), role('h', ['secretsmanager:GetSecretValue'], 'v', 'secret')]],
      ['broker-mapping w → h', []],
    ],
  },
  {
    name: "pipes: the source polled, the enrichment and the target called, the dead letters, by the pipe's role",
    yaml: `routers:
  q: { type: queue }
  s: { type: stream }
  bus: { type: event-bus }
  p1: { type: pipe, source: { queue: q }, to: { stateMachine: sm } }
  p2: { type: pipe, source: { stream: s, startingPosition: LATEST }, enrichment: { stateMachine: sm }, to: { stream: s2 } }
  p3: { type: pipe, source: { table: t, startingPosition: LATEST }, enrichment: f, to: { bus: bus }, deadLetter: dlq }
  p4: { type: pipe, source: { queue: q }, to: { stateMachine: std, sync: true } }
  p5: { type: pipe, source: { queue: q }, to: { queue: q2 } }
  q2: { type: queue }
  dlq: { type: queue }
  s2: { type: stream }
  sm: { type: state-machine, flavor: express, definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }
  std: { type: state-machine, definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }
producers:
  t: { type: table, stream: NEW_IMAGE }
consumers: { f: {} }`,
    edges: [
      ['pipe-source q → p1', [svc('pipes', ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], 'q')]],
      ['pipe p1 → sm', [svc('pipes', ['states:StartExecution'], 'sm')]],
      ['pipe-source s → p2', [svc('pipes', ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'], 's')]],
      ['enrichment p2 → sm', [svc('pipes', ['states:StartSyncExecution'], 'sm')]],
      ['pipe p2 → s2', [svc('pipes', ['kinesis:PutRecord', 'kinesis:PutRecords'], 's2')]],
      ['pipe-source t → p3', [svc('pipes', ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], 't', 'stream')]],
      ['enrichment p3 → f', [svc('pipes', ['lambda:InvokeFunction'], 'f')]],
      ['pipe p3 → bus', [svc('pipes', ['events:PutEvents'], 'bus')]],
      ['redrive p3 → dlq', [svc('pipes', ['sqs:SendMessage'], 'dlq')]],
      ['pipe-source q → p4', [svc('pipes', ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], 'q')]],
      ['pipe p4 → std', [svc('pipes', ['states:StartSyncExecution'], 'std')]],
      ['pipe-source q → p5', [svc('pipes', ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], 'q')]],
      ['pipe p5 → q2', [svc('pipes', ['sqs:SendMessage'], 'q2')]],
    ],
  },
  {
    name: "Firehose: a writer's role; the delivery role on its transform",
    yaml: `routers:
  fh: { type: firehose, bucket: b, prefix: raw/, transform: f }
  fh2: { type: firehose, bucket: b }
producers:
  b: { type: bucket }
consumers: { f: {}, w: { emits: [fh] } }`,
    edges: [
      ['transform fh → f', [svc('firehose', ['lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'], 'f')]],
      ['emit w → fh', [role('w', ['firehose:PutRecord', 'firehose:PutRecordBatch'], 'fh')]],
    ],
  },
  {
    name: 'API routes, schedules, WebSocket routes and bus rules: resource policies or service roles, a bus put limited to its event',
    yaml: `events:
  Placed: { source: shop.orders }
producers:
  api:
    type: http-api
    routes:
      POST /a: f
      POST /b: { stateMachine: quick }
      POST /c: { stateMachine: std }
      POST /d: { bus: bus }
      POST /e: { bus: bus, event: Placed }
      POST /g: { queue: q }
  sch: { type: schedule, schedule: rate(1 hour), to: { bus: bus }, deadLetter: dlq }
  ws: { type: websocket-api, routes: { $default: f } }
routers:
  bus: { type: event-bus, rules: { r1: { pattern: { source: [x] }, to: [{ stateMachine: std }, { firehose: fh }, f, { queue: q, deadLetter: dlq }] } } }
  q: { type: queue }
  dlq: { type: queue }
  fh: { type: firehose, bucket: b }
  quick: { type: state-machine, flavor: express, definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }
  std: { type: state-machine, definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }
  b: { type: bucket }
consumers: { f: {} }`,
    edges: [
      ['route api → f', [pol('apigateway', ['lambda:InvokeFunction'], 'f')]],
      ['route api → quick', [svc('apigateway', ['states:StartSyncExecution'], 'quick')]],
      ['route api → std', [svc('apigateway', ['states:StartExecution'], 'std')]],
      ['route api → bus', [svc('apigateway', ['events:PutEvents'], 'bus', 'resource', {condition:{'ForAllValues:StringEquals':{'events:source':['t.api'],'events:detail-type':['POST /d']},Null:{'events:source':['false'],'events:detail-type':['false']}}})]],
      ['route api → bus', [svc('apigateway', ['events:PutEvents'], 'bus', 'resource', {condition:{'ForAllValues:StringEquals':{'events:source':['shop.orders'],'events:detail-type':['Placed']},Null:{'events:source':['false'],'events:detail-type':['false']}}})]],
      ['route api → q', [svc('apigateway', ['sqs:SendMessage'], 'q')]],
      ['schedule sch → bus', [svc('scheduler', ['events:PutEvents'], 'bus', 'resource', {condition:{'ForAllValues:StringEquals':{'events:source':['t.sch'],'events:detail-type':['Scheduled Event']},Null:{'events:source':['false'],'events:detail-type':['false']}}})]],
      ['redrive sch → dlq', [svc('scheduler', ['sqs:SendMessage'], 'dlq')]],
      ['websocket-route ws → f', [pol('apigateway', ['lambda:InvokeFunction'], 'f')]],
      ['rule bus → std', [svc('events', ['states:StartExecution'], 'std')]],
      ['rule bus → fh', [svc('events', ['firehose:PutRecord', 'firehose:PutRecordBatch'], 'fh')]],
      ['rule bus → f', [pol('events', ['lambda:InvokeFunction'], 'f')]],
      ['rule bus → q', [pol('events', ['sqs:SendMessage'], 'q')]],
      ['redrive bus → dlq', [pol('events', ['sqs:SendMessage'], 'dlq')]],
    ],
  },
  {
    name: 'bucket notifications, subscriptions, emits with prefixes and events, destinations',
    yaml: `events:
  Placed: { source: shop.orders }
  Bare: {}
routers:
  bus: { type: event-bus }
  n: { type: topic, to: [f, { queue: q }], deadLetter: dlq }
  q: { type: queue, to: g }
  dlq: { type: queue }
producers:
  b: { type: bucket, notifications: [{ on: [ObjectRemoved], to: f }, { to: { queue: q }, prefix: in/ }, { to: { topic: n }, on: [ObjectRemoved] }] }
consumers:
  f: { emits: [{ to: bus, event: Bare }, { to: b, access: list }] }
  g: { emits: [{ to: b, access: [list, read], prefix: x/ }], async: { onFailure: b, onSuccess: bus } }`,
    edges: [
      ['notification b → f', [pol('s3', ['lambda:InvokeFunction'], 'f')]],
      ['notification b → q', [pol('s3', ['sqs:SendMessage'], 'q')]],
      ['notification b → n', [pol('s3', ['sns:Publish'], 'n')]],
      ['subscription n → f', [pol('sns', ['lambda:InvokeFunction'], 'f')]],
      ['subscription n → q', [pol('sns', ['sqs:SendMessage'], 'q')]],
      ['queue-mapping q → g', [role('g', ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], 'q'), role('g', ['s3:GetObject'], 'b', 'objects', {prefix:'in/'})]],
      ['emit f → bus', [role('f', ['events:PutEvents'], 'bus', 'resource', {condition:{'ForAllValues:StringEquals':{'events:source':['t'],'events:detail-type':['Bare']},Null:{'events:source':['false'],'events:detail-type':['false']}}})]],
      ['emit f → b', [role('f', ['s3:ListBucket'], 'b')]],
      ['emit g → b', [role('g', ['s3:ListBucket'], 'b', 'resource', {condition:{StringLike:{'s3:prefix':['x/*']}}}), role('g', ['s3:GetObject'], 'b', 'objects', {prefix:'x/'})]],
      ['failure-destination g → b', [role('g', ['s3:PutObject'], 'b', 'objects'), role('g', ['s3:ListBucket'], 'b')]],
      ['success-destination g → bus', [role('g', ['events:PutEvents'], 'bus')]],
    ],
  },
  {
    name: "Firehose delivery into a bucket under its prefix; a subscription's dead letters",
    yaml: `routers:
  fh: { type: firehose, to: b, prefix: raw/, transform: f }
  fh2: { type: firehose, to: b }
  n: { type: topic, to: { function: f, deadLetter: dlq } }
  dlq: { type: queue }
producers:
  b: { type: bucket }
consumers: { f: {} }`,
    edges: [
      ['delivery fh → b', [svc('firehose', ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], 'b'), svc('firehose', ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], 'b', 'objects', {prefix:'raw/'})]],
      ['transform fh → f', [svc('firehose', ['lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'], 'f')]],
      ['delivery fh2 → b', [svc('firehose', ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], 'b'), svc('firehose', ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], 'b', 'objects')]],
      ['subscription n → f', [pol('sns', ['lambda:InvokeFunction'], 'f')]],
      ['redrive n → dlq', [pol('sns', ['sqs:SendMessage'], 'dlq')]],
    ],
  },
  {
    name: "a queue's dead letters: nothing to grant (SQS moves the message itself)",
    yaml: `routers:
  q: { type: queue, deadLetter: dlq }
  dlq: { type: queue }`,
    edges: [['redrive q → dlq', []]],
  },
  {
    // An existing source counts as the kind its ARN names, as for a function it sends to (below).
    name: "pipes reading an existing queue, stream or table's stream, by the pipe's role; a function an existing table sends to reads its stream",
    yaml: `producers:
  oldQueue: { type: external, arn: 'arn:aws:sqs:eu-west-1:123456789012:jobs' }
  oldStream: { type: external, arn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks' }
  oldLedger: { type: external, arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/ledger/stream/2024-01-01T00:00:00.000', to: f }
  oldAudit: { type: external, arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/audit', to: [f, { queue: q }] }
  oldBucket: { type: external, arn: 'arn:aws:s3:::drops' }
  bare: { type: external }
routers:
  q: { type: queue }
  p1: { type: pipe, source: oldQueue, to: f }
  p2: { type: pipe, source: { stream: oldStream, startingPosition: LATEST }, to: f }
  p3: { type: pipe, source: { table: oldLedger, startingPosition: LATEST }, to: f }
  p4: { type: pipe, source: { table: oldAudit, startingPosition: LATEST }, to: f }
  p5: { type: pipe, source: oldBucket, to: f }
  p6: { type: pipe, source: bare, to: f }
consumers: { f: {} }`,
    edges: [
      ['external oldLedger → f', [role('f', ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], 'oldLedger', 'stream')]],
      ['external oldAudit → f', [role('f', ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], 'oldAudit', 'stream')]],
      ['external oldAudit → q', []],
      ['pipe-source oldQueue → p1', [svc('pipes', ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], 'oldQueue')]],
      ['pipe p1 → f', [svc('pipes', ['lambda:InvokeFunction'], 'f')]],
      ['pipe-source oldStream → p2', [svc('pipes', ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'], 'oldStream')]],
      ['pipe p2 → f', [svc('pipes', ['lambda:InvokeFunction'], 'f')]],
      ['pipe-source oldLedger → p3', [svc('pipes', ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], 'oldLedger', 'stream')]],
      ['pipe p3 → f', [svc('pipes', ['lambda:InvokeFunction'], 'f')]],
      ['pipe-source oldAudit → p4', [svc('pipes', ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], 'oldAudit', 'stream')]],
      ['pipe p4 → f', [svc('pipes', ['lambda:InvokeFunction'], 'f')]],
      ['pipe-source oldBucket → p5', []],
      ['pipe p5 → f', [svc('pipes', ['lambda:InvokeFunction'], 'f')]],
      ['pipe-source bare → p6', []],
      ['pipe p6 → f', [svc('pipes', ['lambda:InvokeFunction'], 'f')]],
    ],
  },
  {
    name: 'existing resources (an `arn`) pushing, polled or emitted to; externals without one grant nothing',
    yaml: `producers:
  oldTopic: { type: external, arn: 'arn:aws:sns:eu-west-1:123456789012:alerts', to: [f, { queue: q }] }
  oldBucket: { type: external, arn: 'arn:aws:s3:::drops', to: [g, { topic: n }] }
  oldQueue: { type: external, arn: 'arn:aws:sqs:eu-west-1:123456789012:jobs', to: h }
  oldStream: { type: external, arn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks', to: h }
  oldBus: { type: external, arn: 'arn:aws:events:eu-west-1:123456789012:event-bus/team', to: [f, { stateMachine: sm }] }
  thing: { type: external, to: f }
  oldFn: { type: external, arn: 'arn:aws:lambda:eu-west-1:123456789012:function:x', to: f }
routers:
  q: { type: queue }
  n: { type: topic, to: k }
  sm: { type: state-machine, definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }
consumers:
  f: { emits: [checkout, thing2, legacy] }
  g: {}
  h: {}
  k: {}
  checkout: { type: external, arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:checkout' }
  thing2: { type: external }
  legacy: { type: external, arn: 'arn:aws:iam::123456789012:role/x' }`,
    edges: [
      ['external oldTopic → f', [pol('sns', ['lambda:InvokeFunction'], 'f')]],
      ['external oldTopic → q', [pol('sns', ['sqs:SendMessage'], 'q')]],
      ['external oldBucket → g', [pol('s3', ['lambda:InvokeFunction'], 'g'), role('g', ['s3:GetObject'], 'oldBucket', 'objects')]],
      ['external oldBucket → n', [pol('s3', ['sns:Publish'], 'n')]],
      ['external oldQueue → h', [role('h', ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], 'oldQueue')]],
      ['external oldStream → h', [role('h', ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'], 'oldStream')]],
      ['external oldBus → f', [pol('events', ['lambda:InvokeFunction'], 'f')]],
      ['external oldBus → sm', []],
      ['external thing → f', []],
      ['external oldFn → f', []],
      ['subscription n → k', [pol('sns', ['lambda:InvokeFunction'], 'k'), role('k', ['s3:GetObject'], 'oldBucket', 'objects')]],
      ['emit f → checkout', [role('f', ['states:StartExecution', 'states:StartSyncExecution'], 'checkout')]],
      ['emit f → thing2', []],
      ['emit f → legacy', []],
    ],
  },
  {
    name: "state machines: what each Task state's call needs, on what it names; executions of a nested start waited for; functions invoking functions",
    yaml: `routers:
  flow:
    type: state-machine
    definition:
      StartAt: A
      States:
        A: { Type: Task, Resource: "arn:aws:states:::aws-sdk:dynamodb:putItem", Parameters: { TableName: "\${Orders}" }, Next: B }
        B: { Type: Task, Resource: "arn:aws:states:::dynamodb:getItem", Parameters: { TableName: "\${Orders}" }, Next: C }
        C: { Type: Task, Resource: "arn:aws:states:::states:startExecution.sync:2", Parameters: { StateMachineArn: "\${Child}" }, Next: D }
        D: { Type: Task, Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "\${Fn}" }, Next: E }
        E: { Type: Task, Resource: "arn:aws:states:::aws-sdk:s3:putObject", Parameters: { Bucket: "\${Bucket}", Key: k, Body: x }, End: true }
    substitutions: { Orders: orders, Child: child, Fn: f, Unused: q, Bucket: b, Other: child2 }
  child: { type: state-machine, definition: { StartAt: A, States: { A: { Type: Pass, End: true } } } }
  child2: { type: state-machine, definition: { StartAt: A, States: { A: { Type: Task, Resource: "arn:aws:states:::states:startExecution", Parameters: { StateMachineArn: "\${X}" }, End: true } } }, substitutions: { X: child } }
  q: { type: queue }
producers:
  orders: { type: table }
  b: { type: bucket }
consumers: { f: { emits: [g, { to: g2, invocation: async }] }, g: {}, g2: {} }`,
    edges: [
      ['task flow → orders', [svc('states', ['dynamodb:GetItem', 'dynamodb:PutItem'], 'orders')]],
      ['task flow → child', [svc('states', ['states:StartExecution'], 'child'), svc('states', ['states:DescribeExecution', 'states:StopExecution'], 'child', 'executions')]],
      ['task flow → f', [svc('states', ['lambda:InvokeFunction'], 'f')]],
      ['task flow → q', [svc('states', ['sqs:SendMessage'], 'q')]],
      ['task flow → b', [svc('states', ['s3:PutObject'], 'b', 'objects')]],
      ['task flow → child2', [svc('states', ['states:StartExecution'], 'child2')]],
      ['task child2 → child', [svc('states', ['states:StartExecution'], 'child')]],
      ['invoke f → g', [role('f', ['lambda:InvokeFunction'], 'g')]],
      ['invoke f → g2', [role('f', ['lambda:InvokeFunction'], 'g2')]],
    ],
  },
  {
    name: 'nothing to grant: an existing function reading a queue, an existing table as a destination, an existing state machine as a success destination, Firehose and a Task to an external without an ARN',
    yaml: `routers:
  q: { type: queue, to: oldFn }
  fh: { type: firehose, to: bare }
  flow: { type: state-machine, definition: { StartAt: A, States: { A: { Type: Task, Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: '\${Q}' }, End: true } } }, substitutions: { Q: bare } }
producers:
  oldFn: { type: external, arn: 'arn:aws:lambda:eu-west-1:123456789012:function:x' }
  oldTable: { type: external, arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/ledger' }
  checkout: { type: external, arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:checkout' }
  bare: { type: external }
consumers:
  f: { async: { onFailure: oldTable, onSuccess: checkout } }`,
    edges: [
      ['queue-mapping q → oldFn', []],
      ['delivery fh → bare', []],
      ['task flow → bare', []],
      ['failure-destination f → oldTable', []],
      ['success-destination f → checkout', []],
    ],
  },
  {
    name: 'Task placeholders: a nested start waited for on a node that is no state machine starts it only; an unused one on a table needs nothing',
    yaml: `routers:
  flow:
    type: state-machine
    definition: { StartAt: A, States: { A: { Type: Task, Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: '\${Child}' }, End: true } } }
    substitutions: { Child: q, Spare: orders }
  q: { type: queue }
producers:
  orders: { type: table }`,
    edges: [
      ['task flow → q', [svc('states', ['states:StartExecution'], 'q')]],
      ['task flow → orders', []],
    ],
  },
  {
    name: 'objects notified and read: any event but removals announces objects, an empty `on` too; a topic\'s dead letters and an existing topic carry none; an existing bucket through an existing topic',
    yaml: `producers:
  b: { type: bucket, notifications: [{ on: [ObjectCreated, ObjectRemoved], to: f }, { on: [], to: g }, { to: { topic: n } }] }
  oldTopic: { type: external, arn: 'arn:aws:sns:eu-west-1:123456789012:alerts', to: { queue: q } }
  oldBucket: { type: external, arn: 'arn:aws:s3:::drops', to: { topic: oldTopic2 } }
  oldTopic2: { type: external, arn: 'arn:aws:sns:eu-west-1:123456789012:drops', to: k }
routers:
  n: { type: topic, to: { queue: q2, deadLetter: dlq } }
  dlq: { type: queue, to: h }
  q: { type: queue, to: h }
  q2: { type: queue }
consumers: { f: {}, g: {}, h: {}, k: {} }`,
    edges: [
      ['notification b → f', [pol('s3', ['lambda:InvokeFunction'], 'f'), role('f', ['s3:GetObject'], 'b', 'objects')]],
      ['notification b → g', [pol('s3', ['lambda:InvokeFunction'], 'g'), role('g', ['s3:GetObject'], 'b', 'objects')]],
      ['notification b → n', [pol('s3', ['sns:Publish'], 'n')]],
      ['external oldTopic → q', [pol('sns', ['sqs:SendMessage'], 'q')]],
      ['external oldBucket → oldTopic2', [pol('s3', ['sns:Publish'], 'oldTopic2')]],
      ['external oldTopic2 → k', [pol('sns', ['lambda:InvokeFunction'], 'k'), role('k', ['s3:GetObject'], 'oldBucket', 'objects')]],
      ['subscription n → q2', [pol('sns', ['sqs:SendMessage'], 'q2')]],
      ['redrive n → dlq', [pol('sns', ['sqs:SendMessage'], 'dlq')]],
      ['queue-mapping dlq → h', [role('h', ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], 'dlq')]],
      ['queue-mapping q → h', [role('h', ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], 'q')]],
    ],
  },
];

describe('every edge: exactly the permissions it needs', () => {
  for (const c of EDGES) {
    it(c.name, () => {
      const g = graphOf(c.yaml);
      expect(g.edges.map((e): [string, EdgePermission[]] => [`${e.mechanism} ${e.from} → ${e.to}`, edgePermissions(e, g)])).toEqual(c.edges);
    });
  }
});
