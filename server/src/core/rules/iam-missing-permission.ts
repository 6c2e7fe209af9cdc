// Rule: iam/missing-permission
// A function that declares its own `policies` must be granted what each of its edges needs
// (model/edge-permissions.ts, the same table code generation uses for least-privilege roles).
import { edgePermissions, type EdgePermission } from '../model/edge-permissions';
import type { Graph, GraphEdge, GraphNode } from '../model/graph';
import { nodeLabel } from '../analysis/graph-walk';
import type { Rule } from './rule';
import { isObj } from '../util/value';


/** One statement of a function's `policies`. */
interface Statement {
  readonly index: number;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

function statements(value: unknown): Statement[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((s, index) => {
    if (!isObj(s)) return [];
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
    return [{ index, effect: s.effect === 'Deny' ? 'Deny' : 'Allow', actions: list(s.actions), resources: list(s.resources) } as const];
  });
}

/** An IAM wildcard pattern (`*`, `?`) as a regular expression. */
function glob(pattern: string, ignoreCase: boolean): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
}

/** IAM action names are case-insensitive and may use wildcards (`sqs:*`, `sqs:Receive*`, `*`). */
export function actionMatches(pattern: string, action: string): boolean {
  return glob(pattern, true).test(action);
}

/** The ARN service of each kind of node. */
const SERVICE: Readonly<Record<string, string>> = {
  queue: 'sqs', topic: 'sns', 'event-bus': 'events', stream: 'kinesis', bucket: 's3', table: 'dynamodb', function: 'lambda',
};

/**
 * The resource part of the node's ARN for a permission (everything after the account), with `*`
 * where the text is unknown. The physical name is the node name, optionally prefixed with the
 * architecture name (`orders-billing`).
 */
function arnResources(node: GraphNode, p: EdgePermission, stack: string | undefined): string[] {
  const names = [node.id, ...(stack ? [`${stack}-${node.id}`] : [])];
  return names.map((name) => {
    switch (node.kind) {
      case 'event-bus': return `event-bus/${name}`;
      case 'stream': return p.scope === 'consumer' ? `stream/${name}/consumer/*` : `stream/${name}`;
      case 'function': return `function:${name}`;
      case 'table': return p.scope === 'stream' ? `table/${name}/stream/*` : `table/${name}`;
      case 'bucket': return p.scope === 'objects' ? `${name}/${p.prefix ?? ''}*` : name;
      default: return name;
    }
  });
}

/**
 * Whether a statement resource (a node name, an ARN, `*`, with wildcards) covers the resource of a
 * permission. A node name covers every ARN of that node (its objects, its stream).
 */
export function resourceMatches(written: string, node: GraphNode, p: EdgePermission, stack: string | undefined): boolean {
  if (!written.startsWith('arn:')) return glob(written, false).test(node.id);
  const parts = written.split(':');
  if (parts.length < 6) return false;
  const service = parts[2]!;
  const resource = parts.slice(5).join(':');
  if (!glob(service, true).test(SERVICE[node.kind] ?? '')) return false;
  return arnResources(node, p, stack).some((r) => glob(resource, false).test(r));
}

/** What the function does with the resource of an edge, for messages. */
const SEND_PURPOSE: Readonly<Record<string, string>> = {
  queue: 'to send to it', topic: 'to publish to it', 'event-bus': 'to put events on it', stream: 'to put records on it',
};

function purpose(edge: GraphEdge, fn: string, kind: string): string {
  if (kind === 'bucket' && edge.mechanism !== 'emit') return 'to read the objects whose S3 notifications trigger it';
  switch (edge.mechanism) {
    case 'queue-mapping': return 'to consume it';
    case 'stream-mapping': return 'to read its stream';
    case 'failure-destination': return edge.from === fn ? 'for its on-failure destination' : 'for the on-failure destination of its stream';
    case 'emit': {
      if (edge.options.access === 'read') return 'to read it';
      if (edge.options.access === 'read-write') return 'to read and write it';
      return SEND_PURPOSE[kind] ?? 'to write to it';
    }
    default: return 'for this edge';
  }
}

/** The execution-role permissions a function needs, with the edge that needs each. */
export function functionNeeds(graph: Graph, fn: string): { edge: GraphEdge; permission: EdgePermission }[] {
  return graph.edges.flatMap((edge) => edgePermissions(edge, graph)
    .filter((p) => p.grantee === 'execution-role' && p.function === fn)
    .map((permission) => ({ edge, permission })));
}

export const iamMissingPermission: Rule = {
  code: 'iam/missing-permission',
  severity: 'error',
  description: "A function's own `policies` grant every action its edges need: consume and read (SQS, Kinesis, DynamoDB streams), send, publish, put events, read and write buckets and tables.",
  why: 'With its own policies a function gets no generated statements. A missing action surfaces only at runtime as AccessDenied (or as an event source mapping that never polls), after the deployment succeeded.',
  source: { title: 'Defining Lambda function permissions with an execution role', url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html' },
  fix: 'Appends a statement granting the missing actions on the node to `policies`.',
  check({ graph }, report) {
    for (const fn of graph.nodes.values()) {
      if (fn.kind !== 'function' || !Array.isArray(fn.config.policies) || typeof fn.config.role === 'string') continue;
      const list = statements(fn.config.policies);
      const seen = new Set<string>();
      for (const { edge, permission: p } of functionNeeds(graph, fn.id)) {
        const node = graph.nodes.get(p.resource);
        if (!node) continue;
        const covers = (s: Statement, action: string): boolean =>
          s.actions.some((a) => actionMatches(a, action)) && s.resources.some((r) => resourceMatches(r, node, p, graph.name));
        const denied = p.actions.map((a) => ({ a, by: list.find((s) => s.effect === 'Deny' && covers(s, a)) })).filter((x) => x.by);
        const missing = p.actions.filter((a) => !denied.some((d) => d.a === a) && !list.some((s) => s.effect === 'Allow' && covers(s, a)));
        if (missing.length === 0 && denied.length === 0) continue;
        const key = `${p.resource} ${p.scope} ${[...missing, ...denied.map((d) => d.a)].join(',')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const where = `${nodeLabel(node)}${p.scope === 'objects' ? ` (its objects${p.prefix ? ` under '${p.prefix}'` : ''})` : p.scope === 'stream' ? ' (its stream)' : p.scope === 'consumer' ? ' (its enhanced fan-out consumer)' : ''}`;
        const parts: string[] = [];
        if (missing.length) parts.push(`do not grant ${missing.join(', ')} on ${where}`);
        if (denied.length) parts.push(`deny ${denied.map((d) => `${d.a} (statement ${d.by!.index + 1})`).join(', ')} on ${where}`);
        report({
          at: fn.pointer.concat('policies'), target: 'key', nodes: [fn.id, node.id],
          message: `The policies of function '${fn.id}' ${parts.join(' and ')}, which it needs ${purpose(edge, fn.id, node.kind)}.`,
          ...(missing.length && !denied.length
            ? { fix: { kind: 'append-item', title: `Allow ${missing.join(', ')} on '${node.id}'`, at: fn.pointer.concat('policies'), value: { actions: missing, resources: [node.id] } } }
            : {}),
        });
      }
    }
  },
};
