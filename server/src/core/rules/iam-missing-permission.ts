// Rule: iam/missing-permission
// A function that declares its own `policies` must be granted what each of its edges needs
// (model/edge-permissions.ts, the same table code generation uses for least-privilege roles).
import { actionMatches, ARN_SERVICE, arnResources, edgePermissions, glob, parseArn, permissionKind, policyResourceArns, scopeCovers, type EdgePermission } from '../model/edge-permissions';
import type { Graph, GraphEdge, GraphNode } from '../model/graph';
import { nodeLabel } from '../analysis/graph-walk';
import type { Rule } from './rule';
import type { PolicyStatement } from '../kinds/function';

export { actionMatches };

/**
 * Whether a statement resource covers the resource of a permission, the way code generation turns it
 * into ARNs: a node's name (not a pattern) covers the ARNs of that node the statement's `actions`
 * apply to (`scopesOfActions`: a bucket or its objects, a table, its indexes or its stream);
 * `bucket/prefix*`, `table/index/*`, `table/stream/*` what they name; an ARN, or `*`, by IAM matching.
 */
export function resourceMatches(written: string, node: GraphNode, p: EdgePermission, graph: Graph, actions: readonly string[]): boolean {
  if (written === '*') return true;
  if (!written.startsWith('arn:')) {
    // A name is no wildcard: code generation grants a name's ARNs only when it is a node (or a path under one).
    return policyResourceArns(graph, written, actions).some((r) => r.node === node.id && r.scope !== undefined && scopeCovers(r.scope, p.scope) && (r.scope !== 'objects' || (p.prefix ?? '').startsWith(r.prefix ?? '')));
  }
  // Parsed, not split at `:`: `${AWS::Region}` and the like hold colons of their own.
  const arn = parseArn(written);
  if (!arn) return false;
  // A secret's actions are on a Secrets Manager ARN; actions on `*` are covered only by `*`.
  if (p.scope === 'any') return false;
  const service = p.scope === 'secret' ? 'secretsmanager' : ARN_SERVICE[permissionKind(node)] ?? '';
  if (!glob(arn.service, true).test(service)) return false;
  return arnResources(node, p, graph.name).some((r) => glob(arn.resource, false).test(r));
}

/** What the function does with the resource of an edge, for messages. */
const SEND_PURPOSE: Readonly<Record<string, string>> = {
  queue: 'to send to it', topic: 'to publish to it', 'event-bus': 'to put events on it', stream: 'to put records on it', firehose: 'to put records into it',
};

function purpose(edge: GraphEdge, fn: string, kind: string): string {
  if (kind === 'bucket' && edge.mechanism !== 'emit') return 'to read the objects whose S3 notifications trigger it';
  switch (edge.mechanism) {
    case 'queue-mapping': return 'to consume it';
    case 'stream-mapping': return 'to read its stream';
    case 'broker-mapping': return 'to read it through its event source mapping';
    case 'failure-destination': return edge.from === fn ? 'for its on-failure destination' : 'for the on-failure destination of its stream';
    case 'success-destination': return 'for its on-success destination';
    case 'invoke': return 'to invoke it';
    // An existing resource named by its ARN (`kind`: the ARN's): a queue or stream it reads, or what it sends to.
    case 'external':
      if (edge.to === fn) return kind === 'queue' ? 'to consume it' : kind === 'stream' || kind === 'table' ? 'to read its stream' : 'for this edge';
      return SEND_PURPOSE[kind] ?? 'for this edge';
    case 'emit': {
      const access = edge.options.access;
      const words = (Array.isArray(access) ? access : [access]).filter((a): a is string => typeof a === 'string');
      if (words.length === 0 || (words.length === 1 && ['write', 'send', 'publish', 'put'].includes(words[0]!))) return SEND_PURPOSE[kind] ?? 'to write to it';
      return `for its access (${words.join(', ')})`;
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
          s.actions.some((a) => actionMatches(a, action)) && s.resources.some((r) => resourceMatches(r, node, p, graph, s.actions));
        const denied = p.actions.map((a) => ({ a, by: list.find((s) => s.effect === 'Deny' && covers(s, a)) })).filter((x) => x.by);
        const missing = p.actions.filter((a) => !denied.some((d) => d.a === a) && !list.some((s) => s.effect === 'Allow' && covers(s, a)));
        if (missing.length === 0 && denied.length === 0) continue;
        const key = `${p.resource} ${p.scope} ${[...missing, ...denied.map((d) => d.a)].join(',')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const where = `${nodeLabel(node)}${p.scope === 'objects' ? ` (its objects${p.prefix ? ` under '${p.prefix}'` : ''})` : p.scope === 'stream' ? ' (its stream)' : p.scope === 'index' ? ' (its indexes)' : p.scope === 'consumer' ? ' (its enhanced fan-out consumer)' : p.scope === 'secret' ? ' (its secret)' : p.scope === 'any' ? ' (any resource: `*`)' : ''}`;
        const parts: string[] = [];
        if (missing.length) parts.push(`do not grant ${missing.join(', ')} on ${where}`);
        if (denied.length) parts.push(`deny ${denied.map((d) => `${d.a} (statement ${d.by!.index + 1})`).join(', ')} on ${where}`);
        report({
          at: fn.pointer.concat('policies'), target: 'key', nodes: [fn.id, node.id],
          message: `The policies of function '${fn.id}' ${parts.join(' and ')}, which it needs ${purpose(edge, fn.id, permissionKind(node))}.`,
          ...(missing.length && !denied.length
            ? { fix: { kind: 'append-item', title: `Allow ${missing.join(', ')} on '${node.id}'`, at: fn.pointer.concat('policies'), value: { actions: missing, resources: [node.id] } } }
            : {}),
        });
      }
    }
  },
};
