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
]);
