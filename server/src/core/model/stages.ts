/**
 * Stages: one architecture file deployed as several stacks in one account (`archflow deploy
 * --stage prod`), each stack named `<name>-<stage>`, each with the settings its stage overrides
 * (`stages:` in the file). The overrides are applied to the document before the graph is built, so
 * the template, the retention policies and everything generated for a stage follow them.
 */
import { kindOf, SECTIONS, type NodeKind } from '../kinds/index';
import { isObj, type Obj } from '../util/value';

/** What a stage's name may be: it ends the stack name (`orders-prod`), so short, lower case, letters, digits and hyphens. */
export const STAGE_NAME = /^[a-z][a-z0-9-]{0,19}$/;

/**
 * The settings a stage may change, per kind: sizes, limits, retention and the retention policy of
 * what holds data — never what a node is connected to, so every stage has the same flows and the
 * same handlers.
 */
export const STAGE_SETTINGS: Readonly<Record<NodeKind, readonly string[]>> = {
  function: ['memory', 'timeout', 'tmp', 'reservedConcurrency', 'logRetention', 'environment'],
  queue: ['visibilityTimeout', 'retention', 'delay', 'receiveWait', 'retain'],
  table: ['retain'],
  bucket: ['versioned', 'retain'],
  stream: ['mode', 'shards', 'retention', 'retain'],
  topic: [],
  'event-bus': [],
  schedule: ['schedule', 'timezone', 'flexibleWindow'],
  'http-api': ['cors'],
  'websocket-api': [],
  firehose: [],
  'state-machine': ['logging', 'tracing'],
  pipe: [],
  external: [],
};

/** The keys of `defaults` a stage may change. */
export const STAGE_DEFAULTS: readonly string[] = ['memory', 'timeout', 'tmp', 'logRetention', 'environment'];

/** Settings whose maps a stage merges into the file's (its keys over the file's); other settings are replaced. */
const MERGED = new Set(['environment']);

/** The stages the file declares, in the order written. */
export function stageNames(root: unknown): string[] {
  return isObj(root) && isObj(root.stages) ? Object.keys(root.stages).filter((s) => STAGE_NAME.test(s)) : [];
}

/** The stack of a stage: `<name>-<stage>`, or `<name>` without one. */
export function stackNameOf(name: string, stage?: string): string {
  return stage ? `${name}-${stage}` : name;
}

/** A node's declaration as written, with its section and kind. */
export function declaredNode(root: unknown, name: string): { readonly section: (typeof SECTIONS)[number]; readonly kind: NodeKind | undefined; readonly config: Obj } | undefined {
  if (!isObj(root)) return undefined;
  for (const section of SECTIONS) {
    const nodes = root[section];
    if (!isObj(nodes) || !(name in nodes)) continue;
    const config = isObj(nodes[name]) ? nodes[name] : {};
    return { section, kind: kindOf(section, config.type), config };
  }
  return undefined;
}

const merge = (key: string, base: unknown, over: unknown): unknown => (MERGED.has(key) && isObj(base) && isObj(over) ? { ...base, ...over } : over);

/**
 * The document as stage `stage` deploys it: its `defaults` and node settings replaced by the
 * stage's (settings a stage may not change, and nodes the file does not declare, are left out: the
 * `stages/override` rule reports them), and its `name` the stage's stack name (`<name>-<stage>`), so
 * that every name generated from it differs between stages. A stage the file does not declare
 * changes nothing but the name.
 */
export function applyStage(root: unknown, stage: string): unknown {
  if (!isObj(root)) return root;
  // The stage's stack name is the document's name: names generated from it (a bucket's) never collide across stages.
  const out: Obj = { ...root, name: stackNameOf(typeof root.name === 'string' ? root.name : 'app', stage) };
  if (!isObj(root.stages) || !isObj(root.stages[stage])) return out;
  const s = root.stages[stage];
  if (isObj(s.defaults)) {
    const defaults: Obj = isObj(root.defaults) ? { ...root.defaults } : {};
    for (const [k, v] of Object.entries(s.defaults)) if (STAGE_DEFAULTS.includes(k)) defaults[k] = merge(k, defaults[k], v);
    out.defaults = defaults;
  }
  if (isObj(s.nodes)) {
    for (const [name, over] of Object.entries(s.nodes)) {
      const node = declaredNode(root, name);
      if (!node?.kind || !isObj(over)) continue;
      const allowed = STAGE_SETTINGS[node.kind];
      const config: Obj = { ...node.config };
      let changed = false;
      for (const [k, v] of Object.entries(over)) {
        if (!allowed.includes(k)) continue;
        config[k] = merge(k, config[k], v);
        changed = true;
      }
      if (!changed) continue;
      const section = out[node.section] === root[node.section] ? { ...(root[node.section] as Obj) } : (out[node.section] as Obj);
      section[name] = config;
      out[node.section] = section;
    }
  }
  return out;
}
