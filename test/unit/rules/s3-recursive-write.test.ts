import { testRule } from '../../helpers/rule-cases';

testRule('s3/recursive-write', [
  {
    name: 'writing to another bucket is fine',
    yaml: `
archflow: 1
name: t
producers:
  photos:
    type: bucket
    notifications: [{ on: [ObjectCreated], to: resize }]
  thumbs: { type: bucket }
consumers:
  resize:
    emits: [thumbs]`,
  },
  {
    name: 'writing under a prefix the notification does not cover is fine',
    yaml: `
archflow: 1
name: t
producers:
  photos:
    type: bucket
    notifications:
      - { on: [ObjectCreated], prefix: incoming/, to: resize }
consumers:
  resize:
    emits: [{ to: photos, prefix: thumbnails/ }]`,
  },
  {
    name: 'reading the bucket, or being triggered only on removals, is fine',
    yaml: `
archflow: 1
name: t
producers:
  photos:
    type: bucket
    notifications:
      - { on: [ObjectCreated], to: resize }
      - { on: [ObjectRemoved], to: cleanup }
consumers:
  resize:
    emits: [{ to: photos, access: read }]
  cleanup:
    emits: [photos]`,
  },
  {
    name: 'writing anywhere into the triggering bucket loops; the fix writes under output/',
    yaml: `
archflow: 1
name: t
producers:
  photos:
    type: bucket
    notifications:
      - on: [ObjectCreated:Put]
        prefix: incoming/
        suffix: .jpg
        to: resize
consumers:
  resize:
    emits: [photos]
#           ^^^^^^ warning: Function 'resize' writes any key into bucket 'photos', whose notification 1 (ObjectCreated:Put on keys under 'incoming/' ending in '.jpg') invokes it again: a recursive loop (Lambda stops it only after 16 invocations). Write under a prefix the notification does not cover, or to another bucket.
#   fix: Write under 'output/'
#   + emits: [{ to: photos, prefix: output/ }]`,
  },
  {
    name: 'a prefix inside the notification prefix still loops',
    yaml: `
archflow: 1
name: t
producers:
  photos:
    type: bucket
    notifications:
      - { on: [ObjectCreated], prefix: incoming/, to: resize }
consumers:
  resize:
    emits: [{ to: photos, prefix: incoming/thumbs/, access: read-write }]
#                 ^^^^^^ warning: Function 'resize' writes keys under 'incoming/thumbs/' into bucket 'photos', whose notification 1 (ObjectCreated on keys under 'incoming/') invokes it again: a recursive loop (Lambda stops it only after 16 invocations). Write under a prefix the notification does not cover, or to another bucket.
#   fix: Write under 'output/'
#   + emits: [{ to: photos, prefix: output/, access: read-write }]`,
  },
  {
    name: 'a notification without prefix covers every key: no prefix fix',
    yaml: `
archflow: 1
name: t
producers:
  photos:
    type: bucket
    notifications:
      - { on: [ObjectCreated], suffix: .png, to: resize }
consumers:
  resize:
    emits: [{ to: photos, prefix: out/ }]
#                 ^^^^^^ warning: Function 'resize' writes keys under 'out/' into bucket 'photos', whose notification 1 (ObjectCreated on keys ending in '.png') invokes it again: a recursive loop (Lambda stops it only after 16 invocations). Give the notification a prefix the function does not write under, or write to another bucket.`,
  },
  {
    name: 'two notifications invoke it, one with several event types and one without a prefix: no prefix is free',
    yaml: `
archflow: 1
name: t
producers:
  files:
    type: bucket
    notifications:
      - { on: [ObjectCreated:Put, ObjectCreated:Copy], prefix: in/, to: f }
      - { on: [ObjectCreated], suffix: .json, to: f }
consumers:
  f:
    emits: [files]
#           ^^^^^ warning: Function 'f' writes any key into bucket 'files', whose notification 1 (ObjectCreated:Put, ObjectCreated:Copy on keys under 'in/') and notification 2 (ObjectCreated on keys ending in '.json') invokes it again: a recursive loop (Lambda stops it only after 16 invocations). Give the notification a prefix the function does not write under, or write to another bucket.`,
  },
  {
    name: "the fix's prefix avoids only the function's own notifications that fire on writes, all of them",
    yaml: `
archflow: 1
name: t
producers:
  files:
    type: bucket
    notifications:
      - { on: [ObjectCreated], prefix: in/, to: f }
      - { on: [ObjectCreated], prefix: output/, to: g }
      - { on: [ObjectRemoved], prefix: processed/, to: f }
  docs:
    type: bucket
    notifications:
      - { on: [ObjectCreated], prefix: in/, suffix: .csv, to: h }
      - { on: [ObjectCreated], prefix: output/, suffix: .json, to: h }
consumers:
  f:
    emits: [{ to: files, prefix: in/sub/ }]
#                 ^^^^^ warning: Function 'f' writes keys under 'in/sub/' into bucket 'files', whose notification 1 (ObjectCreated on keys under 'in/') invokes it again: a recursive loop (Lambda stops it only after 16 invocations). Write under a prefix the notification does not cover, or to another bucket.
#   fix: Write under 'output/'
#   + emits: [{ to: files, prefix: output/ }]
  g: {}
  h:
    emits: [{ to: docs, prefix: in/ }]
#                 ^^^^ warning: Function 'h' writes keys under 'in/' into bucket 'docs', whose notification 1 (ObjectCreated on keys under 'in/' ending in '.csv') invokes it again: a recursive loop (Lambda stops it only after 16 invocations). Write under a prefix the notification does not cover, or to another bucket.
#   fix: Write under 'processed/'
#   + emits: [{ to: docs, prefix: processed/ }]`,
  },
]);
