import { kindModule } from '../kinds/index';
import type { ArnScope, CloudFormationFacet } from '../kinds/kind';
import { parseArn, permissionKind, tableArns } from '../model/edge-permissions';
import type { Graph, GraphEdge, GraphNode } from '../model/graph';
import type { Finding } from '../span';
import { getAtt, ref, sub, type Cfn } from './cfn';
import { Allocator, camel, constant, isSafeFileName, pascal, SHARED_MODULES } from './names';

export { getAtt, ref, sub, type Cfn } from './cfn';

const RESOURCE: ArnScope = { scope: 'resource' };

/** The CloudFormation facet of a node's kind (undefined for kinds that are not generated). */
const facetOf = (node: GraphNode): CloudFormationFacet<GraphNode['kind']> | undefined =>
  kindModule(node.kind).cloudformation as CloudFormationFacet<GraphNode['kind']> | undefined;

export { isNodeRuntime } from '../kinds/function';

export { SHARED_MODULES };

/** Everything the templates share: the graph, logical IDs, names of generated symbols, problems. */
export class CodegenContext {
  readonly ids = new Allocator();
  readonly problems: Finding[] = [];
  /** Node name → logical ID. */
  private readonly nodeIds = new Map<string, string>();
  /** Functions with a name that can name a file, sorted by name. */
  readonly functions: GraphNode<'function'>[];
  /** Architecture name (the stack name by default). */
  readonly name: string;

  constructor(readonly graph: Graph, readonly root: unknown) {
    this.name = graph.name ?? 'app';
    const nodes = [...graph.nodes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const fileNames = new Map<string, string>();
    this.functions = [];
    const kept: [string, string][] = [];
    const named: [string, string][] = [];
    for (const node of nodes) {
      const facet = facetOf(node);
      if (!facet) continue;
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
      // `previousName` keeps the logical ID of a renamed node, so its deployed resource stays the same
      // one; those nodes take their IDs first, so a new node named like the old one never takes it.
      const previous = node.config.previousName;
      const renamed = typeof previous === 'string' && previous !== '';
      const p = pascal(renamed ? previous : node.id);
      const suffix = facet.suffix;
      (renamed ? kept : named).push([node.id, p.endsWith(suffix) ? p : p + suffix]);
    }
    for (const [name, id] of [...kept, ...named]) this.nodeIds.set(name, this.ids.take(id, 'node:' + name));
  }

  /**
   * The name a node's deployed resources are known by: its `previousName` when it was renamed, else
   * its name. Physical names (fixed bucket names, FIFO queue and topic names) derive from it, so a
   * rename with `previousName` keeps them as it keeps the logical ID.
   */
  identity(name: string): string {
    const previous = this.graph.nodes.get(name)?.config.previousName;
    return typeof previous === 'string' && previous !== '' ? previous : name;
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
   * An existing resource the file references by ARN: an `external` node whose `arn` names a kind of
   * resource Archflow knows (a queue, a bucket, …) or a state machine. Not generated; its edges are
   * granted on that ARN.
   */
  existing(name: string): GraphNode<'external'> | undefined {
    const n = this.graph.nodes.get(name);
    if (n?.kind !== 'external' || !n.settings.arn) return undefined;
    const arn = parseArn(n.settings.arn);
    return arn && (permissionKind(n) !== 'external' || arn.service === 'states') ? n : undefined;
  }

  /** The ARN of a generated node's resource, or of an existing one's, for a permission's scope (its kind decides). */
  arn(name: string, p: ArnScope = RESOURCE): Cfn {
    const known = this.existing(name);
    if (known) {
      // A table written by its stream's ARN: that stream, else the table's ARN (model/edge-permissions.ts `tableArns`).
      const { table: text, stream } = tableArns(known.settings.arn!);
      if (p.scope === 'stream' && stream !== undefined) return stream.includes('${') ? sub(stream) : stream;
      const suffix = p.scope === 'objects' ? `/${p.prefix ?? ''}*` : p.scope === 'index' ? '/index/*' : p.scope === 'stream' ? '/stream/*' : '';
      // A state machine's executions: `…:stateMachine:<name>` → `…:execution:<name>:*`.
      const arn = p.scope === 'executions' ? `${text.replace(':stateMachine:', ':execution:')}:*` : text + suffix;
      // `${AWS::Region}` and the like: CloudFormation substitutes them.
      return arn.includes('${') ? sub(arn) : arn;
    }
    const node = this.node(name)!;
    const id = this.id(name)!;
    const arn = facetOf(node)!.arn;
    return arn ? arn(node, id, this, p) : getAtt(id, 'Arn');
  }

  /** What a function's environment holds for a target: queue URL, topic ARN, bus / stream / bucket / table name. */
  envValue(name: string): Cfn {
    const node = this.node(name)!;
    const id = this.id(name)!;
    const env = facetOf(node)!.env;
    return env ? env.value(node, id, this) : ref(id);
  }

  /** The environment variable naming a target: `ORDER_BUS_NAME`, `BILLING_QUEUE_URL`. */
  envName(name: string): string {
    const node = this.graph.nodes.get(name);
    const s = node ? facetOf(node)?.env : undefined;
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

  /** True for FIFO queues and topics (`fifo` in their settings). */
  fifo(name: string): boolean {
    const settings = this.graph.nodes.get(name)?.settings as { readonly fifo?: boolean } | undefined;
    return settings?.fifo === true;
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
