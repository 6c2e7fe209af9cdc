import { testRule } from '../../helpers/rule-cases';

testRule('lambda/image-package', [
  {
    name: 'an image function with its ECR image, and zip functions without one',
    yaml: `
archflow: 1
name: t
consumers:
  resize: { package: image, image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/resize:1.4, memory: 2048 }
  pinned: { package: image, image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/resize@sha256:${'a'.repeat(64)}" }
  zip: { runtime: python3.13, handler: app.handler, code: py }
  node: {}`,
  },
  {
    name: 'an image function without an image',
    yaml: `
archflow: 1
name: t
consumers:
  resize: { package: image }
#           ^^^^^^^ error: Function 'resize' is a container image (\`package: image\`) but names no \`image\`: Lambda needs the image's URI in Amazon ECR to create it.`,
  },
  {
    name: 'an image outside Amazon ECR',
    yaml: `
archflow: 1
name: t
consumers:
  resize: { package: image, image: docker.io/library/resize:latest }
#                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: The image of function 'resize' is not an Amazon ECR image URI (\`<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>\` or \`@sha256:<digest>\`): Lambda runs images from Amazon ECR only.`,
  },
  {
    name: 'settings an image does not use',
    yaml: `
archflow: 1
name: t
consumers:
  resize:
    package: image
    image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/resize:1
    runtime: python3.13
#   ^^^^^^^ warning: \`runtime\` does not apply to container-image function 'resize': the image carries its own runtime.
#   fix: Remove runtime
#   - runtime: python3.13
    build: make image
#   ^^^^^ warning: \`build\` does not apply to container-image function 'resize': deploy does not build images (that needs Docker): build and push the image yourself.
#   fix: Remove build
#   - build: make image`,
  },
  {
    name: 'an image on a zip function',
    yaml: `
archflow: 1
name: t
consumers:
  resize: { image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/resize:1 }
#           ^^^^^ warning: Function 'resize' names an image but is packaged as a .zip: add \`package: image\` to deploy the image, or remove \`image\`.`,
  },
]);
