import { testRule } from '../../helpers/rule-cases';

testRule('s3/key-filter-wildcard', [
  {
    name: 'literal prefixes and suffixes are fine',
    yaml: `
archflow: 1
name: t
producers:
  uploads: { type: bucket, notifications: [{ on: [ObjectCreated], prefix: uploads/, suffix: .jpg, to: w }] }
consumers:
  w: {}`,
  },
  {
    name: 'a trailing and a leading star, and one in the middle',
    yaml: `
archflow: 1
name: t
producers:
  uploads:
    type: bucket
    notifications:
      - on: [ObjectCreated]
        prefix: uploads/*
#                       ^ warning: The prefix 'uploads/*' of a notification of bucket 'uploads' contains '*', but S3 key filters have no wildcards: it matches only keys starting with those exact characters. Write 'uploads/'.
#   fix: Change the prefix to 'uploads/'
#   + prefix: uploads/
        suffix: '*.jpg'
#                ^ warning: The suffix '*.jpg' of a notification of bucket 'uploads' contains '*', but S3 key filters have no wildcards: it matches only keys ending with those exact characters. Write '.jpg'.
#   fix: Change the suffix to '.jpg'
#   + suffix: '.jpg'
        to: w
      - { on: [ObjectCreated], prefix: 'logs/*/raw', to: w }
#                                            ^ warning: The prefix 'logs/*/raw' of a notification of bucket 'uploads' contains '*', but S3 key filters have no wildcards: it matches only keys starting with those exact characters.
#   fix: none
consumers:
  w: {}`,
  },
  {
    name: 'several trailing or leading stars go; a star left inside (or a suffix star not at the start) has no fix',
    yaml: `
archflow: 1
name: t
producers:
  uploads:
    type: bucket
    notifications:
      - { on: [ObjectCreated], prefix: uploads/**, suffix: '**.jpg', to: w }
#                                              ^ warning: The prefix 'uploads/**' of a notification of bucket 'uploads' contains '*', but S3 key filters have no wildcards: it matches only keys starting with those exact characters. Write 'uploads/'.
#   fix: Change the prefix to 'uploads/'
#   + - { on: [ObjectCreated], prefix: uploads/, suffix: '**.jpg', to: w }
#                                                           ^ warning: The suffix '**.jpg' of a notification of bucket 'uploads' contains '*', but S3 key filters have no wildcards: it matches only keys ending with those exact characters. Write '.jpg'.
#   fix: Change the suffix to '.jpg'
#   + - { on: [ObjectCreated], prefix: uploads/**, suffix: '.jpg', to: w }
      - { on: [ObjectCreated], prefix: 'a*b*', suffix: '.j*pg', to: w }
#                                        ^ warning: The prefix 'a*b*' of a notification of bucket 'uploads' contains '*', but S3 key filters have no wildcards: it matches only keys starting with those exact characters.
#   fix: none
#                                                         ^ warning: The suffix '.j*pg' of a notification of bucket 'uploads' contains '*', but S3 key filters have no wildcards: it matches only keys ending with those exact characters.
#   fix: none
consumers:
  w: {}`,
  },
]);
