import { testRule } from '../../helpers/rule-cases';

testRule('sqs/no-sender', [
  {
    name: 'queues with senders are fine',
    yaml: `
archflow: 1
name: t
producers:
  api: { type: http-api, routes: { POST /jobs: jobs } }
routers:
  jobs: { type: queue, deadLetter: { queue: dlq } }
  dlq: { type: queue }
  out: { type: queue }
  ext: { type: queue }
  outside: { type: external, to: ext }
consumers:
  w: { emits: [out] }`,
  },
  {
    name: 'nothing sends to it',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: w }
# ^^^^ warning: Nothing sends to queue 'jobs': no producer, router or function names it. Connect a sender, or declare the outside sender as an \`external\` producer.
consumers:
  w: {}`,
  },
]);
