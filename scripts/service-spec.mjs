// `@aws-cdk/cloudformation-diff` (deploy's preview) reads one thing from the CloudFormation resource
// specification database `@aws-cdk/aws-service-spec` (2.6 MB gzipped, loaded from a file beside the
// package): for each resource type, which properties replace the resource when they change and which
// are scrutinized for security. The bundles carry just that, computed at build time from the installed
// database (about 30 KB gzipped), behind the same `loadAwsServiceSpecSync().lookup(...)` the library
// calls. test/unit/deploy/service-spec.test.ts checks the answers against the full database.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** `{ [type]: { p: { [property]: { r?: 'yes' | 'maybe', s?: scrutiny } }, s?: scrutiny } }` from the full database. */
export function replacementTable() {
  const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');
  const db = loadAwsServiceSpecSync();
  const table = {};
  for (const r of db.all('resource')) {
    const props = {};
    for (const [name, p] of Object.entries(r.properties ?? {})) {
      const entry = {};
      if (p.causesReplacement === 'yes' || p.causesReplacement === 'maybe') entry.r = p.causesReplacement;
      if (p.scrutinizable) entry.s = p.scrutinizable;
      if (Object.keys(entry).length > 0) props[name] = entry;
    }
    if (Object.keys(props).length > 0 || r.scrutinizable) table[r.cloudFormationType] = { p: props, ...(r.scrutinizable ? { s: r.scrutinizable } : {}) };
  }
  return table;
}

/** The module that stands in for `@aws-cdk/aws-service-spec` in the bundles. */
export function serviceSpecModule(table = replacementTable()) {
  return `'use strict';
const TABLE = ${JSON.stringify(table)};
const cache = new Map();
function resource(type) {
  if (!cache.has(type)) {
    const t = TABLE[type];
    const properties = {};
    if (t) for (const [name, p] of Object.entries(t.p)) properties[name] = { ...(p.r ? { causesReplacement: p.r } : {}), ...(p.s ? { scrutinizable: p.s } : {}) };
    cache.set(type, t ? { cloudFormationType: type, properties, ...(t.s ? { scrutinizable: t.s } : {}) } : undefined);
  }
  return cache.get(type);
}
const db = {
  lookup(entity, key, op, value) {
    if (entity !== 'resource' || key !== 'cloudFormationType' || op !== 'equals') throw new Error('archflow: the bundled service specification answers resource lookups by type only');
    const r = resource(value);
    return r ? [r] : [];
  },
};
exports.loadAwsServiceSpecSync = () => db;
exports.loadAwsServiceSpec = async () => db;
`;
}

/** The esbuild plugin: `@aws-cdk/aws-service-spec` resolves to the module above. */
export const bundledServiceSpec = {
  name: 'bundled-service-spec',
  setup(build) {
    let contents;
    build.onResolve({ filter: /^@aws-cdk\/aws-service-spec$/ }, () => ({ path: 'aws-service-spec', namespace: 'archflow-service-spec' }));
    build.onLoad({ filter: /.*/, namespace: 'archflow-service-spec' }, () => ({ contents: (contents ??= serviceSpecModule()), loader: 'js' }));
  },
};
