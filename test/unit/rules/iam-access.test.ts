import { testRule } from '../../helpers/rule-cases';

testRule('iam/access', [
  {
    name: 'the words of each kind, one or a list',
    yaml: `
archflow: 1
name: t
producers:
  files: { type: bucket }
  orders: { type: table }
routers:
  jobs: { type: queue }
  bus: { type: event-bus }
  clicks: { type: stream }
consumers:
  worker:
    emits:
      - { to: files, prefix: tmp/, access: [read, delete, list] }
      - { to: orders, access: [read, query] }
      - { to: jobs, access: receive }
      - { to: bus, access: put }
      - { to: clicks, access: read }`,
  },
  {
    name: 'a word of another kind grants nothing',
    yaml: `
archflow: 1
name: t
producers:
  files: { type: bucket }
routers:
  jobs: { type: queue }
consumers:
  worker:
    emits:
      - { to: files, access: [read, receive] }
#                                   ^^^^^^^ error: 'receive' is not an access of bucket 'files': it knows \`read\`, \`write\`, \`delete\`, \`list\`, \`read-write\`.
#   fix: none
      - { to: jobs, access: delete }
#                           ^^^^^^ error: 'delete' is not an access of queue 'jobs': it knows \`send\`, \`write\`, \`receive\`.
#   fix: none`,
  },
  {
    name: 'an access on a subscription (no emit) and a word that is not text are not this rule\'s',
    yaml: `
archflow: 1
name: t
producers:
  files: { type: bucket }
routers:
  alerts: { type: topic, to: [{ queue: q, access: bogus }] }
  q: { type: queue }
consumers:
  worker:
    emits: [alerts, { to: files, access: [5, read] }]
`,
  },
]);
