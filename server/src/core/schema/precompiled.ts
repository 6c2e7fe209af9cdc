import type { ValidateFunction } from 'ajv';

/**
 * The format's validator compiled ahead of time. `scripts/build.mjs` replaces this module in the
 * bundles with ajv's standalone code for schemas/archflow.schema.json (see
 * scripts/precompile-validator.mjs), so the server and the CLI never compile the schema at run time
 * (about a second and 20 MB on the first analysis). Unbundled (unit tests, tsx) it is undefined and
 * `validate.ts` compiles the schema with the same options (`ajv-options.json`).
 */
export const precompiled: ValidateFunction | undefined = undefined;
