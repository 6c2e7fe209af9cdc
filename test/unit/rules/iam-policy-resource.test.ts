import { testRule } from '../../helpers/rule-cases';

testRule('iam/policy-resource', [
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
]);
