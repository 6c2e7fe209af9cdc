import { testRule } from '../../helpers/rule-cases';

testRule('graph/dead-end-producer', [
  {
    name: 'producers with targets, and stores functions use, are fine',
    yaml: `
archflow: 1
name: t
producers:
  api:
    type: http-api
    routes: { GET /x: worker }
  archive: { type: bucket }
  cache: { type: table }
  nightly: { type: schedule, schedule: rate(1 day), to: worker }
  partner: { type: external, to: worker }
consumers:
  worker:
    emits: [{ to: archive }, { to: cache, access: read }]`,
  },
  {
    name: 'a bucket, a table stream, an API and an external producer that lead nowhere',
    yaml: `
archflow: 1
name: t
producers:
  api:
# ^^^ warning: HTTP API 'api' has no routes: its requests go nowhere. Add a route such as \`POST /items: handler\`.
    type: http-api
    routes: {}
  uploads:
# ^^^^^^^ warning: Bucket 'uploads' has no notifications and no function reads or writes it: its object events go nowhere. Add \`notifications\`, or remove the bucket.
    type: bucket
  orders:
# ^^^^^^ warning: Table 'orders' has a stream (NEW_IMAGE) but nothing reads it: its records expire unread. Add \`to\` with the function that reads the stream, or remove \`stream\`.
    type: table
    stream: NEW_IMAGE
  lookup:
# ^^^^^^ warning: Table 'lookup' has no stream reader and no function reads or writes it: it is not connected to anything.
    type: table
  partner:
# ^^^^^^^ warning: External producer 'partner' has no \`to\`: its events go nowhere.
    type: external
consumers:
  worker: {}`,
  },
  {
    name: 'quiet while a reference is broken (the graph is incomplete)',
    yaml: `
archflow: 1
name: t
producers:
  uploads:
    type: bucket
consumers:
  worker:
    emits: [uplods]`,
  },
  {
    name: 'quiet while the YAML has an error (part of the file may be missing from the graph)',
    yaml: `
archflow: 1
name: t
producers:
  uploads:
    type: bucket
consumers:
  worker: {}
  broken: { emits: [ }`,
  },
]);
