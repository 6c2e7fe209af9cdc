import { fn } from '../kinds/function';
import { KIND_MODULES, kindModule, type NodeKind } from '../kinds/index';
import type { ImportFacet } from '../kinds/kind';
import type { Draft, DraftNode } from './draft';
import { asList, isObj, type Obj, type Resource } from './template';

type Access = 'read' | 'write';

/** How IAM grants on a node of a kind read as emits (its kind's import facet), when they do. */
const grantsOf = (kind: NodeKind): ImportFacet<NodeKind>['grants'] => (kindModule(kind).import as ImportFacet<NodeKind>).grants;

/** SAM policy templates that grant sending to or reading from a resource: argument, kind, access (from the kinds). */
const POLICY_TEMPLATES: ReadonlyMap<string, { readonly arg: string; readonly kind: NodeKind; readonly access: readonly Access[] }> = new Map(
  KIND_MODULES.flatMap((m) => Object.entries(grantsOf(m.kind)?.templates ?? {}).map(([name, spec]) => [name, { ...spec, kind: m.kind }] as const)),
);

const glob = (pattern: string): RegExp => new RegExp(`^${pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

/** What the actions of a statement allow on a node of `kind`. */
function accessOf(kind: NodeKind, actions: readonly string[]): Access[] {
  const spec = grantsOf(kind);
  if (!spec) return [];
  const out = new Set<Access>();
  for (const a of actions) {
    const [svc, act] = a.toLowerCase().split(':');
    if (!svc || act === undefined || !glob(svc).test(spec.service)) continue;
    const re = glob(act);
    if (spec.write.some((w) => re.test(w))) out.add('write');
    if (spec.read?.some((r) => re.test(r))) out.add('read');
  }
  return [...out];
}

/** Collects what one function (or role) may send to or read from. */
class Grants {
  readonly access = new Map<DraftNode, Set<Access>>();
  constructor(private readonly d: Draft, private readonly fn?: DraftNode) {}

  add(node: DraftNode | undefined, access: readonly Access[]): void {
    const spec = node ? grantsOf(node.kind) : undefined;
    if (!node || node === this.fn || access.length === 0 || !spec || spec.applies?.(node) === false) return;
    const set = this.access.get(node) ?? this.access.set(node, new Set()).get(node)!;
    for (const a of access) set.add(a);
  }

  /** An IAM statement (Allow only). */
  statement(s: unknown): void {
    if (!isObj(s)) return;
    if (this.d.t.str(s.Effect) === 'Deny') return;
    const actions = asList(this.d.t.render(s.Action)).filter((a): a is string => typeof a === 'string');
    for (const resource of asList(s.Resource)) {
      const r = this.d.t.target(resource);
      const node = r ? this.d.get(r.id) : undefined;
      if (node) this.add(node, accessOf(node.kind, actions));
    }
  }

  /** A policy document: `{ Statement: [...] }`. */
  document(doc: unknown): void {
    if (isObj(doc)) asList(doc.Statement).forEach((s) => this.statement(s));
  }
}

/** Inline and attached policies of an IAM role of the template. */
function rolePolicies(d: Draft, role: Resource, grants: Grants): void {
  for (const p of asList(role.properties.Policies)) if (isObj(p)) grants.document(p.PolicyDocument);
  for (const policy of d.t.ofType('AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy')) {
    const roles = [...asList(policy.properties.Roles), ...(policy.properties.RoleName !== undefined ? [policy.properties.RoleName] : [])];
    if (roles.some((x) => d.t.target(x)?.id === role.id)) grants.document(policy.properties.PolicyDocument);
  }
}

/** What a role of the template may send to or read from (e.g. an API integration's credentials). */
export function roleGrants(d: Draft, roleValue: unknown): Map<DraftNode, Set<Access>> {
  const grants = new Grants(d);
  const role = d.t.target(roleValue, (x) => x.type === 'AWS::IAM::Role');
  if (role) rolePolicies(d, role, grants);
  return grants.access;
}

/** Roles of the template that a service (`apigateway.amazonaws.com`) may assume. */
export function rolesTrusting(d: Draft, service: string): Resource[] {
  return d.t.ofType('AWS::IAM::Role').filter((r) => {
    const doc = r.properties.AssumeRolePolicyDocument;
    return isObj(doc) && asList(doc.Statement).some((s) => isObj(s) && isObj(s.Principal) && asList(d.t.render(s.Principal.Service)).includes(service));
  });
}

/** SAM connectors (resources and embedded) from this function. */
function connectors(d: Draft, r: Resource, grants: Grants): void {
  const apply = (destination: unknown, permissions: unknown): void => {
    const access = asList(d.t.render(permissions)).map((p) => String(p).toLowerCase()).filter((p): p is Access => p === 'read' || p === 'write');
    for (const dest of asList(destination)) {
      if (!isObj(dest)) continue;
      const target = dest.Id !== undefined ? d.t.resources.get(String(d.t.render(dest.Id))) : d.t.target(dest.Arn);
      grants.add(target ? d.get(target.id) : undefined, access);
    }
  };
  for (const c of d.t.ofType('AWS::Serverless::Connector')) {
    const src = isObj(c.properties.Source) ? c.properties.Source : {};
    if (d.t.render(src.Id) === r.id) apply(c.properties.Destination, c.properties.Permissions);
  }
  const embedded = isObj(r.properties.Connectors) ? r.properties.Connectors : {};
  for (const c of Object.values(embedded)) {
    const p = isObj(c) && isObj(c.Properties) ? c.Properties : {};
    apply(p.Destination, p.Permissions);
  }
}

/**
 * Pass 4: what each function emits, read from the permissions the template grants it — SAM policy
 * templates, inline statements, its execution role, connectors. Sending (`sqs:SendMessage`,
 * `sns:Publish`, `events:PutEvents`, `kinesis:PutRecord`, writes to tables and buckets, starting a
 * state machine) becomes an `emits` entry; reading a table or bucket one with `access: read`.
 */
export function mapEmits(d: Draft): void {
  const { t } = d;
  let inferred = false;
  for (const r of t.ofType(...fn.import.types)) {
    const from = d.get(r.id);
    if (!from) continue;
    const grants = new Grants(d, from);
    for (const p of asList(r.properties.Policies)) {
      if (!isObj(p)) continue;
      if ('Statement' in p) {
        grants.document(p);
        continue;
      }
      for (const [name, args] of Object.entries(p)) {
        const spec = POLICY_TEMPLATES.get(name);
        if (spec && isObj(args)) {
          const target = t.target(args[spec.arg]);
          const node = target ? d.get(target.id) : undefined;
          if (node && (node.kind === spec.kind)) grants.add(node, spec.access);
        } else if (name === 'LambdaInvokePolicy' && isObj(args)) {
          const target = t.target(args.FunctionName);
          if (target) d.notes.add(`${r.id} invokes ${target.id} directly (LambdaInvokePolicy): Archflow has no function-to-function edge, so it is not shown.`);
        }
      }
    }
    const role = t.target(r.properties.Role, (x) => x.type === 'AWS::IAM::Role');
    if (role) rolePolicies(d, role, grants);
    connectors(d, r, grants);
    // Sending to a failure destination is Lambda's doing (with the function's role), not an emit.
    const destinations = new Set<unknown>([from.async.onFailure]);
    for (const other of d.nodes.values()) {
      for (const t of other.to) if (isObj(t) && t.function === from.name && t.onFailure !== undefined) destinations.add(t.onFailure);
    }
    for (const [node, access] of grants.access) {
      if (destinations.has(node.name)) continue;
      const both = access.has('read') && access.has('write');
      const entry: Obj = { to: node.name };
      // Kinds that can be read (tables, buckets) say how: `access: read` or `read-write`.
      if (grantsOf(node.kind)?.read && !(access.size === 1 && access.has('write'))) entry.access = both ? 'read-write' : 'read';
      from.emits.set(node.name, entry);
      node.incoming++;
      inferred = true;
    }
  }
  if (inferred) d.notes.add('What functions emit was inferred from their IAM permissions (SAM policy templates, statements, roles); Archflow generates least-privilege roles from these edges instead.');
}
