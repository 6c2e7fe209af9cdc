import { testRule } from '../../helpers/rule-cases';

testRule('lambda/layer-count', [
  {
    name: 'five layers are fine',
    yaml: `
archflow: 1
name: t
consumers:
  worker:
    layers: [l1, l2, l3, l4, l5]`,
  },
  {
    name: 'six layers',
    yaml: `
archflow: 1
name: t
consumers:
  worker:
    layers: [l1, l2, l3, l4, l5, l6]
#           ^^^^^^^^^^^^^^^^^^^^^^^^ error: The layer list of function 'worker' has 6 layers; Lambda allows at most 5.`,
  },
  {
    name: 'six layers in defaults',
    yaml: `
archflow: 1
name: t
defaults:
  layers:
# ^^^^^^ error: The layer list in defaults (used by 'worker') has 6 layers; Lambda allows at most 5.
    - arn:aws:lambda:eu-west-1:123456789012:layer:a:1
    - arn:aws:lambda:eu-west-1:123456789012:layer:b:1
    - arn:aws:lambda:eu-west-1:123456789012:layer:c:1
    - arn:aws:lambda:eu-west-1:123456789012:layer:d:1
    - arn:aws:lambda:eu-west-1:123456789012:layer:e:1
    - arn:aws:lambda:eu-west-1:123456789012:layer:f:1
consumers:
  worker: {}`,
  },
]);
