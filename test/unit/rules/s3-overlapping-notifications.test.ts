import { testRule } from '../../helpers/rule-cases';

testRule('s3/overlapping-notifications', [
  {
    name: 'disjoint prefixes are fine',
    yaml: `
archflow: 1
name: t
producers:
  uploads:
    type: bucket
    notifications:
      - { on: [ObjectCreated], prefix: docs/, to: a }
      - { on: [ObjectCreated], prefix: images/, to: b }
consumers:
  a: {}
  b: {}`,
  },
  {
    name: 'overlapping prefixes with disjoint suffixes are fine',
    yaml: `
archflow: 1
name: t
producers:
  uploads:
    type: bucket
    notifications:
      - { on: [ObjectCreated], prefix: in/, suffix: .pdf, to: a }
      - { on: [ObjectCreated], prefix: in/, suffix: .jpg, to: b }
consumers:
  a: {}
  b: {}`,
  },
  {
    name: 'different event types may share a filter',
    yaml: `
archflow: 1
name: t
producers:
  uploads:
    type: bucket
    notifications:
      - { on: [ObjectCreated], to: a }
      - { on: [ObjectRemoved:Delete], to: b }
consumers:
  a: {}
  b: {}`,
  },
  {
    name: 'a nested prefix overlaps',
    yaml: `
archflow: 1
name: t
producers:
  uploads:
    type: bucket
    notifications:
      - { on: [ObjectCreated:Put], prefix: in/, to: a }
      - { on: [ObjectCreated:Put], prefix: in/images/, to: b }
#             ^^^^^^^^^^^^^^^^^^^ error: Notifications 1 and 2 of bucket 'uploads' overlap: both fire on ObjectCreated:Put for keys under 'in/images/'. S3 rejects overlapping filters for the same event type; make the prefixes or the suffixes disjoint.
consumers:
  a: {}
  b: {}`,
  },
  {
    name: 'ObjectCreated overlaps ObjectCreated:Put; a prefix-only and a suffix-only filter overlap',
    yaml: `
archflow: 1
name: t
producers:
  uploads:
    type: bucket
    notifications:
      - on: [ObjectCreated]
        prefix: images/
        to: a
      - on: [ObjectRemoved, ObjectCreated:Put]
#           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: Notifications 1 and 2 of bucket 'uploads' overlap: both fire on ObjectCreated:Put for keys under 'images/' ending in '.jpg'. S3 rejects overlapping filters for the same event type; make the prefixes or the suffixes disjoint.
        suffix: .jpg
        to: b
consumers:
  a: {}
  b: {}`,
  },
  {
    name: 'overlapping suffixes (one ends with the other) with no prefix overlap everywhere; reported once per later notification',
    yaml: `
archflow: 1
name: t
producers:
  uploads:
    type: bucket
    notifications:
      - { on: [ObjectCreated], suffix: .tar.gz, to: a }
      - { on: [ObjectCreated], suffix: .gz, to: b }
#             ^^^^^^^^^^^^^^^ error: Notifications 1 and 2 of bucket 'uploads' overlap: both fire on ObjectCreated for keys ending in '.tar.gz'. S3 rejects overlapping filters for the same event type; make the prefixes or the suffixes disjoint.
      - { on: [ObjectCreated], suffix: .gz, to: c }
#             ^^^^^^^^^^^^^^^ error: Notifications 1 and 3 of bucket 'uploads' overlap: both fire on ObjectCreated for keys ending in '.tar.gz'. S3 rejects overlapping filters for the same event type; make the prefixes or the suffixes disjoint.
consumers:
  a: {}
  b: {}
  c: {}`,
  },
  {
    name: 'the narrower event type is named; two shared types are listed; notifications written on a queue are the schema\'s',
    yaml: `
archflow: 1
name: t
producers:
  files:
    type: bucket
    notifications:
      - { on: [ObjectCreated:Put], to: f }
      - { on: [ObjectCreated], suffix: .csv, to: g }
#             ^^^^^^^^^^^^^^^ error: Notifications 1 and 2 of bucket 'files' overlap: both fire on ObjectCreated:Put for keys ending in '.csv'. S3 rejects overlapping filters for the same event type; make the prefixes or the suffixes disjoint.
  logs:
    type: bucket
    notifications:
      - { on: [ObjectCreated, ObjectRemoved], prefix: a/, to: f }
      - { on: [ObjectCreated, ObjectRemoved], prefix: a/b/, to: g }
#             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: Notifications 1 and 2 of bucket 'logs' overlap: both fire on ObjectCreated, ObjectRemoved for keys under 'a/b/'. S3 rejects overlapping filters for the same event type; make the prefixes or the suffixes disjoint.
routers:
  jobs:
    type: queue
    to: f
    notifications:
      - { on: [ObjectCreated], to: f }
      - { on: [ObjectCreated], to: g }
consumers:
  f: {}
  g: {}`,
  },
]);
