import { testRule } from '../../helpers/rule-cases';

testRule('iam/policy-wildcard', [
  {
    name: 'quiet for a function without policies',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: plain }
consumers:
  plain: {}`,
  },
  {
    name: 'named actions on named resources; a Deny may use wildcards',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
consumers:
  worker:
    policies:
      - { actions: [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes], resources: [jobs] }
      - { effect: Deny, actions: ["s3:*"], resources: ["*"] }`,
  },
  {
    name: 'every action on every resource: narrowed to what the edges need',
    yaml: `
archflow: 1
name: t
producers:
  files: { type: bucket, notifications: [{ prefix: in/, to: worker }] }
routers:
  jobs: { type: queue }
consumers:
  worker:
    emits: [jobs]
    policies:
      - { actions: ["*"], resources: ["*"] }
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: Statement 1 of function 'worker' allows \`*\` on \`*\` (every resource of the account): a bug or a leaked credential in 'worker' could do all of that. Its edges need s3:GetObject, sqs:SendMessage on 'files/in/*', 'jobs'.
#   fix: Narrow statement 1 to s3:GetObject, sqs:SendMessage on files/in/*, jobs
#   + - { actions: ["s3:GetObject", "sqs:SendMessage"], resources: ["files/in/*", jobs] }`,
  },
  {
    name: 'a service wildcard on a node, and a * resource nothing needs',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: table }
consumers:
  worker:
    emits: [{ to: orders, access: read }]
    policies:
      - { actions: ["dynamodb:*"], resources: [orders] }
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: Statement 1 of function 'worker' allows \`dynamodb:*\` on orders: a bug or a leaked credential in 'worker' could do all of that. Its edges need dynamodb:BatchGetItem, dynamodb:GetItem on 'orders'.
#   fix: Narrow statement 1 to dynamodb:BatchGetItem, dynamodb:GetItem on orders
#   + - { actions: ["dynamodb:BatchGetItem", "dynamodb:GetItem"], resources: [orders] }
      - { actions: [sns:Publish], resources: ["*"] }
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: Statement 2 of function 'worker' allows sns:Publish on \`*\` (every resource of the account): a bug or a leaked credential in 'worker' could do all of that. None of its edges needs it.
#   fix: none`,
  },
  {
    name: 'the narrower statement: only the actions of a need the statement grants, on the needs one of its resources covers, sorted; objects under a prefix and a whole bucket',
    yaml: `
archflow: 1
name: t
producers:
  files: { type: bucket }
  files2: { type: bucket }
routers:
  jobs: { type: queue, to: worker }
  alerts: { type: topic }
consumers:
  worker:
    emits: [alerts, { to: files, prefix: reports/ }, files2]
    policies:
      - { actions: ["sqs:Receive*", "sqs:Delete*"], resources: [jobs, nothing] }
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: Statement 1 of function 'worker' allows \`sqs:Receive*\`, \`sqs:Delete*\` on jobs, nothing: a bug or a leaked credential in 'worker' could do all of that. Its edges need sqs:DeleteMessage, sqs:ReceiveMessage on 'jobs'.
#   fix: Narrow statement 1 to sqs:DeleteMessage, sqs:ReceiveMessage on jobs
#   + - { actions: ["sqs:DeleteMessage", "sqs:ReceiveMessage"], resources: [jobs] }
      - { actions: ["sqs:Receive*", "sns:*"], resources: ["*"] }
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: Statement 2 of function 'worker' allows \`sqs:Receive*\`, \`sns:*\` on \`*\` (every resource of the account): a bug or a leaked credential in 'worker' could do all of that. Its edges need sns:Publish, sqs:ReceiveMessage on 'alerts', 'jobs'.
#   fix: Narrow statement 2 to sns:Publish, sqs:ReceiveMessage on alerts, jobs
#   + - { actions: ["sns:Publish", "sqs:ReceiveMessage"], resources: [alerts, jobs] }
      - { actions: [s3:PutObject, s3:GetObject], resources: ["*"] }
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: Statement 3 of function 'worker' allows s3:PutObject, s3:GetObject on \`*\` (every resource of the account): a bug or a leaked credential in 'worker' could do all of that. Its edges need s3:PutObject on 'files/reports/*', 'files2'.
#   fix: Narrow statement 3 to s3:PutObject on files/reports/*, files2
#   + - { actions: ["s3:PutObject"], resources: ["files/reports/*", files2] }
`,
  },
]);
