/**
 * Templates that always fit: the generated template, split into nested stacks
 * (`AWS::CloudFormation::Stack`) when it exceeds a quota of one template (resources, parameters,
 * outputs, body size: facts/cloudformation.ts). Pure and deterministic. The rule (docs/deploy.md,
 * "Templates that always fit"):
 *
 * - A node's own resources stay together (a function with its role, a queue with its
 *   dead-letter queue); each resource that connects nodes (a mapping, a subscription, a permission, a
 *   rule) is placed on its own, next to what it references. Resources that reference each other in
 *   a circle stay together too, so no two stacks ever need each other.
 * - A flow (nodes connected by references) stays in one stack when it fits; a flow too big for one
 *   is cut along the order events reach its nodes, so each part references the parts before it.
 * - The previous split (of the deployed stack, or of the last generation) is kept: a resource
 *   moves only when its stack has no room left or keeping it would make two stacks need each other,
 *   because moving a resource between stacks deletes and re-creates it. New stacks are filled to
 *   `SPLIT_FILL` of each quota, leaving room to grow.
 * - A reference across stacks becomes an output of the stack holding the resource and a parameter
 *   of the stack using it, passed by the parent (`Fn::GetAtt <Child>.Outputs.<Name>`).
 */
import { SPLIT_FILL, TEMPLATE_QUOTAS } from '../facts/cloudformation';
import { isObj, type Obj } from '../util/value';
import { STACK_KEY } from './cfn';
import type { Resource, Template } from './cloudformation';
import type { FunctionDeployment } from './template-kit';

/** The parameter a nested stack receives the parent's stack key in (see `STACK_KEY` in cfn.ts). */
export const STACK_KEY_PARAMETER = 'ArchflowStackKey';

/** The parent stack in a layout. */
export const ROOT_STACK = '';

/** Where each resource is: logical ID → `ROOT_STACK` or the logical ID of the nested stack holding it. */
export type StackLayout = ReadonlyMap<string, string>;

/** One template of a split, as `archflow generate` reports it. */
export interface StackReport {
  /** `ROOT_STACK` for the parent, else the nested stack's logical ID. */
  readonly name: string;
  /** Where its template is written in the project (`template.json`, `stacks/<name>.json`). */
  readonly path: string;
  readonly resources: number;
  readonly parameters: number;
  readonly outputs: number;
  /** Of the template as written (two-space JSON). */
  readonly bytes: number;
  /** The architecture nodes whose own resources it holds, sorted. */
  readonly nodes: readonly string[];
}

/** A node (or resources of no node) that no split can fit in one template. */
export interface SplitProblem {
  readonly nodes: readonly string[];
  readonly message: string;
}

/** The templates of an architecture: the parent and its nested stacks. */
export interface SplitTemplates {
  readonly root: Template;
  /** Nested stack logical ID → its template, in order. */
  readonly children: ReadonlyMap<string, Template>;
  /** Where each resource of the unsplit template went. */
  readonly layout: StackLayout;
  readonly report: readonly StackReport[];
  /** Resources that left the stack the previous layout had them in (each is deleted and re-created). */
  readonly moved: readonly string[];
  readonly problems: readonly SplitProblem[];
}

export interface SplitInput {
  readonly template: Template;
  /** Logical ID → the node whose own resources it is (`buildTemplate`'s `owners`). */
  readonly owners: ReadonlyMap<string, string>;
  /** Node → its place in the order events reach nodes (layout/model.ts `flowOrder`). */
  readonly rank: ReadonlyMap<string, number>;
  /** The previous layout to keep (the deployed stack's, else the last generation's). */
  readonly previous?: StackLayout;
}

/** Where nested templates are written in the project. */
export const stackPath = (name: string): string => (name === ROOT_STACK ? 'template.json' : `stacks/${name}.json`);

/** The text of a template as written in the project (and uploaded by deploy). */
export const templateText = (t: Template): string => JSON.stringify(t, null, 2) + '\n';

/** The UTF-8 length of a text. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// ---- References ------------------------------------------------------------------------------------

/** A value one resource takes from another: `Ref` (no `attr`) or `Fn::GetAtt` of `attr`. */
interface Reference {
  readonly target: string;
  readonly attr?: string;
}

const refKey = (r: Reference): string => (r.attr === undefined ? r.target : `${r.target}.${r.attr}`);

const SUB_TOKEN = /\$\{([^!}][^}]*)\}/g;

/** The references a value makes to the names in `names` (resources), by `Ref`, `Fn::GetAtt` and `Fn::Sub`. */
function collectRefs(value: unknown, names: ReadonlySet<string>, out: Map<string, Reference>, params?: Set<string>, paramNames?: ReadonlySet<string>): void {
  const note = (name: string, attr?: string): void => {
    if (names.has(name)) {
      const r: Reference = attr === undefined ? { target: name } : { target: name, attr };
      out.set(refKey(r), r);
    } else if (params && paramNames?.has(name)) params.add(name);
  };
  const subTokens = (text: string, shadow: ReadonlySet<string>): void => {
    for (const m of text.matchAll(SUB_TOKEN)) {
      const token = m[1]!.trim();
      const dot = token.indexOf('.');
      const name = dot < 0 ? token : token.slice(0, dot);
      if (shadow.has(name)) continue;
      note(name, dot < 0 ? undefined : token.slice(dot + 1));
    }
  };
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (!isObj(v)) return;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const k = keys[0]!;
      const arg = v[k];
      if (k === 'Ref' && typeof arg === 'string') return note(arg);
      if (k === 'Fn::GetAtt') {
        if (Array.isArray(arg) && typeof arg[0] === 'string') {
          if (typeof arg[1] === 'string') note(arg[0], arg[1]);
          else {
            note(arg[0], '');
            walk(arg[1]);
          }
          return;
        }
        if (typeof arg === 'string' && arg.includes('.')) return note(arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1));
      }
      if (k === 'Fn::Sub') {
        if (typeof arg === 'string') return subTokens(arg, new Set());
        if (Array.isArray(arg) && typeof arg[0] === 'string') {
          const vars = isObj(arg[1]) ? arg[1] : {};
          subTokens(arg[0], new Set(Object.keys(vars)));
          walk(vars);
          return;
        }
      }
    }
    for (const x of Object.values(v)) walk(x);
  };
  walk(value);
}

const dependsOnOf = (r: Resource): string[] => (Array.isArray(r.DependsOn) ? r.DependsOn.filter((d): d is string => typeof d === 'string') : typeof r.DependsOn === 'string' ? [r.DependsOn] : []);

/** Rewrites the references of a value: `replace` gives the new value of a reference, or undefined to keep it. */
function rewriteRefs(value: unknown, replace: (r: Reference) => unknown): unknown {
  const sub = (text: string, vars: Obj, shadow: ReadonlySet<string>): { text: string; vars: Obj } => {
    const extra: Obj = { ...vars };
    let n = 0;
    const out = text.replace(SUB_TOKEN, (whole, inner: string) => {
      const token = inner.trim();
      const dot = token.indexOf('.');
      const name = dot < 0 ? token : token.slice(0, dot);
      if (shadow.has(name)) return whole;
      const r: Reference = dot < 0 ? { target: name } : { target: name, attr: token.slice(dot + 1) };
      const to = replace(r);
      if (to === undefined) return whole;
      // A parameter of the nested stack: `${Name}`; anything else goes through the variable map.
      if (isObj(to) && Object.keys(to).length === 1 && typeof to.Ref === 'string') return `\${${to.Ref}}`;
      let v: string;
      do v = `Ref${++n}`; while (v in extra || shadow.has(v));
      extra[v] = to;
      return `\${${v}}`;
    });
    return { text: out, vars: extra };
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isObj(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const k = keys[0]!;
      const arg = v[k];
      if (k === 'Ref' && typeof arg === 'string') return replace({ target: arg }) ?? v;
      if (k === 'Fn::GetAtt') {
        if (Array.isArray(arg) && typeof arg[0] === 'string' && typeof arg[1] === 'string') return replace({ target: arg[0], attr: arg[1] }) ?? v;
        if (typeof arg === 'string' && arg.includes('.')) return replace({ target: arg.slice(0, arg.indexOf('.')), attr: arg.slice(arg.indexOf('.') + 1) }) ?? v;
      }
      if (k === 'Fn::Sub') {
        if (typeof arg === 'string') {
          const r = sub(arg, {}, new Set());
          return { 'Fn::Sub': Object.keys(r.vars).length > 0 ? [r.text, r.vars] : r.text };
        }
        if (Array.isArray(arg) && typeof arg[0] === 'string') {
          const given = isObj(arg[1]) ? (walk(arg[1]) as Obj) : {};
          const r = sub(arg[0], given, new Set(Object.keys(given)));
          return { 'Fn::Sub': Object.keys(r.vars).length > 0 ? [r.text, r.vars] : r.text };
        }
      }
    }
    return Object.fromEntries(Object.entries(v).map(([key, x]) => [key, walk(x)]));
  };
  return walk(value);
}

// ---- Code locations ---------------------------------------------------------------------------------

/**
 * Code locations cost no parameter: each function's `S3Key` is written as a key in the artifact
 * bucket (`functions/<name>.zip`), which deploy replaces with the content-hashed key of the package
 * it uploaded. Only `ArtifactBucket` stays a parameter.
 */
export function inlineCodeKeys(template: Template, functions: readonly FunctionDeployment[]): Template {
  const keys = new Map<string, unknown>();
  const parameters = { ...template.Parameters };
  for (const f of functions) {
    const p = parameters[f.codeParameter];
    if (!p) continue;
    keys.set(f.codeParameter, p.Default ?? `functions/${f.name}.zip`);
    delete parameters[f.codeParameter];
  }
  if (keys.size === 0) return template;
  const resources = rewriteRefs(template.Resources, (r) => (r.attr === undefined ? keys.get(r.target) : undefined)) as Record<string, Resource>;
  return { ...template, Parameters: parameters, Resources: resources };
}

// ---- Units, blocks and flows --------------------------------------------------------------------------

/** A set of resources that always share a stack, with what it needs from elsewhere. */
interface Block {
  readonly id: number;
  /** A stable name: its first node, else its first resource. */
  readonly key: string;
  readonly resources: string[];
  readonly nodes: string[];
  /** Outputs of the template that belong with it. */
  readonly outputs: string[];
  readonly refs: Map<string, Reference>;
  /** `DependsOn` targets outside the block. */
  readonly dependsOn: Set<string>;
  /** Template parameters its resources use. */
  readonly params: Set<string>;
  /** Values of its resources another stack may take at no cost: one of its outputs already gives them. */
  readonly given: Set<string>;
  /** Values of its resources other blocks take (but for `given`): the outputs its stack keeps for them. */
  exportable: number;
  readonly deps: Set<number>;
  readonly dependents: Set<number>;
  bytes: number;
  rank: number;
  flow: number;
}

/** Bytes a resource adds to a two-space template: its text at depth two, its key and separator. */
function resourceBytes(id: string, r: unknown): number {
  const text = JSON.stringify(r, null, 2);
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return text.length + 4 * lines + id.length + 8;
}

/** Bytes of one cross-stack parameter or output (its declaration and the parent's wiring), a generous estimate. */
const CROSS_BYTES = 360;

interface StackState {
  readonly name: string;
  resources: number;
  bytes: number;
  /** Outputs of the template (of its blocks). */
  outputs: number;
  /** Cross-stack values it takes (reference keys) and the template parameters it uses. */
  readonly params: Set<string>;
  /** Cross-stack values it gives (reference keys). */
  readonly exported: Set<string>;
  /** Its vertex in the dependency graph of stacks (the parent's blocks are vertices of their own). */
  readonly vertex: string;
  readonly nodes: Set<string>;
}

/** The quotas of one stack, at the fill of new stacks or at the quotas themselves. */
const quota = (share: number): { resources: number; parameters: number; outputs: number; bytes: number } => ({
  resources: Math.floor(TEMPLATE_QUOTAS.resources * share),
  parameters: Math.floor(TEMPLATE_QUOTAS.parameters * share),
  outputs: Math.floor(TEMPLATE_QUOTAS.outputs * share),
  bytes: Math.floor(TEMPLATE_QUOTAS.bytes * share),
});
const HARD = quota(1);
const FILL = quota(SPLIT_FILL);

/** True when the template fits every quota of one template as it is. */
export function fitsOneTemplate(t: Template): boolean {
  return Object.keys(t.Resources).length <= HARD.resources
    && Object.keys(t.Parameters).length <= HARD.parameters
    && Object.keys(t.Outputs).length <= HARD.outputs
    && utf8Bytes(templateText(t)) <= HARD.bytes;
}

/** A binary heap of block ids ordered by `less`. */
class Heap {
  private readonly items: number[] = [];
  constructor(private readonly less: (a: number, b: number) => boolean) {}
  get size(): number {
    return this.items.length;
  }
  push(x: number): void {
    const a = this.items;
    a.push(x);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Splits a template into a parent and nested stacks when it does not fit one template (or when the
 * previous layout already had nested stacks); see the module comment for the rule.
 */
export function splitTemplate(input: SplitInput): SplitTemplates {
  const { template, owners, rank } = input;
  const previous = input.previous ?? new Map<string, string>();
  const previousChildren = new Set([...previous.values()].filter((s) => s !== ROOT_STACK));
  const ids = Object.keys(template.Resources);
  if (previousChildren.size === 0 && fitsOneTemplate(template)) {
    const layout = new Map(ids.map((id) => [id, ROOT_STACK]));
    const text = templateText(template);
    return {
      root: template, children: new Map(), layout, moved: [], problems: [],
      report: [{ name: ROOT_STACK, path: stackPath(ROOT_STACK), resources: ids.length, parameters: Object.keys(template.Parameters).length, outputs: Object.keys(template.Outputs).length, bytes: utf8Bytes(text), nodes: [...new Set(owners.values())].sort() }],
    };
  }

  const names = new Set(ids);
  const paramNames = new Set(Object.keys(template.Parameters));

  // Units: a node's own resources, or one connecting resource.
  const unitOf = (id: string): string => {
    const owner = owners.get(id);
    return owner === undefined ? `resource:${id}` : `node:${owner}`;
  };
  const unitResources = new Map<string, string[]>();
  for (const id of ids) {
    const u = unitOf(id);
    (unitResources.get(u) ?? unitResources.set(u, []).get(u)!).push(id);
  }
  const refsOfResource = new Map<string, Map<string, Reference>>();
  const paramsOfResource = new Map<string, Set<string>>();
  for (const id of ids) {
    const r = template.Resources[id]!;
    const refs = new Map<string, Reference>();
    const params = new Set<string>();
    collectRefs({ Properties: r.Properties, Metadata: r.Metadata }, names, refs, params, paramNames);
    refsOfResource.set(id, refs);
    paramsOfResource.set(id, params);
  }
  const unitDeps = new Map<string, Set<string>>();
  for (const [u, rs] of unitResources) {
    const deps = new Set<string>();
    for (const id of rs) {
      for (const ref of refsOfResource.get(id)!.values()) deps.add(unitOf(ref.target));
      for (const d of dependsOnOf(template.Resources[id]!)) if (names.has(d)) deps.add(unitOf(d));
    }
    deps.delete(u);
    unitDeps.set(u, deps);
  }

  // Blocks: units that reference each other in a circle share a stack (Tarjan's strongly connected components).
  const units = [...unitResources.keys()].sort();
  const component = new Map<string, number>();
  {
    let index = 0;
    const indexOf = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    let next = 0;
    for (const start of units) {
      if (indexOf.has(start)) continue;
      // Iterative Tarjan: frames of (unit, its dependencies, position).
      const frames: { u: string; deps: string[]; i: number }[] = [];
      const open = (u: string): void => {
        indexOf.set(u, index);
        low.set(u, index);
        index++;
        stack.push(u);
        onStack.add(u);
        frames.push({ u, deps: [...unitDeps.get(u)!].sort(), i: 0 });
      };
      open(start);
      while (frames.length > 0) {
        const f = frames[frames.length - 1]!;
        if (f.i < f.deps.length) {
          const w = f.deps[f.i++]!;
          if (!indexOf.has(w)) open(w);
          else if (onStack.has(w)) low.set(f.u, Math.min(low.get(f.u)!, indexOf.get(w)!));
          continue;
        }
        frames.pop();
        if (frames.length > 0) {
          const parent = frames[frames.length - 1]!.u;
          low.set(parent, Math.min(low.get(parent)!, low.get(f.u)!));
        }
        if (low.get(f.u) === indexOf.get(f.u)) {
          for (;;) {
            const w = stack.pop()!;
            onStack.delete(w);
            component.set(w, next);
            if (w === f.u) break;
          }
          next++;
        }
      }
    }
  }
  const blockUnits = new Map<number, string[]>();
  for (const u of units) {
    const c = component.get(u)!;
    (blockUnits.get(c) ?? blockUnits.set(c, []).get(c)!).push(u);
  }
  const outputOwner = new Map<string, string>();
  for (const [name, o] of Object.entries(template.Outputs)) {
    const refs = new Map<string, Reference>();
    collectRefs(o.Value, names, refs);
    const first = [...refs.values()][0];
    if (first) outputOwner.set(name, first.target);
  }
  const blocks: Block[] = [];
  const blockOfResource = new Map<string, number>();
  for (const [, us] of [...blockUnits].sort((a, b) => a[0] - b[0])) {
    const resources = us.flatMap((u) => unitResources.get(u)!).sort();
    const nodes = us.filter((u) => u.startsWith('node:')).map((u) => u.slice(5)).sort();
    const id = blocks.length;
    for (const r of resources) blockOfResource.set(r, id);
    blocks.push({
      id, key: nodes[0] ?? resources[0]!, resources, nodes, outputs: [], refs: new Map(), dependsOn: new Set(), params: new Set(), given: new Set(), exportable: 0,
      deps: new Set(), dependents: new Set(), bytes: 0, rank: Infinity, flow: -1,
    });
  }
  for (const [name, target] of outputOwner) blocks[blockOfResource.get(target)!]!.outputs.push(name);
  for (const b of blocks) {
    const inside = new Set(b.resources);
    for (const id of b.resources) {
      const r = template.Resources[id]!;
      b.bytes += resourceBytes(id, r);
      for (const ref of refsOfResource.get(id)!.values()) if (!inside.has(ref.target)) b.refs.set(refKey(ref), ref);
      for (const d of dependsOnOf(r)) if (names.has(d) && !inside.has(d)) b.dependsOn.add(d);
      for (const p of paramsOfResource.get(id)!) b.params.add(p);
    }
    for (const o of b.outputs) {
      b.bytes += resourceBytes(o, template.Outputs[o]);
      const given = new Map<string, Reference>();
      const value = template.Outputs[o]!.Value;
      collectRefs(value, names, given);
      const only = [...given.values()][0];
      if (only && given.size === 1 && JSON.stringify(value) === JSON.stringify(only.attr === undefined ? { Ref: only.target } : { 'Fn::GetAtt': [only.target, only.attr] })) b.given.add(refKey(only));
    }
    for (const ref of b.refs.values()) b.deps.add(blockOfResource.get(ref.target)!);
    for (const d of b.dependsOn) b.deps.add(blockOfResource.get(d)!);
    b.deps.delete(b.id);
    for (const d of b.deps) blocks[d]!.dependents.add(b.id);
  }
  /**
   * The values blocks take from other blocks, each with the number of blocks taking it not yet placed
   * and whether one of them is in another stack: its stack keeps an output for it while either holds.
   */
  const values = new Map<string, { readonly block: number; pending: number; exported: boolean }>();
  for (const b of blocks) {
    for (const [key, ref] of b.refs) {
      const owner = blockOfResource.get(ref.target)!;
      if (blocks[owner]!.given.has(key)) continue;
      const v = values.get(key) ?? values.set(key, { block: owner, pending: 0, exported: false }).get(key)!;
      if (v.pending++ === 0) blocks[owner]!.exportable++;
    }
  }

  // Ranks (a node's place in the flow order; a connecting resource right after what it references) and flows.
  const topo: number[] = [];
  {
    const waiting = blocks.map((b) => b.deps.size);
    const ready = blocks.filter((b) => b.deps.size === 0).map((b) => b.id);
    while (ready.length > 0) {
      const b = blocks[ready.pop()!]!;
      topo.push(b.id);
      for (const d of b.dependents) if (--waiting[d]! === 0) ready.push(d);
    }
  }
  for (const id of topo) {
    const b = blocks[id]!;
    const own = b.nodes.map((n) => rank.get(n) ?? Infinity);
    let r = Infinity;
    if (own.length > 0) for (const x of own) r = Math.min(r, x);
    else {
      r = -Infinity;
      for (const d of b.deps) r = Math.max(r, blocks[d]!.rank + 0.5);
    }
    b.rank = Number.isFinite(r) ? r : Number.MAX_SAFE_INTEGER;
  }
  const parent = blocks.map((b) => b.id);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const b of blocks) for (const d of b.deps) parent[find(d)] = find(b.id);
  const flowRank = new Map<number, number>();
  const flowSize = new Map<number, { resources: number; bytes: number; outputs: number }>();
  for (const b of blocks) {
    const f = find(b.id);
    b.flow = f;
    flowRank.set(f, Math.min(flowRank.get(f) ?? Infinity, b.rank));
    const s = flowSize.get(f) ?? flowSize.set(f, { resources: 0, bytes: 0, outputs: 0 }).get(f)!;
    s.resources += b.resources.length;
    s.bytes += b.bytes;
    s.outputs += b.outputs.length;
  }

  // ---- Placement, in dependency order: what a block references is placed before it -------------------
  const stacks = new Map<string, StackState>();
  const order: string[] = [];
  const edges = new Map<string, Set<string>>();
  const stackOfBlock = new Map<number, string>();
  const problems: SplitProblem[] = [];
  const openStack = (name: string): StackState => {
    const s: StackState = { name, resources: 0, bytes: 0, outputs: 0, params: new Set(), exported: new Set(), vertex: `stack:${name}`, nodes: new Set() };
    stacks.set(name, s);
    order.push(name);
    return s;
  };
  openStack(ROOT_STACK);
  let counter = 0;
  for (const s of previousChildren) {
    const m = /^Part(\d+)$/.exec(s);
    if (m) counter = Math.max(counter, Number(m[1]));
  }
  const newChild = (): StackState => {
    let name: string;
    do name = `Part${++counter}`; while (stacks.has(name) || names.has(name) || paramNames.has(name));
    return openStack(name);
  };
  const totalResources = ids.length;
  let placedResources = 0;
  /** The parent's room for resources of its own: its nested stacks are resources of it too, those open and those still to come. */
  const rootRoom = (limit: typeof HARD): number =>
    Math.min(limit.resources, HARD.resources - (order.length - 1) - Math.ceil((totalResources - placedResources) / FILL.resources) - 1);
  const vertexOf = (block: number): string => {
    const s = stackOfBlock.get(block)!;
    return s === ROOT_STACK ? `block:${block}` : stacks.get(s)!.vertex;
  };
  const reaches = (from: string, to: string): boolean => {
    if (from === to) return true;
    const seen = new Set([from]);
    const todo = [from];
    while (todo.length > 0) {
      for (const w of edges.get(todo.pop()!) ?? []) {
        if (w === to) return true;
        if (!seen.has(w)) {
          seen.add(w);
          todo.push(w);
        }
      }
    }
    return false;
  };

  /** What placing block `b` in stack `s` costs, or undefined when it would break a quota or make two stacks need each other. */
  const tryPlace = (b: Block, s: StackState, limit: typeof HARD): { params: string[]; exports: [StackState, string][]; edges: string[] } | undefined => {
    if (s.resources + b.resources.length > (s.name === ROOT_STACK ? rootRoom(limit) : limit.resources)) return undefined;
    const params: string[] = [];
    const exports: [StackState, string][] = [];
    const newEdges = new Set<string>();
    const own = s.name === ROOT_STACK ? `block:${b.id}` : s.vertex;
    for (const ref of b.refs.values()) {
      const t = stackOfBlock.get(blockOfResource.get(ref.target)!)!;
      if (t === s.name) continue;
      const key = refKey(ref);
      if (s.name !== ROOT_STACK && !s.params.has(key) && !params.includes(key)) params.push(key);
      const ts = stacks.get(t)!;
      const free = blocks[blockOfResource.get(ref.target)!]!.given.has(key);
      if (t !== ROOT_STACK && !free && !ts.exported.has(key) && !exports.some(([x, k]) => x === ts && k === key)) exports.push([ts, key]);
      newEdges.add(vertexOf(blockOfResource.get(ref.target)!));
    }
    for (const d of b.dependsOn) {
      if (stackOfBlock.get(blockOfResource.get(d)!) !== s.name) newEdges.add(vertexOf(blockOfResource.get(d)!));
    }
    if (s.name !== ROOT_STACK) for (const p of b.params) if (!s.params.has(`param:${p}`)) params.push(`param:${p}`);
    if (s.params.size + params.length > limit.parameters) return undefined;
    // Outputs: its own, and room for every value other stacks may take from it (kept when it is placed).
    if (s.outputs + b.outputs.length + b.exportable > limit.outputs) return undefined;
    if (s.bytes + b.bytes + CROSS_BYTES * (params.length + b.exportable) > limit.bytes) return undefined;
    // A nested stack must not need, through others, what needs it (the parent's blocks are vertices of their own).
    if (s.name !== ROOT_STACK) for (const w of newEdges) if (w !== own && !edges.get(own)?.has(w) && reaches(w, own)) return undefined;
    return { params, exports, edges: [...newEdges].filter((w) => w !== own) };
  };
  const commit = (b: Block, s: StackState, cost: NonNullable<ReturnType<typeof tryPlace>>): void => {
    stackOfBlock.set(b.id, s.name);
    s.resources += b.resources.length;
    placedResources += b.resources.length;
    s.bytes += b.bytes + CROSS_BYTES * (cost.params.length + b.exportable);
    s.outputs += b.outputs.length + b.exportable;
    for (const p of cost.params) s.params.add(p);
    for (const [ts, key] of cost.exports) ts.exported.add(key);
    // The values it takes: an output stays kept while a block taking it is unplaced or elsewhere.
    for (const key of b.refs.keys()) {
      const v = values.get(key);
      if (!v) continue;
      const there = stacks.get(stackOfBlock.get(v.block)!)!;
      if (there !== s) v.exported = true;
      if (--v.pending === 0 && !v.exported) {
        there.outputs--;
        there.bytes -= CROSS_BYTES;
      }
    }
    for (const n of b.nodes) s.nodes.add(n);
    const own = vertexOf(b.id);
    const out = edges.get(own) ?? edges.set(own, new Set()).get(own)!;
    for (const w of cost.edges) out.add(w);
  };

  /** The stack the previous layout had a block in (its resources' majority). */
  const previousOf = (b: Block): string | undefined => {
    const votes = new Map<string, number>();
    for (const r of b.resources) {
      const s = previous.get(r);
      if (s !== undefined) votes.set(s, (votes.get(s) ?? 0) + 1);
    }
    return [...votes].sort((a, c) => c[1] - a[1] || (a[0] < c[0] ? -1 : 1))[0]?.[0];
  };

  /** Where each flow's new blocks go: the stack chosen when its first block was placed. */
  const flowHome = new Map<number, string>();
  const heap = new Heap((a, c) => {
    const x = blocks[a]!;
    const y = blocks[c]!;
    return (flowRank.get(x.flow)! - flowRank.get(y.flow)! || x.flow - y.flow || x.rank - y.rank || (x.key < y.key ? -1 : x.key > y.key ? 1 : x.id - y.id)) < 0;
  });
  const waiting = blocks.map((b) => b.deps.size);
  for (const b of blocks) if (b.deps.size === 0) heap.push(b.id);
  let placed = 0;
  while (heap.size > 0) {
    const b = blocks[heap.pop()!]!;
    placed++;
    const candidates: [StackState, typeof HARD][] = [];
    const add = (name: string | undefined, limit: typeof HARD): void => {
      if (name === undefined) return;
      const s = stacks.get(name) ?? (name !== ROOT_STACK && previousChildren.has(name) ? openStack(name) : undefined);
      if (s && !candidates.some(([x]) => x === s)) candidates.push([s, limit]);
    };
    // 1. Where it was: kept up to the quotas themselves.
    add(previousOf(b), HARD);
    // 2. A node: its flow's stack, when the flow already has one. A connecting resource: next to what it
    //    references, the most referenced first, then the latest stack, so that what many share (a bus, a
    //    topic) is given once to each stack that needs it; 3. the other of the two.
    const near = new Map<string, number>();
    for (const d of b.deps) near.set(stackOfBlock.get(d)!, (near.get(stackOfBlock.get(d)!) ?? 0) + 1);
    const nearest = [...near].sort((x, y) => y[1] - x[1] || order.indexOf(y[0]) - order.indexOf(x[0])).map(([name]) => name);
    if (b.nodes.length > 0) add(flowHome.get(b.flow), FILL);
    for (const name of nearest) add(name, FILL);
    add(flowHome.get(b.flow), FILL);
    // 4. A new flow goes whole to the first stack with room for all of it.
    if (!flowHome.has(b.flow)) {
      const size = flowSize.get(b.flow)!;
      for (const name of order) {
        const s = stacks.get(name)!;
        const room = name === ROOT_STACK ? rootRoom(FILL) : FILL.resources;
        if (s.resources + size.resources <= room && s.bytes + size.bytes <= FILL.bytes && s.outputs + size.outputs <= FILL.outputs) add(name, FILL);
      }
    }
    // 5. The last stack opened, then a new one.
    add(order[order.length - 1], FILL);
    let done = false;
    for (const [s, limit] of candidates) {
      const cost = tryPlace(b, s, limit);
      if (!cost) continue;
      commit(b, s, cost);
      done = true;
      break;
    }
    if (!done) {
      const s = newChild();
      const cost = tryPlace(b, s, HARD);
      if (!cost) {
        const what = b.nodes.length > 0 ? `${b.nodes.length === 1 ? 'Node' : 'Nodes'} ${b.nodes.map((n) => `'${n}'`).join(', ')}` : `Resource ${b.resources[0]}`;
        problems.push({
          nodes: b.nodes,
          message: `${what} cannot fit one CloudFormation template even alone: ${b.resources.length} resources (quota ${HARD.resources}), ${Math.round(b.bytes / 1000)} kB (quota ${HARD.bytes / 1000} kB), ${b.refs.size} values from other stacks (quota ${HARD.parameters} parameters). Splitting cannot help: make it smaller.`,
        });
        // Placed anyway, so the templates are complete; CloudFormation will refuse this one.
        commit(b, s, { params: [], exports: [], edges: [] });
      } else commit(b, s, cost);
    }
    if (!flowHome.has(b.flow)) flowHome.set(b.flow, stackOfBlock.get(b.id)!);
    else if (stackOfBlock.get(b.id) !== flowHome.get(b.flow) && previousOf(b) === undefined) flowHome.set(b.flow, stackOfBlock.get(b.id)!);
    for (const d of b.dependents) if (--waiting[d]! === 0) heap.push(d);
  }
  if (placed !== blocks.length) throw new Error('splitTemplate: the resources reference each other in a circle');

  // Stacks left empty are dropped.
  for (const name of [...order]) {
    if (name !== ROOT_STACK && stacks.get(name)!.resources === 0) {
      stacks.delete(name);
      order.splice(order.indexOf(name), 1);
    }
  }
  const layout = new Map<string, string>();
  for (const b of blocks) for (const r of b.resources) layout.set(r, stackOfBlock.get(b.id)!);
  return materialize(template, layout, blocks, order, stacks, previous, problems);
}

/** Writes the templates of a layout: cross-stack references become outputs and parameters, passed by the parent. */
function materialize(
  template: Template, layout: Map<string, string>, blocks: readonly Block[],
  order: readonly string[], stacks: ReadonlyMap<string, StackState>, previous: StackLayout, problems: readonly SplitProblem[],
): SplitTemplates {
  const childNames = order.filter((n) => n !== ROOT_STACK);
  const stackOf = (id: string): string => layout.get(id)!;
  const paramNames = Object.keys(template.Parameters);

  /** Per nested stack: the outputs it gives, by reference key → output name. */
  const exportsOf = new Map<string, Map<string, string>>(childNames.map((n) => [n, new Map()]));
  /** Per nested stack: the parameters it takes, by reference key → parameter name. */
  const importsOf = new Map<string, Map<string, string>>(childNames.map((n) => [n, new Map()]));
  const userOutputs = new Map<string, string[]>(order.map((n) => [n, []]));
  for (const b of blocks) for (const o of b.outputs) userOutputs.get(stackOf(b.resources[0]!))!.push(o);

  const pascalAttr = (attr: string): string => attr.replace(/[^A-Za-z0-9]/g, '');
  const exportName = (child: string, ref: Reference): string => {
    const exports = exportsOf.get(child)!;
    const key = refKey(ref);
    const known = exports.get(key);
    if (known) return known;
    // An output of the template with the same value serves.
    const value = JSON.stringify(ref.attr === undefined ? { Ref: ref.target } : { 'Fn::GetAtt': [ref.target, ref.attr] });
    const same = userOutputs.get(child)!.find((o) => JSON.stringify(template.Outputs[o]!.Value) === value);
    if (same) {
      exports.set(key, same);
      return same;
    }
    const taken = new Set([...userOutputs.get(child)!, ...exports.values()]);
    let name = `${ref.target}${ref.attr === undefined ? 'Ref' : pascalAttr(ref.attr)}`;
    for (let i = 2; taken.has(name); i++) name = `${ref.target}${ref.attr === undefined ? 'Ref' : pascalAttr(ref.attr)}${i}`;
    exports.set(key, name);
    return name;
  };
  const importName = (child: string, ref: Reference, resourcesThere: ReadonlySet<string>): string => {
    const imports = importsOf.get(child)!;
    const key = refKey(ref);
    const known = imports.get(key);
    if (known) return known;
    const taken = new Set([...imports.values(), ...resourcesThere, ...paramNames]);
    let name = `${ref.target}${ref.attr === undefined ? 'Ref' : pascalAttr(ref.attr)}`;
    for (let i = 2; taken.has(name); i++) name = `${ref.target}${ref.attr === undefined ? 'Ref' : pascalAttr(ref.attr)}${i}`;
    imports.set(key, name);
    return name;
  };
  /** The parent's expression of a value of resource `ref.target` (in the parent or a nested stack). */
  const inParent = (ref: Reference): unknown => {
    const there = stackOf(ref.target);
    if (there === ROOT_STACK) return ref.attr === undefined ? { Ref: ref.target } : { 'Fn::GetAtt': [ref.target, ref.attr] };
    return { 'Fn::GetAtt': [there, `Outputs.${exportName(there, ref)}`] };
  };

  const resourcesOf = new Map<string, Set<string>>(order.map((n) => [n, new Set()]));
  for (const [id, s] of layout) resourcesOf.get(s)!.add(id);
  const rootResources: Record<string, Resource> = {};
  const childResources = new Map<string, Record<string, Resource>>(childNames.map((n) => [n, {}]));
  /** Stack-level `DependsOn`: nested stack → parent resources or nested stacks it waits for. */
  const stackDependsOn = new Map<string, Set<string>>(childNames.map((n) => [n, new Set()]));
  const childParamsUsed = new Map<string, Set<string>>(childNames.map((n) => [n, new Set()]));
  const rootParamsUsed = new Set<string>();
  const resourceIds = new Set(Object.keys(template.Resources));
  const paramSet = new Set(paramNames);

  for (const id of Object.keys(template.Resources).sort()) {
    const r = template.Resources[id]!;
    const here = stackOf(id);
    const rewritten = rewriteRefs({ Properties: r.Properties, ...(r.Metadata ? { Metadata: r.Metadata } : {}) }, (ref) => {
      if (!resourceIds.has(ref.target)) {
        if (ref.attr === undefined && paramSet.has(ref.target)) (here === ROOT_STACK ? rootParamsUsed : childParamsUsed.get(here)!).add(ref.target);
        return undefined;
      }
      const there = stackOf(ref.target);
      if (there === here) return undefined;
      if (here === ROOT_STACK) return inParent(ref);
      return { Ref: importName(here, ref, resourcesOf.get(here)!) };
    }) as Pick<Resource, 'Properties' | 'Metadata'>;
    const deps = dependsOnOf(r);
    const keep: string[] = [];
    for (const d of deps) {
      if (!resourceIds.has(d)) continue;
      const there = stackOf(d);
      if (there === here) keep.push(d);
      else if (here === ROOT_STACK) keep.push(there);
      else stackDependsOn.get(here)!.add(there === ROOT_STACK ? d : there);
    }
    const out: Resource = { ...r, Properties: rewritten.Properties, ...(rewritten.Metadata ? { Metadata: rewritten.Metadata } : {}) };
    if (keep.length > 0) out.DependsOn = [...new Set(keep)];
    else delete out.DependsOn;
    if (here === ROOT_STACK) rootResources[id] = out;
    else childResources.get(here)![id] = out;
  }

  // The templates of the nested stacks, with their parameters and outputs.
  const children = new Map<string, Template>();
  const description = template.Description.replace(/\.$/, '');
  for (const name of childNames) {
    const parameters: Record<string, Obj> = {};
    for (const p of [...childParamsUsed.get(name)!].sort()) parameters[p] = { ...template.Parameters[p]! };
    const imports = importsOf.get(name)!;
    const passed: Record<string, unknown> = {};
    for (const p of [...childParamsUsed.get(name)!].sort()) {
      passed[p] = { Ref: p };
      rootParamsUsed.add(p);
    }
    for (const [key, param] of [...imports].sort((a, b) => (a[1] < b[1] ? -1 : 1))) {
      const dot = key.indexOf('.');
      const ref: Reference = dot < 0 ? { target: key } : { target: key.slice(0, dot), attr: key.slice(dot + 1) };
      parameters[param] = { Type: 'String', Description: `${ref.attr === undefined ? 'Ref' : ref.attr} of ${ref.target} (stack ${stackOf(ref.target) || 'parent'}).` };
      passed[param] = inParent(ref);
    }
    // Physical names end in the stack key (cfn.ts `STACK_KEY`, from `AWS::StackId`). In a nested
    // stack that would be the nested stack's own ID: a role there naming a bucket of another stack
    // would name a bucket that does not exist. The parent passes its key instead, so every stack
    // computes the same names.
    let resourcesOfChild = childResources.get(name)!;
    const stackKeyJson = JSON.stringify(STACK_KEY);
    const childJson = JSON.stringify(resourcesOfChild);
    if (childJson.includes(stackKeyJson)) {
      resourcesOfChild = JSON.parse(childJson.split(stackKeyJson).join(JSON.stringify({ Ref: STACK_KEY_PARAMETER }))) as Record<string, Resource>;
      childResources.set(name, resourcesOfChild);
      parameters[STACK_KEY_PARAMETER] = { Type: 'String', Description: 'The parent stack\'s key (the first group of its stack ID): physical names end in it, the same in every stack.' };
      passed[STACK_KEY_PARAMETER] = STACK_KEY;
    }
    children.set(name, {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `${description}: nested stack ${name}.`.slice(0, 1024),
      Parameters: parameters,
      Resources: resourcesOfChild,
      Outputs: {},
    });
    const waits = new Set<string>();
    const referenced = JSON.stringify(passed);
    for (const d of stackDependsOn.get(name)!) if (!referenced.includes(`"${d}"`)) waits.add(d);
    rootResources[name] = {
      Type: 'AWS::CloudFormation::Stack',
      Properties: {
        TemplateURL: { 'Fn::Sub': `https://\${ArtifactBucket}.s3.\${AWS::Region}.\${AWS::URLSuffix}/${stackPath(name)}` },
        ...(Object.keys(passed).length > 0 ? { Parameters: passed } : {}),
      },
      ...(waits.size > 0 ? { DependsOn: [...waits].sort() } : {}),
      Metadata: { 'archflow:template': stackPath(name) },
    };
    rootParamsUsed.add('ArtifactBucket');
  }
  // Outputs: each template's own, then what nested stacks give the parent (named above while wiring).
  for (const name of childNames) {
    const t = children.get(name)!;
    for (const o of userOutputs.get(name)!.sort()) t.Outputs[o] = { ...template.Outputs[o]! };
    for (const [key, o] of [...exportsOf.get(name)!].sort((a, b) => (a[1] < b[1] ? -1 : 1))) {
      if (o in t.Outputs) continue;
      const dot = key.indexOf('.');
      t.Outputs[o] = { Description: `${dot < 0 ? 'Ref' : key.slice(dot + 1)} of ${dot < 0 ? key : key.slice(0, dot)}, for another stack.`, Value: dot < 0 ? { Ref: key } : { 'Fn::GetAtt': [key.slice(0, dot), key.slice(dot + 1)] } };
    }
  }
  const rootOutputs: Record<string, Obj> = {};
  for (const o of userOutputs.get(ROOT_STACK)!.sort()) rootOutputs[o] = template.Outputs[o]!;
  const placedOutputs = new Set(blocks.flatMap((b) => b.outputs));
  for (const o of Object.keys(template.Outputs)) if (!placedOutputs.has(o)) rootOutputs[o] = template.Outputs[o]!;
  const rootParameters: Record<string, Obj> = {};
  if (!('ArtifactBucket' in template.Parameters) && rootParamsUsed.has('ArtifactBucket')) {
    rootParameters.ArtifactBucket = { Type: 'String', Description: 'S3 bucket holding the function packages and the nested templates (uploaded by deploy).' };
  }
  for (const p of paramNames) if (rootParamsUsed.has(p) || p in template.Parameters) rootParameters[p] = template.Parameters[p]!;
  const sortKeys = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const root: Template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: template.Description,
    Parameters: sortKeys(rootParameters),
    Resources: sortKeys(rootResources),
    Outputs: sortKeys(rootOutputs),
  };
  for (const t of children.values()) {
    t.Resources = sortKeys(t.Resources);
    t.Outputs = sortKeys(t.Outputs);
  }

  const report: StackReport[] = order.map((name) => {
    const t = name === ROOT_STACK ? root : children.get(name)!;
    return {
      name, path: stackPath(name), resources: Object.keys(t.Resources).length, parameters: Object.keys(t.Parameters).length,
      outputs: Object.keys(t.Outputs).length, bytes: utf8Bytes(templateText(t)), nodes: [...stacks.get(name)!.nodes].sort(),
    };
  });
  const allProblems = [...problems];
  for (const r of report) {
    const over = [
      r.resources > HARD.resources ? `${r.resources} resources (quota ${HARD.resources})` : '',
      r.parameters > HARD.parameters ? `${r.parameters} parameters (quota ${HARD.parameters})` : '',
      r.outputs > HARD.outputs ? `${r.outputs} outputs (quota ${HARD.outputs})` : '',
      r.bytes > HARD.bytes ? `${r.bytes} bytes (quota ${HARD.bytes})` : '',
    ].filter(Boolean);
    if (over.length > 0 && !problems.some((p) => p.nodes.some((n) => r.nodes.includes(n)))) {
      allProblems.push({ nodes: r.nodes.slice(0, 1), message: `The template ${r.path} has ${over.join(', ')}: CloudFormation will refuse it.` });
    }
  }
  const moved = [...layout].filter(([id, s]) => previous.has(id) && previous.get(id) !== s).map(([id]) => id).sort();
  return { root, children, layout, report, moved, problems: allProblems };
}

/**
 * The layout of templates as written (the parent and its nested stacks' templates, by logical ID):
 * read from a project folder or a deployed stack, to keep resources where they are.
 */
export function layoutOfTemplates(parent: unknown, nested: ReadonlyMap<string, unknown>): StackLayout {
  const layout = new Map<string, string>();
  const resources = (t: unknown): Obj => (isObj(t) && isObj(t.Resources) ? t.Resources : {});
  for (const [id, r] of Object.entries(resources(parent))) {
    if (nested.has(id) && isObj(r) && r.Type === 'AWS::CloudFormation::Stack') continue;
    layout.set(id, ROOT_STACK);
  }
  for (const [name, t] of nested) for (const id of Object.keys(resources(t))) if (!layout.has(id)) layout.set(id, name);
  return layout;
}
