import { testRule } from '../../helpers/rule-cases';

testRule('iam/missing-permission', [
  {
    // API Gateway DG, "Control access to WebSocket APIs with IAM authorization": ManageConnections on
    // `<api-id>/<stage>/POST/@connections` (sending); every method reads and closes connections too.
    name: "answering a WebSocket API's clients: ManageConnections on the API's name (its @connections) or an @connections ARN; another action is not it",
    yaml: `
archflow: 1
name: t
producers:
  chat: { type: websocket-api, routes: { $default: a, other: b } }
consumers:
  a:
    emits: [chat]
    policies:
      - { actions: [execute-api:ManageConnections], resources: [chat] }
  b:
    emits: [{ to: chat, access: manage }]
    policies:
      - { actions: [execute-api:ManageConnections], resources: ['arn:aws:execute-api:*:*:*/live/*/@connections/*'] }
  c:
    emits: [chat]
    policies:
#   ^^^^^^^^ error: The policies of function 'c' do not grant execute-api:ManageConnections on WebSocket API 'chat', which it needs to write to it.
#   fix: Allow execute-api:ManageConnections on 'chat'
#   + - { actions: ["execute-api:ManageConnections"], resources: [chat] }
      - { actions: [execute-api:Invoke], resources: [chat] }`,
  },
  {
    name: 'no policies: the generated role covers every edge',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
  out: { type: topic }
consumers:
  worker: { emits: [out] }`,
  },
  {
    name: 'policies that grant every edge by name, ARN, wildcard and *',
    yaml: `
archflow: 1
name: shop
producers:
  files: { type: bucket }
  orders: { type: table, stream: NEW_IMAGE, to: { function: worker, startingPosition: LATEST } }
routers:
  jobs: { type: queue, to: worker }
  out: { type: topic }
  bus: { type: event-bus }
consumers:
  worker:
    emits: [out, bus, { to: files, prefix: reports/ }]
    policies:
      - actions: [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes]
        resources: [jobs]
      - actions: ["dynamodb:*"]
        resources: [arn:aws:dynamodb:eu-west-1:123456789012:table/shop-orders/stream/*]
      - actions: [SNS:publish]
        resources: [arn:aws:sns:*:*:out]
      - actions: [events:PutEvents, s3:PutObject]
        resources: ["*"]`,
  },
  {
    name: 'putting records into a Firehose stream: PutRecord granted on its ARN, PutRecordBatch missing',
    yaml: `
archflow: 1
name: t
producers:
  lake: { type: bucket }
routers:
  archive: { type: firehose, to: lake }
consumers:
  worker:
    emits: [archive]
    policies:
#   ^^^^^^^^ error: The policies of function 'worker' do not grant firehose:PutRecordBatch on Firehose stream 'archive', which it needs to put records into it.
#   fix: Allow firehose:PutRecordBatch on 'archive'
#   + - { actions: ["firehose:PutRecordBatch"], resources: [archive] }
      - actions: [firehose:PutRecord]
        resources: [arn:aws:firehose:eu-west-1:123456789012:deliverystream/t-archive]`,
  },
  {
    name: 'an existing resource granted by its ARN written with CloudFormation pseudo parameters',
    yaml: `
archflow: 1
name: t
routers:
  legacy:
    type: external
    resource: AWS::SQS::Queue
    arn: "arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:legacy-jobs"
consumers:
  worker:
    emits: [legacy]
    policies:
      - { actions: [sqs:SendMessage], resources: ["arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:legacy-jobs"] }`,
  },
  {
    name: 'a consumer without the SQS polling actions; the fix appends a statement',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
consumers:
  worker:
    policies:
#   ^^^^^^^^ error: The policies of function 'worker' do not grant sqs:DeleteMessage, sqs:GetQueueAttributes on queue 'jobs', which it needs to consume it.
#   fix: Allow sqs:DeleteMessage, sqs:GetQueueAttributes on 'jobs'
#   + - { actions: ["sqs:DeleteMessage", "sqs:GetQueueAttributes"], resources: [jobs] }
      - actions: [sqs:ReceiveMessage]
        resources: [jobs]`,
  },
  {
    name: 'sending to a topic and writing a bucket prefix with the wrong resources',
    yaml: `
archflow: 1
name: t
producers:
  files: { type: bucket }
routers:
  out: { type: topic }
consumers:
  worker:
    emits: [out, { to: files, prefix: reports/ }]
    policies: [{ actions: [sns:Publish, s3:PutObject], resources: [other, arn:aws:s3:::files/exports/*] }]
#   ^^^^^^^^ error: The policies of function 'worker' do not grant sns:Publish on topic 'out', which it needs to publish to it.
#   fix: Allow sns:Publish on 'out'
#   + policies: [{ actions: [sns:Publish, s3:PutObject], resources: [other, arn:aws:s3:::files/exports/*] }, { actions: ["sns:Publish"], resources: [out] }]
#   ^^^^^^^^ error: The policies of function 'worker' do not grant s3:PutObject on bucket 'files' (its objects under 'reports/'), which it needs to write to it.
#   fix: Allow s3:PutObject on 'files'
#   + policies: [{ actions: [sns:Publish, s3:PutObject], resources: [other, arn:aws:s3:::files/exports/*] }, { actions: ["s3:PutObject"], resources: [files] }]
  other: {}`,
  },
  {
    name: 'a function triggered by a bucket, directly or through a queue, must read the notified objects',
    yaml: `
archflow: 1
name: t
producers:
  files:
    type: bucket
    notifications:
      - { prefix: in/, to: scan }
      - { prefix: batch/, to: jobs }
routers:
  jobs: { type: queue, to: worker }
consumers:
  scan:
    policies: [{ actions: [s3:GetObject], resources: [arn:aws:s3:::files/other/*] }]
#   ^^^^^^^^ error: The policies of function 'scan' do not grant s3:GetObject on bucket 'files' (its objects under 'in/'), which it needs to read the objects whose S3 notifications trigger it.
#   fix: Allow s3:GetObject on 'files'
#   + policies: [{ actions: [s3:GetObject], resources: [arn:aws:s3:::files/other/*] }, { actions: ["s3:GetObject"], resources: [files] }]
  worker:
    policies:
      - { actions: [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes], resources: [jobs] }
      - { actions: [s3:GetObject], resources: [arn:aws:s3:::files/batch/*] }`,
  },
  {
    name: 'a Deny statement wins over an Allow, and gets no fix',
    yaml: `
archflow: 1
name: t
routers:
  bus: { type: event-bus }
consumers:
  worker:
    emits: [bus]
    policies:
#   ^^^^^^^^ error: The policies of function 'worker' deny events:PutEvents (statement 2) on event bus 'bus', which it needs to put events on it.
      - { actions: ["events:*"], resources: ["*"] }
      - { effect: Deny, actions: [events:PutEvents], resources: [bus] }`,
  },
  {
    name: 'a function with its own role is not checked here',
    yaml: `
archflow: 1
name: t
routers:
  out: { type: topic }
consumers:
  worker:
    emits: [out]
    role: arn:aws:iam::123456789012:role/existing
    policies: []`,
  },
  {
    name: 'invoking another function, and sending records to its destinations, need their actions',
    yaml: `
archflow: 1
name: t
routers:
  done: { type: topic }
consumers:
  caller:
    emits: [callee]
    async: { onSuccess: done }
    policies:
#   ^^^^^^^^ error: The policies of function 'caller' do not grant lambda:InvokeFunction on function 'callee', which it needs to invoke it.
#   fix: Allow lambda:InvokeFunction on 'callee'
#   + - { actions: ["lambda:InvokeFunction"], resources: [callee] }
#   ^^^^^^^^ error: The policies of function 'caller' do not grant sns:Publish on topic 'done', which it needs for its on-success destination.
#   fix: Allow sns:Publish on 'done'
#   + - { actions: ["sns:Publish"], resources: [done] }
      - { actions: [sqs:SendMessage], resources: ["*"] }
  callee: {}`,
  },
  {
    name: 'a reader of an Amazon MQ queue: the broker by name or ARN, its secret by name (its own scope) or ARN, the network on *',
    yaml: `
archflow: 1
name: shop
producers:
  payments: { type: mq, broker: 'arn:aws:mq:eu-west-1:123456789012:broker:p:b-1', queue: payments, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:p-AbCdEf', to: settle }
  refunds: { type: mq, broker: 'arn:aws:mq:eu-west-1:123456789012:broker:r:b-2', queue: refunds, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:r-AbCdEf', to: settle }
consumers:
  settle:
    policies:
      - actions: [mq:DescribeBroker, secretsmanager:GetSecretValue]
        resources: [payments]
      - actions: [mq:DescribeBroker]
        resources: [arn:aws:mq:eu-west-1:123456789012:broker:r:b-2]
      - actions: [secretsmanager:GetSecretValue]
        resources: [arn:aws:secretsmanager:eu-west-1:123456789012:secret:r-*]
      - actions: ["ec2:*"]
        resources: ["*"]`,
  },
  {
    name: 'a reader of a DocumentDB change stream without the secret and the network',
    yaml: `
archflow: 1
name: shop
producers:
  customers: { type: docdb, cluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:shop', database: shop, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:d-AbCdEf', to: sync }
consumers:
  sync:
    policies:
#   ^^^^^^^^ error: The policies of function 'sync' do not grant ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DescribeSecurityGroups, ec2:DescribeSubnets, ec2:DescribeVpcs on DocumentDB change stream 'customers' (any resource: \`*\`), which it needs to read it through its event source mapping.
#   fix: Allow ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DescribeSecurityGroups, ec2:DescribeSubnets, ec2:DescribeVpcs on 'customers'
#   + - { actions: ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"], resources: [customers] }
#   ^^^^^^^^ error: The policies of function 'sync' do not grant secretsmanager:GetSecretValue on DocumentDB change stream 'customers' (its secret), which it needs to read it through its event source mapping.
#   fix: Allow secretsmanager:GetSecretValue on 'customers'
#   + - { actions: ["secretsmanager:GetSecretValue"], resources: [customers] }
      - actions: [rds:DescribeDBClusters]
        resources: [customers]
      - actions: [rds:DescribeDBClusterParameters, rds:DescribeDBSubnetGroups]
        resources: ["*"]
`,
  },
  {
    name: 'what each need is for, and where: a stream, its fan-out consumer, a failure destination of the function and of its stream, access words (one that sends, several, one written alone), an existing queue and stream read through their ARNs, an existing queue sent to; the same need twice is one problem',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: table, stream: NEW_IMAGE, to: { function: reader, startingPosition: LATEST, onFailure: failed } }
  files: { type: bucket }
routers:
  clicks: { type: stream, to: { function: reader, startingPosition: LATEST, fanOut: true } }
  failed: { type: queue }
  later: { type: queue }
  gone: { type: queue }
  out: { type: topic }
  bus: { type: event-bus }
  legacy: { type: external, resource: AWS::SQS::Queue, arn: "arn:aws:sqs:eu-west-1:123456789012:legacy", to: reader }
  oldClicks: { type: external, resource: AWS::Kinesis::Stream, arn: "arn:aws:kinesis:eu-west-1:123456789012:stream/old-clicks", to: reader }
  outside: { type: external, resource: AWS::SQS::Queue, arn: "arn:aws:sqs:eu-west-1:123456789012:outside" }
consumers:
  reader:
    async: { onFailure: gone }
    emits: [outside, { to: files, access: write }, { to: orders, access: [write, query] }, { to: orders, access: read }, { to: later, access: [send] }, later, { to: out, access: publish }, { to: bus, access: put }, { to: clicks, access: [read] }]
    policies: []
#   ^^^^^^^^ error: The policies of function 'reader' do not grant dynamodb:DescribeStream, dynamodb:GetRecords, dynamodb:GetShardIterator on table 'orders' (its stream), which it needs to read its stream.
#   fix: Allow dynamodb:DescribeStream, dynamodb:GetRecords, dynamodb:GetShardIterator on 'orders'
#   + policies: [{ actions: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], resources: [orders] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant sqs:SendMessage on queue 'failed', which it needs for the on-failure destination of its stream.
#   fix: Allow sqs:SendMessage on 'failed'
#   + policies: [{ actions: ["sqs:SendMessage"], resources: [failed] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant kinesis:DescribeStream, kinesis:DescribeStreamSummary, kinesis:GetRecords, kinesis:GetShardIterator, kinesis:ListShards on stream 'clicks', which it needs to read its stream.
#   fix: Allow kinesis:DescribeStream, kinesis:DescribeStreamSummary, kinesis:GetRecords, kinesis:GetShardIterator, kinesis:ListShards on 'clicks'
#   + policies: [{ actions: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"], resources: [clicks] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant kinesis:DescribeStreamConsumer, kinesis:SubscribeToShard on stream 'clicks' (its enhanced fan-out consumer), which it needs to read its stream.
#   fix: Allow kinesis:DescribeStreamConsumer, kinesis:SubscribeToShard on 'clicks'
#   + policies: [{ actions: ["kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard"], resources: [clicks] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant sqs:DeleteMessage, sqs:GetQueueAttributes, sqs:ReceiveMessage on external resource 'legacy', which it needs to consume it.
#   fix: Allow sqs:DeleteMessage, sqs:GetQueueAttributes, sqs:ReceiveMessage on 'legacy'
#   + policies: [{ actions: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"], resources: [legacy] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant kinesis:DescribeStream, kinesis:DescribeStreamSummary, kinesis:GetRecords, kinesis:GetShardIterator, kinesis:ListShards on external resource 'oldClicks', which it needs to read its stream.
#   fix: Allow kinesis:DescribeStream, kinesis:DescribeStreamSummary, kinesis:GetRecords, kinesis:GetShardIterator, kinesis:ListShards on 'oldClicks'
#   + policies: [{ actions: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"], resources: [oldClicks] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant sqs:SendMessage on external resource 'outside', which it needs to send to it.
#   fix: Allow sqs:SendMessage on 'outside'
#   + policies: [{ actions: ["sqs:SendMessage"], resources: [outside] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant s3:PutObject on bucket 'files' (its objects), which it needs to write to it.
#   fix: Allow s3:PutObject on 'files'
#   + policies: [{ actions: ["s3:PutObject"], resources: [files] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant dynamodb:BatchWriteItem, dynamodb:PutItem, dynamodb:UpdateItem on table 'orders', which it needs for its access (write, query).
#   fix: Allow dynamodb:BatchWriteItem, dynamodb:PutItem, dynamodb:UpdateItem on 'orders'
#   + policies: [{ actions: ["dynamodb:BatchWriteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], resources: [orders] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant dynamodb:Query, dynamodb:Scan on table 'orders', which it needs for its access (write, query).
#   fix: Allow dynamodb:Query, dynamodb:Scan on 'orders'
#   + policies: [{ actions: ["dynamodb:Query", "dynamodb:Scan"], resources: [orders] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant dynamodb:Query, dynamodb:Scan on table 'orders' (its indexes), which it needs for its access (write, query).
#   fix: Allow dynamodb:Query, dynamodb:Scan on 'orders'
#   + policies: [{ actions: ["dynamodb:Query", "dynamodb:Scan"], resources: [orders] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant dynamodb:BatchGetItem, dynamodb:GetItem on table 'orders', which it needs for its access (read).
#   fix: Allow dynamodb:BatchGetItem, dynamodb:GetItem on 'orders'
#   + policies: [{ actions: ["dynamodb:BatchGetItem", "dynamodb:GetItem"], resources: [orders] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant sqs:SendMessage on queue 'later', which it needs to send to it.
#   fix: Allow sqs:SendMessage on 'later'
#   + policies: [{ actions: ["sqs:SendMessage"], resources: [later] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant sns:Publish on topic 'out', which it needs to publish to it.
#   fix: Allow sns:Publish on 'out'
#   + policies: [{ actions: ["sns:Publish"], resources: [out] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant events:PutEvents on event bus 'bus', which it needs to put events on it.
#   fix: Allow events:PutEvents on 'bus'
#   + policies: [{ actions: ["events:PutEvents"], resources: [bus] }]
#   ^^^^^^^^ error: The policies of function 'reader' do not grant sqs:SendMessage on queue 'gone', which it needs for its on-failure destination.
#   fix: Allow sqs:SendMessage on 'gone'
#   + policies: [{ actions: ["sqs:SendMessage"], resources: [gone] }]
`,
  },
  {
    name: 'resources by name: a name is no wildcard (code generation grants nothing for ta*), a name of another case, an unknown name, a bucket path that covers a deeper prefix and one that does not; by ARN: another service, another case, no ARN at all; a network action on an ARN (only * is any resource)',
    yaml: `
archflow: 1
name: t
producers:
  files: { type: bucket }
  customers: { type: docdb, cluster: 'arn:aws:rds:eu-west-1:123456789012:cluster:shop', database: shop, secret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:d-AbCdEf', to: sync }
routers:
  jobs: { type: queue, to: worker }
  tasks: { type: queue, to: worker }
  out: { type: topic }
  alerts: { type: topic }
consumers:
  worker:
    emits: [out, alerts, { to: files, prefix: reports/daily/ }, { to: files, prefix: exports/ }]
    policies:
#   ^^^^^^^^ error: The policies of function 'worker' do not grant sqs:DeleteMessage, sqs:GetQueueAttributes, sqs:ReceiveMessage on queue 'tasks', which it needs to consume it.
#   fix: Allow sqs:DeleteMessage, sqs:GetQueueAttributes, sqs:ReceiveMessage on 'tasks'
#   + - { actions: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"], resources: [tasks] }
#   ^^^^^^^^ error: The policies of function 'worker' do not grant sns:Publish on topic 'out', which it needs to publish to it.
#   fix: Allow sns:Publish on 'out'
#   + - { actions: ["sns:Publish"], resources: [out] }
#   ^^^^^^^^ error: The policies of function 'worker' do not grant sns:Publish on topic 'alerts', which it needs to publish to it.
#   fix: Allow sns:Publish on 'alerts'
#   + - { actions: ["sns:Publish"], resources: [alerts] }
#   ^^^^^^^^ error: The policies of function 'worker' do not grant s3:PutObject on bucket 'files' (its objects under 'exports/'), which it needs to write to it.
#   fix: Allow s3:PutObject on 'files'
#   + - { actions: ["s3:PutObject"], resources: [files] }
      - { actions: [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes], resources: [jobs, nothing, ta*] }
      - { actions: [sns:Publish], resources: [OUT, nothing, 'arn:aws:sqs:*:*:out', 'arn:aws:sns:*:*:ALERTS', 'arn:bad'] }
      - { actions: [s3:PutObject], resources: [files/reports/*, files/export/*] }
  sync:
    policies:
#   ^^^^^^^^ error: The policies of function 'sync' do not grant ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DescribeSecurityGroups, ec2:DescribeSubnets, ec2:DescribeVpcs on DocumentDB change stream 'customers' (any resource: \`*\`), which it needs to read it through its event source mapping.
#   fix: Allow ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface, ec2:DescribeNetworkInterfaces, ec2:DescribeSecurityGroups, ec2:DescribeSubnets, ec2:DescribeVpcs on 'customers'
#   + - { actions: ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"], resources: [customers] }
      - { actions: [rds:DescribeDBClusters, secretsmanager:GetSecretValue], resources: [customers] }
      - { actions: [rds:DescribeDBClusterParameters, rds:DescribeDBSubnetGroups], resources: ["*"] }
      - { actions: ["ec2:*"], resources: ["arn:aws:*:*:*:*"] }
`,
  },
  {
    name: 'denied and missing actions in one problem, without a fix; another action on the same queue is its own problem',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
consumers:
  worker:
    emits: [jobs]
    policies:
#   ^^^^^^^^ error: The policies of function 'worker' do not grant sqs:GetQueueAttributes on queue 'jobs' and deny sqs:DeleteMessage (statement 1), sqs:ReceiveMessage (statement 1) on queue 'jobs', which it needs to consume it.
#   fix: none
#   ^^^^^^^^ error: The policies of function 'worker' do not grant sqs:SendMessage on queue 'jobs', which it needs to send to it.
#   fix: Allow sqs:SendMessage on 'jobs'
#   + - { actions: ["sqs:SendMessage"], resources: [jobs] }
      - { effect: Deny, actions: [sqs:DeleteMessage, sqs:ReceiveMessage], resources: [jobs] }
`,
  },
]);
