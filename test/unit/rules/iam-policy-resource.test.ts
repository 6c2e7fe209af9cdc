import { testRule } from '../../helpers/rule-cases';

testRule('iam/policy-resource', [
  {
    name: 'quiet for a function without policies and for a resource that is not text (the schema reports it)',
    yaml: `
archflow: 1
name: t
producers:
  files: { type: bucket }
consumers:
  plain: {}
  worker:
    policies:
      - { actions: [s3:GetObject], resources: [42, files] }`,
  },
  {
    name: 'nodes, paths under them, ARNs and *',
    yaml: `
archflow: 1
name: t
producers:
  files: { type: bucket }
  orders: { type: table, stream: NEW_IMAGE }
consumers:
  worker:
    policies:
      - { actions: [s3:GetObject, s3:ListBucket], resources: [files, files/thumbs/*] }
      - { actions: [dynamodb:Query], resources: [orders, orders/index/*] }
      - { actions: [dynamodb:GetRecords], resources: [orders/stream/*] }
      - { actions: [sqs:SendMessage], resources: ["arn:aws:sqs:eu-west-1:123456789012:jobs", "arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:other"] }
      - { actions: [s3:GetObject], resources: ["arn:aws:s3:::shared/*"] }
      - { actions: [s3:ListBucket], resources: ["arn:aws:s3:::shared"] }
      - { actions: [sns:Publish], resources: ["arn:aws:sns:*:*:alerts", "arn:aws:sqs:eu-west-?:123456789012:jobs-*"] }
      - { actions: [events:PutEvents], resources: ["*"] }`,
  },
  {
    name: 'a path under no node: the fix puts it under the bucket the function uses',
    yaml: `
archflow: 1
name: t
producers:
  files: { type: bucket, notifications: [{ to: worker }] }
consumers:
  worker:
    policies:
      - { actions: [s3:GetObject, s3:PutObject], resources: [thumbs/*] }
#                                                            ^^^^^^^^ error: 'thumbs/*' in statement 1 of function 'worker' stands for no ARN: write a node of this file, \`<bucket>/<prefix>*\`, \`<table>/index/*\`, \`<table>/stream/*\`, an ARN or \`*\`. As written it reaches CloudFormation unchanged and IAM rejects it.
#   fix: Use files/thumbs/*
#   + - { actions: [s3:GetObject, s3:PutObject], resources: ["files/thumbs/*"] }`,
  },
  {
    name: 'not an ARN, a wildcard name, a bucket path that is not a prefix',
    yaml: `
archflow: 1
name: t
producers:
  files: { type: bucket }
consumers:
  worker:
    policies:
      - { actions: [s3:GetObject], resources: ["arn:aws:s3", "file*", files/report.pdf] }
#                                              ^^^^^^^^^^^^ error: 'arn:aws:s3' in statement 1 of function 'worker' is not an ARN: an ARN reads \`arn:<partition>:<service>:<region>:<account>:<resource>\`, and IAM rejects the policy.
#                                                            ^^^^^^^ error: 'file*' in statement 1 of function 'worker' stands for no ARN: write a node of this file, \`<bucket>/<prefix>*\`, \`<table>/index/*\`, \`<table>/stream/*\`, an ARN or \`*\` (names are not wildcards). As written it reaches CloudFormation unchanged and IAM rejects it.
#                                                                     ^^^^^^^^^^^^^^^^ error: 'files/report.pdf' in statement 1 of function 'worker' stands for no ARN: write \`files/<prefix>*\` (its objects under a prefix), an ARN or \`*\`. As written it reaches CloudFormation unchanged and IAM rejects it.`,
  },
  {
    name: 'object actions on a bucket ARN, bucket actions on objects',
    yaml: `
archflow: 1
name: t
consumers:
  worker:
    policies:
      - { actions: [s3:GetObject], resources: ["arn:aws:s3:::shared"] }
#                                              ^^^^^^^^^^^^^^^^^^^^^ warning: 'arn:aws:s3:::shared' in statement 1 of function 'worker' names the bucket itself, but s3:GetObject act on its objects: IAM never matches them on it. Name the objects: \`arn:aws:s3:::shared/*\`.
#   fix: Use arn:aws:s3:::shared/*
#   + - { actions: [s3:GetObject], resources: ["arn:aws:s3:::shared/*"] }
      - { actions: [s3:ListBucket], resources: ["arn:aws:s3:::shared/*"] }
#                                               ^^^^^^^^^^^^^^^^^^^^^^^ warning: 'arn:aws:s3:::shared/*' in statement 2 of function 'worker' names objects, but s3:ListBucket act on the bucket itself: IAM never matches them on it. Name the bucket: \`arn:aws:s3:::shared\`.
#   fix: Use arn:aws:s3:::shared
#   + - { actions: [s3:ListBucket], resources: ["arn:aws:s3:::shared"] }`,
  },
  {
    name: 'relative paths and the bucket they are written under (one bucket of the function: a fix; two: none), unknown names, a path under a queue or table, S3 ARNs for the wrong actions (two of them), a statement without actions, an ARN of another service with a path',
    yaml: `
archflow: 1
name: t
producers:
  files: { type: bucket }
  orders: { type: table }
  archive: { type: bucket }
routers:
  jobs: { type: queue }
  bus: { type: event-bus }
consumers:
  one:
    emits: [files, jobs, bus]
    policies:
      - { actions: [s3:GetObject], resources: ["reports/*", x, nothing, "jobs/x*"] }
#                                              ^^^^^^^^^^^ error: 'reports/*' in statement 1 of function 'one' stands for no ARN: write a node of this file, \`<bucket>/<prefix>*\`, \`<table>/index/*\`, \`<table>/stream/*\`, an ARN or \`*\`. As written it reaches CloudFormation unchanged and IAM rejects it.
#   fix: Use files/reports/*
#   + - { actions: [s3:GetObject], resources: ["files/reports/*", x, nothing, "jobs/x*"] }
#                                                           ^ error: 'x' in statement 1 of function 'one' stands for no ARN: write a node of this file, \`<bucket>/<prefix>*\`, \`<table>/index/*\`, \`<table>/stream/*\`, an ARN or \`*\`. As written it reaches CloudFormation unchanged and IAM rejects it.
#   fix: none
#                                                              ^^^^^^^ error: 'nothing' in statement 1 of function 'one' stands for no ARN: write a node of this file, \`<bucket>/<prefix>*\`, \`<table>/index/*\`, \`<table>/stream/*\`, an ARN or \`*\`. As written it reaches CloudFormation unchanged and IAM rejects it.
#   fix: none
#                                                                       ^^^^^^^^^ error: 'jobs/x*' in statement 1 of function 'one' stands for no ARN: write a node of this file, \`<bucket>/<prefix>*\`, \`<table>/index/*\`, \`<table>/stream/*\`, an ARN or \`*\`. As written it reaches CloudFormation unchanged and IAM rejects it.
#   fix: none
      - { actions: [], resources: ["arn:aws:s3:::files"] }
      - { actions: [s3:GetObject, s3:PutObject], resources: ["arn:aws:s3:::files"] }
#                                                            ^^^^^^^^^^^^^^^^^^^^ warning: 'arn:aws:s3:::files' in statement 3 of function 'one' names the bucket itself, but s3:GetObject, s3:PutObject act on its objects: IAM never matches them on it. Name the objects: \`arn:aws:s3:::files/*\`.
#   fix: Use arn:aws:s3:::files/*
#   + - { actions: [s3:GetObject, s3:PutObject], resources: ["arn:aws:s3:::files/*"] }
      - { actions: [s3:ListBucket, s3:GetBucketLocation], resources: ["arn:aws:s3:::files/reports/*"] }
#                                                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: 'arn:aws:s3:::files/reports/*' in statement 4 of function 'one' names objects, but s3:ListBucket, s3:GetBucketLocation act on the bucket itself: IAM never matches them on it. Name the bucket: \`arn:aws:s3:::files\`.
#   fix: Use arn:aws:s3:::files
#   + - { actions: [s3:ListBucket, s3:GetBucketLocation], resources: ["arn:aws:s3:::files"] }
      - { actions: [events:PutEvents], resources: ["arn:aws:events:eu-west-1:123456789012:event-bus/bus"] }
      - { actions: [dynamodb:Query], resources: ["orders/foo"] }
#                                                ^^^^^^^^^^^^ error: 'orders/foo' in statement 6 of function 'one' stands for no ARN: write \`orders/index/*\` or \`orders/stream/*\`, an ARN or \`*\`. As written it reaches CloudFormation unchanged and IAM rejects it.
#   fix: none
  two:
    emits: [files, archive]
    policies:
      - { actions: [s3:GetObject], resources: ["reports/*"] }
#                                              ^^^^^^^^^^^ error: 'reports/*' in statement 1 of function 'two' stands for no ARN: write a node of this file, \`<bucket>/<prefix>*\`, \`<table>/index/*\`, \`<table>/stream/*\`, an ARN or \`*\`. As written it reaches CloudFormation unchanged and IAM rejects it.
#   fix: none
`,
  },
]);
