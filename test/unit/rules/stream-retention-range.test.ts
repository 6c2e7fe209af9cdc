import { testRule } from '../../helpers/rule-cases';

testRule('stream/retention-range', [
  {
    name: 'exactly 24 h, exactly 8,760 h and whole hours between are fine',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: stream, retention: 24h }
  b: { type: stream, retention: 8760h }
  c: { type: stream, retention: 86400 }
  d: { type: stream, retention: 365d }
  e: { type: stream, retention: 7d }
  f: { type: stream }`,
  },
  {
    name: 'below 24 h and above 8,760 h',
    yaml: `
archflow: 1
name: t
routers:
  a: { type: stream, retention: 23h }
#                               ^^^ error: Stream 'a' keeps records for 23 h; Kinesis allows 24–8,760 hours (1 to 365 days).
#   fix: Set retention to 24 h
#   + a: { type: stream, retention: 24h }
  b: { type: stream, retention: 86399 }
#                               ^^^^^ error: Stream 'b' keeps records for 86,399 s (24 h); Kinesis allows 24–8,760 hours (1 to 365 days).
#   fix: Set retention to 24 h
#   + b: { type: stream, retention: 24h }
  c: { type: stream, retention: 8761h }
#                               ^^^^^ error: Stream 'c' keeps records for 8,761 h; Kinesis allows 24–8,760 hours (1 to 365 days).
#   fix: Set retention to 8,760 h
#   + c: { type: stream, retention: 8760h }
  d: { type: stream, retention: 366d }
#                               ^^^^ error: Stream 'd' keeps records for 8,784 h; Kinesis allows 24–8,760 hours (1 to 365 days).
#   fix: Set retention to 8,760 h
#   + d: { type: stream, retention: 8760h }`,
  },
  {
    name: 'a fraction of an hour is rounded up by the deployment',
    yaml: `
archflow: 1
name: t
routers:
  a:
    type: stream
    retention: 1530m
#              ^^^^^ warning: Stream 'a' keeps records for 91,800 s (25.5 h), but Kinesis sets retention in whole hours: it would be deployed as 26 h.
#   fix: Set retention to 26 h
#   + retention: 26h`,
  },
]);
