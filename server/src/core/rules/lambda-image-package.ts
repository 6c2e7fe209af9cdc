// Rule: lambda/image-package
// A container-image function (`package: image`) names its image in Amazon ECR, and says nothing an
// image does not use (runtime, handler, layers, code, build); an `image` without `package: image` is
// not deployed.
import { isObj } from '../util/value';
import type { Rule } from './rule';

/** `<account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>` with a `:tag` or an `@sha256:` digest. */
const ECR_IMAGE = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9][a-z0-9._/-]*(:[\w.-]{1,128}|@sha256:[0-9a-f]{64})$/;

const NOT_FOR_IMAGES: readonly (readonly [string, string])[] = [
  ['runtime', 'the image carries its own runtime'],
  ['handler', 'the image sets its command (CMD) itself'],
  ['layers', 'Lambda adds no layers to a container image: put them in the image'],
  ['code', 'the code is in the image'],
  ['build', 'deploy does not build images (that needs Docker): build and push the image yourself'],
];

export const lambdaImagePackage: Rule = {
  code: 'lambda/image-package',
  severity: 'error',
  description: 'A container-image function (`package: image`) names its Amazon ECR image, and no setting an image does not use.',
  why: 'Lambda creates an image function from an image URI in Amazon ECR (`Code.ImageUri`) and takes no runtime, handler or layers for it: the image carries them. Without `image` the function cannot be created; with `image` but without `package: image` Archflow deploys a .zip package and the image is never used.',
  source: { title: 'Create a Lambda function using a container image', url: 'https://docs.aws.amazon.com/lambda/latest/dg/images-create.html' },
  check({ graph }, report) {
    for (const node of graph.nodes.values()) {
      if (node.kind !== 'function') continue;
      const s = node.settings;
      const c = isObj(node.config) ? node.config : {};
      if (s.package !== 'image') {
        if (s.image !== undefined) {
          report({ at: node.pointer.concat('image'), target: 'key', severity: 'warning', nodes: [node.id], message: `Function '${node.id}' names an image but is packaged as a .zip: add \`package: image\` to deploy the image, or remove \`image\`.` });
        }
        continue;
      }
      if (s.image === undefined) {
        report({ at: node.pointer.concat('package'), target: 'key', nodes: [node.id], message: `Function '${node.id}' is a container image (\`package: image\`) but names no \`image\`: Lambda needs the image's URI in Amazon ECR to create it.` });
      } else if (!ECR_IMAGE.test(s.image)) {
        report({ at: node.pointer.concat('image'), nodes: [node.id], message: `The image of function '${node.id}' is not an Amazon ECR image URI (\`<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>\` or \`@sha256:<digest>\`): Lambda runs images from Amazon ECR only.` });
      }
      for (const [key, reason] of NOT_FOR_IMAGES) {
        if (c[key] === undefined) continue;
        report({ at: node.pointer.concat(key), target: 'key', severity: 'warning', nodes: [node.id], message: `\`${key}\` does not apply to container-image function '${node.id}': ${reason}.`, fix: { kind: 'remove-property', title: `Remove ${key}`, at: node.pointer.concat(key) } });
      }
    }
  },
};
