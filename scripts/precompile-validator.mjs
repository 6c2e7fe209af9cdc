// Compiles schemas/archflow.schema.json with ajv at build time (standalone code) and serves it to
// esbuild in place of server/src/core/schema/precompiled.ts. Same options as the run-time compile in
// validate.ts (server/src/core/schema/ajv-options.json).
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let cached;

/** ESM source of the compiled validator, exporting it as `precompiled`. */
export function validatorModule() {
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(join(root, 'schemas/archflow.schema.json'), 'utf8'));
  const { options, vocabulary } = JSON.parse(readFileSync(join(root, 'server/src/core/schema/ajv-options.json'), 'utf8'));
  const ajv = new Ajv({ ...options, code: { source: true, esm: true } });
  ajv.addVocabulary(vocabulary);
  const validate = ajv.compile(schema);
  cached = `${standaloneCode.default(ajv, validate)}\nexport const precompiled = validate;\n`;
  return cached;
}

/** esbuild plugin: bundles the compiled validator instead of the empty `precompiled.ts`. */
export const precompiledValidator = {
  name: 'precompiled-validator',
  setup(build) {
    build.onLoad({ filter: /[\\/]core[\\/]schema[\\/]precompiled\.ts$/ }, (args) => ({
      contents: validatorModule(),
      loader: 'js',
      resolveDir: dirname(args.path),
      watchFiles: [join(root, 'schemas/archflow.schema.json'), join(root, 'server/src/core/schema/ajv-options.json')],
    }));
  },
};
