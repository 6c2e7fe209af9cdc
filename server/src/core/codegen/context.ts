import type { Graph, GraphEdge, GraphNode } from '../model/graph';
import type { NodeKind } from '../model/kinds';
import type { Finding } from '../span';
import { Allocator, camel, constant, isSafeFileName, pascal, tag } from './names';
import { isObj } from '../util/value';

/** A CloudFormation value: a literal or an intrinsic function. */
export type Cfn = unknown;

/** `{ Ref: id }` */
export const ref = (id: string): Cfn => ({ Ref: id });
/** `{ 'Fn::GetAtt': [id, attribute] }` */
export const getAtt = (id: string, attribute: string): Cfn => ({ 'Fn::GetAtt': [id, attribute] });
/** `{ 'Fn::Sub': text }` */
export const sub = (text: string): Cfn => ({ 'Fn::Sub': text });

/** The suffix of each kind's logical ID. */
const SUFFIX: Readonly<Record<NodeKind, string>> = {
  'http-api': 'Api', bucket: 'Bucket', schedule: 'Schedule', table: 'Table',
  queue: 'Queue', topic: 'Topic', 'event-bus': 'Bus', stream: 'Stream', function: 'Function', external: 'External',
};

/** Environment-variable suffix per emit target kind, and what the variable holds. */
export const ENV_SUFFIX: Readonly<Partial<Record<NodeKind, { word: string; holds: string }>>> = {
  queue: { word: 'QUEUE', holds: 'URL' },
  topic: { word: 'TOPIC', holds: 'ARN' },
  'event-bus': { word: 'BUS', holds: 'NAME' },
  stream: { word: 'STREAM', holds: 'NAME' },
  bucket: { word: 'BUCKET', holds: 'NAME' },
  table: { word: 'TABLE', holds: 'NAME' },
};


/**
 * Modules every generated project has in `src/generated/`: a function of the same name (compared
 * without case, for case-insensitive file systems) would overwrite one with its own module.
 */
export const SHARED_MODULES: readonly string[] = ['events', 'runtime'];

/** True for the runtimes whose code Archflow generates and bundles (Node.js). */
export const isNodeRuntime = (runtime: string): boolean => /^nodejs/.test(runtime);

/** Everything the templates share: the graph, logical IDs, names of generated symbols, problems. */
export class CodegenContext {
  readonly ids = new Allocator();
  readonly problems: Finding[] = [];
  /** Node name → logical ID. */
  private readonly nodeIds = new Map<string, string>();
  /** Functions with a name that can name a file, sorted by name. */
  readonly functions: GraphNode[];
  /** Buckets that functions use: they get a fixed name, so that roles need not depend on them. */
  readonly namedBuckets = new Set<string>();
  /** Architecture name (the stack name by default). */
  readonly name: string;

  constructor(readonly graph: Graph, readonly root: unknown) {
    this.name = graph.name ?? 'app';
    const nodes = [...graph.nodes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const fileNames = new Map<string, string>();
    this.functions = [];
    for (const node of nodes) {
      if (node.kind === 'external') continue;
      if (node.kind === 'function') {
        if (!isSafeFileName(node.id)) {
          this.problems.push({
            code: 'codegen/unsafe-name', severity: 'error', at: node.pointer, target: 'key',
            message: `Function '${node.id}' is not generated: its name cannot name a file (letters, digits, '_', '-' and '.', starting with a letter or digit).`,
          });
          continue;
        }
        const lower = node.id.toLowerCase();
        if (SHARED_MODULES.includes(lower)) {
          this.problems.push({
            code: 'codegen/reserved-name', severity: 'error', at: node.pointer, target: 'key',
            message: `Function '${node.id}' is not generated: src/generated/${lower}.ts is the project's shared ${lower} module. Rename the function.`,
          });
          continue;
        }
        const clash = fileNames.get(lower);
        if (clash !== undefined) {
          this.problems.push({
            code: 'codegen/name-clash', severity: 'error', at: node.pointer, target: 'key',
            message: `Function '${node.id}' is not generated: its handler file would clash with the one of '${clash}' on case-insensitive file systems.`,
          });
          continue;
        }
        fileNames.set(lower, node.id);
        this.functions.push(node);
      }
      const p = pascal(node.id);
      const suffix = SUFFIX[node.kind];
      this.nodeIds.set(node.id, this.ids.take(p.endsWith(suffix) ? p : p + suffix, 'node:' + node.id));
    }
    for (const edge of graph.edges) {
      if (edge.mechanism === 'emit' && graph.nodes.get(edge.to)?.kind === 'bucket') this.namedBuckets.add(edge.to);
      // A notified function reads the bucket's objects: its role names the bucket, which must not
      // depend on the role in turn (the bucket's notifications wait for the function's permission).
      if (edge.mechanism === 'notification' && graph.nodes.get(edge.to)?.kind === 'function') this.namedBuckets.add(edge.from);
    }
  }

  /** The logical ID of a node (undefined when it is not generated). */
  id(name: string): string | undefined {
    return this.nodeIds.get(name);
  }

  node(name: string): GraphNode | undefined {
    const n = this.graph.nodes.get(name);
    return n && this.nodeIds.has(name) ? n : undefined;
  }

  /** A new logical ID made of parts, unique in the template. */
  newId(parts: readonly string[], key: string = parts.join('|')): string {
    return this.ids.take(parts.map(pascal).join(''), key);
  }

  /**
   * True for the account's default event bus (`default: true`): it exists in every account and Region,
   * so it is referenced by name and ARN and never created.
   */
  isDefaultBus(name: string): boolean {
    const node = this.graph.nodes.get(name);
    return node?.kind === 'event-bus' && node.config.default === true;
  }

  /** The name of an event bus, for `EventBusName`: `default` or the generated bus's name. */
  busName(name: string): Cfn {
    return this.isDefaultBus(name) ? 'default' : getAtt(this.id(name)!, 'Name');
  }

  /** The ARN of a generated node. */
  arn(name: string): Cfn {
    const node = this.node(name)!;
    const id = this.id(name)!;
    if (this.isDefaultBus(name)) return sub('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default');
    switch (node.kind) {
      case 'topic': return ref(id);
      case 'bucket': return this.namedBuckets.has(name) ? sub(`arn:\${AWS::Partition}:s3:::${this.bucketName(name)}`) : getAtt(id, 'Arn');
      default: return getAtt(id, 'Arn');
    }
  }

  /** The fixed name of a bucket that functions use (a `Fn::Sub` string, unique per account and Region). */
  bucketName(name: string): string {
    const base = `${this.name}-${name}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 30).replace(/-$/, '');
    return `${base || 'bucket'}-${tag(name).toLowerCase()}-\${AWS::AccountId}-\${AWS::Region}`;
  }

  /** What a function's environment holds for a target: queue URL, topic ARN, bus / stream / bucket / table name. */
  envValue(name: string): Cfn {
    const node = this.node(name)!;
    const id = this.id(name)!;
    switch (node.kind) {
      case 'queue': return ref(id);
      case 'topic': return ref(id);
      case 'event-bus': return this.busName(name);
      case 'bucket': return this.namedBuckets.has(name) ? sub(this.bucketName(name)) : ref(id);
      default: return ref(id);
    }
  }

  /** The environment variable naming a target: `ORDER_BUS_NAME`, `BILLING_QUEUE_URL`. */
  envName(name: string): string {
    const kind = this.graph.nodes.get(name)?.kind;
    const s = kind ? ENV_SUFFIX[kind] : undefined;
    if (!s) return constant(name);
    const base = constant(name);
    return base.endsWith('_' + s.word) || base === s.word ? `${base}_${s.holds}` : `${base}_${s.word}_${s.holds}`;
  }

  /** Outgoing edges of a node that lead to generated nodes. */
  out(name: string): GraphEdge[] {
    return (this.graph.outgoing.get(name) ?? []).filter((e) => this.node(e.to));
  }

  /** Incoming edges of a node that come from generated nodes. */
  in(name: string): GraphEdge[] {
    return (this.graph.incoming.get(name) ?? []).filter((e) => this.node(e.from));
  }

  /** The config of a node (a plain object). */
  config(name: string): Record<string, unknown> {
    const c = this.graph.nodes.get(name)?.config;
    return isObj(c) ? c : {};
  }

  /** True for FIFO queues and topics. */
  fifo(name: string): boolean {
    return this.config(name).fifo === true;
  }

  /** The TypeScript module name of a function's generated file (`src/generated/<camel>.ts`). */
  moduleName(fn: string): string {
    return fn;
  }

  /** camelCase of a name, for TypeScript identifiers. */
  camel(name: string): string {
    return camel(name);
  }
}
