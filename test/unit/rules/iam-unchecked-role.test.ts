import { testRule } from '../../helpers/rule-cases';

testRule('iam/unchecked-role', [
  {
    name: 'generated roles are checked elsewhere',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
consumers:
  worker: {}`,
  },
  {
    name: 'an existing role: the message lists what it must grant',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: worker }
  out: { type: topic }
consumers:
  worker:
    emits: [out]
    role: arn:aws:iam::123456789012:role/legacy
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ info: Function 'worker' uses an existing role, so Archflow cannot check its permissions. It needs sqs:DeleteMessage, sqs:GetQueueAttributes, sqs:ReceiveMessage on 'jobs'; sns:Publish on 'out'.`,
  },
  {
    name: 'an existing role on a function without edges',
    yaml: `
archflow: 1
name: t
producers:
  api: { type: http-api, routes: { GET /x: worker } }
consumers:
  worker:
    role: arn:aws:iam::123456789012:role/legacy
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ info: Function 'worker' uses an existing role, so Archflow cannot check its permissions.`,
  },
]);
