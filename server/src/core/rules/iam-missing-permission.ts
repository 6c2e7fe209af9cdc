// Rule: iam/missing-permission
// A function that declares its own `policies` must be granted what each of its edges needs
// (model/edge-permissions.ts, the same table code generation uses for least-privilege roles).
import { ARN_SERVICE, arnResources, edgePermissions, type EdgePermission } from '../model/edge-permissions';
import type { Graph, GraphEdge, GraphNode } from '../model/graph';
import { nodeLabel } from '../analysis/graph-walk';
import type { Rule } from './rule';
import type { PolicyStatement } from '../kinds/function';


/** An IAM wildcard pattern (`*`, `?`) as a regular expression. */
function glob(pattern: string, ignoreCase: boolean): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
}

/** IAM action names are case-insensitive and may use wildcards (`sqs:*`, `sqs:Receive*`, `*`). */
export function actionMatches(pattern: string, action: string): boolean {
  return glob(pattern, true).test(action);
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
  if (!glob(service, true).test(ARN_SERVICE[node.kind] ?? '')) return false;
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
      if (fn.kind !== 'function' || !fn.settings.policies || fn.settings.role !== undefined) continue;
      const list = fn.settings.policies;
      const seen = new Set<string>();
      for (const { edge, permission: p } of functionNeeds(graph, fn.id)) {
        const node = graph.nodes.get(p.resource);
        if (!node) continue;
        const covers = (s: PolicyStatement, action: string): boolean =>
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
