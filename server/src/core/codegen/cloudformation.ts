/**
 * The CloudFormation template of a graph. Each kind's module adds its resources and those of the
 * edges leaving it (`kinds/<kind>.ts`, `cloudformation`); this module runs them in a fixed order
 * and owns what is shared: execution-role statements, resource policies, Lambda permissions and
 * service roles, all from the permission table (model/edge-permissions.ts).
 */
import { KIND_MODULES, kindModule } from '../kinds/index';
import { sourceKind } from '../kinds/pipe';
import type { CloudFormationFacet } from '../kinds/kind';
import { describePermission, edgePermissions, parseArn, permissionKind, SEND_ACTIONS, SERVICE_GRANTS, unionPutEventsConditions, type Condition, type EdgePermission } from '../model/edge-permissions';
import type { GraphEdge, GraphNode } from '../model/graph';
import { isObj, type Obj } from '../util/value';
import { compact, getAtt, ref, sub, type Cfn } from './cfn';
import type { CodegenContext } from './context';
import { pascal } from './names';
import type { FunctionDeployment, Resource, TemplateKit } from './template-kit';

export type { FunctionDeployment, Resource } from './template-kit';

/** The template as a plain object (serialized by the `template.json` template). */
export interface Template {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Parameters: Record<string, Obj>;
  Resources: Record<string, Resource>;
  Outputs: Record<string, Obj>;
}

/** The CloudFormation facet of a node's kind (undefined for kinds that are not generated). */
const facetOf = (node: GraphNode): CloudFormationFacet<GraphNode['kind']> | undefined =>
  kindModule(node.kind).cloudformation as CloudFormationFacet<GraphNode['kind']> | undefined;

/**
 * Builds the CloudFormation template of the graph: plain CloudFormation, no transform. Every
 * function's code comes from `ArtifactBucket` and a key parameter per function.
 *
 * Order: every generated node's resources (by its kind's `order`, then by name), then the execution-role statements of every
 * edge, then each edge's resources (by the kind of its source, in edge order), then each kind's
 * `finish`, then the resource policies and service roles the edges asked for.
 */
export function buildTemplate(ctx: CodegenContext): { template: Template; functions: FunctionDeployment[]; owners: ReadonlyMap<string, string> } {
  const resources: Record<string, Resource> = {};
  /** The node whose own resources are being built, and what each node built (codegen/stacks.ts keeps them together). */
  let building: string | undefined;
  const owners = new Map<string, string>();
  const parameters: Record<string, Obj> = {
    ArtifactBucket: { Type: 'String', Description: 'S3 bucket holding the function packages (uploaded by deploy).' },
  };
  const outputs: Record<string, Obj> = {};
  const functions: FunctionDeployment[] = [];
  const { graph } = ctx;
  const doc = isObj(ctx.root) ? ctx.root : {};

  // Gathered while walking nodes and edges.
  const roleStatements = new Map<string, Obj[]>();
  const policyStatements = new Map<string, { target: GraphNode; type: string; property: string; statements: Obj[] }>();
  const serviceStatements = new Map<string, { principal: string; statements: Obj[] }>();
  const state = new Map<string, unknown>();

  /** Where a push comes from: its kind's `policySource`, or an existing resource's ARN (S3's naming no account). */
  const sourceOf = (edge: GraphEdge): { readonly arn?: unknown; readonly sid?: string; readonly account?: boolean } => {
    const from = graph.nodes.get(edge.from)!;
    const known = ctx.existing(from.id);
    if (known) return { arn: ctx.arn(from.id), account: parseArn(known.settings.arn!)?.service === 's3' };
    return facetOf(from)?.policySource?.(edge, from, kit) ?? {};
  };

  /**
   * The condition of a push into a resource policy: `aws:SourceArn` (the topic, rule, bucket or API
   * that pushes), with `aws:SourceAccount` where the ARN names no account (S3) or the source is not known.
   */
  const sourceCondition = (source: { readonly arn?: unknown; readonly account?: boolean }): Obj => ({
    ...(source.arn === undefined ? {} : { ArnEquals: { 'aws:SourceArn': source.arn } }),
    ...(source.arn === undefined || source.account ? { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } } : {}),
  });

  /** Where a push comes from, for resource-policy conditions and statement ids. */
  const resourceStatement = (edge: GraphEdge, p: EdgePermission): Obj => {
    const source = sourceOf(edge);
    return {
      Sid: `From${pascal(edge.from)}${source.sid ?? ''}${edge.kind === 'dead-letter' ? 'DeadLetters' : ''}`,
      Effect: 'Allow',
      Principal: { Service: p.principal },
      Action: p.actions.length === 1 ? p.actions[0] : [...p.actions],
      Resource: ctx.arn(p.resource),
      Condition: sourceCondition(source),
    };
  };

  /** An identity statement of a permission (its condition, when it has one). */
  const identityStatement = (p: EdgePermission): Obj => ({
    Effect: 'Allow', Action: [...p.actions], Resource: ctx.arn(p.resource, p), ...(p.condition ? { Condition: p.condition } : {}),
  });

  /**
   * An edge with an external node at one end: its permissions are granted where Archflow can (the
   * generated function's role, the generated target's resource policy, a Lambda permission on the
   * generated function), and what it cannot create is reported at the edge, never left out silently.
   */
  const wireExternal = (edge: GraphEdge): void => {
    const from = graph.nodes.get(edge.from)!;
    const to = graph.nodes.get(edge.to)!;
    const generatedFrom = ctx.node(from.id);
    const generatedTo = ctx.node(to.id);
    if (!generatedFrom && !generatedTo) return;
    const external = generatedFrom ? to : from;
    const existing = ctx.existing(external.id);
    const permissions = edgePermissions(edge, graph);
    // A function's on-failure destination on an existing resource is its invoke configuration.
    if (existing && generatedFrom?.kind === 'function' && edge.mechanism === 'failure-destination') {
      facetOf(generatedFrom)?.edge?.(edge, generatedFrom, existing, kit);
      return;
    }
    // Emitting needs only the function's role (granted above).
    if (existing && edge.mechanism === 'emit' && permissions.length > 0) return;
    // A pipe names an existing queue, stream or table as its Source itself, with its role's grants (kinds/pipe.ts).
    if (existing && edge.mechanism === 'pipe-source' && sourceKind(existing)) return;
    const granted: string[] = [];
    const outside: string[] = [];
    for (const p of permissions) {
      if (p.grantee === 'execution-role' && p.function && ctx.node(p.function)) granted.push(describePermission(p, graph));
      else if (p.grantee === 'resource-policy' && ctx.node(p.resource)) {
        const target = ctx.node(p.resource)!;
        if (target.kind === 'function') {
          const source = sourceOf(edge);
          kit.lambdaPermission(edge, p.principal!, { SourceArn: source.arn, SourceAccount: source.account ? ref('AWS::AccountId') : undefined }, [from.id]);
        } else kit.grantResourcePolicy(edge);
        granted.push(describePermission(p, graph));
      } else outside.push(describePermission(p, graph));
    }
    const link = `the link from ${graph.nodes.get(edge.from)!.kind === 'external' ? 'external ' : ''}'${edge.from}' to ${to.kind === 'external' ? 'external ' : ''}'${edge.to}'`;
    // An outside sender without ARN: what its own role needs, and how a pushing service gets in.
    const sends = SEND_ACTIONS[permissionKind(to)];
    const inward = generatedFrom === undefined && generatedTo !== undefined;
    const pushable = to.kind === 'function' || to.kind === 'queue' || to.kind === 'topic';
    const message = !existing
      ? inward
        ? `Archflow does not create ${link} and grants nothing for it: '${external.id}' has no \`arn\`. ${sends ? `If it sends with a role of its own, that role needs ${sends.join(', ')} on '${to.id}'` : `If it sends with a role of its own, that role needs its permissions on '${to.id}'`}${pushable ? `; if it is a topic, bucket or rule that pushes, give it its ARN (\`arn:\`) so '${to.id}' lets it in` : ''}.`
        : `Archflow does not create ${link} and grants nothing for it: '${external.id}' has no \`arn\`. Give it the ARN of the resource it stands for (\`arn:\`) so its permissions are granted, or create the link and its permissions yourself.`
      : `Archflow does not create ${link} itself (it does not own '${external.id}')${granted.length ? `; it grants ${granted.join('; ')}` : ''}${outside.length ? `; what it cannot grant: ${outside.join('; ')}` : ''}. Create the link where '${external.id}' is defined.`;
    // A warning when a call of a function of the file would be denied (its role, its invocation);
    // a note when the outside resource sends with permissions of its own, or everything is granted.
    const functionEnd = generatedFrom?.kind === 'function' || generatedTo?.kind === 'function';
    const severity = existing ? (outside.length === 0 ? 'info' : 'warning') : functionEnd ? 'warning' : 'info';
    ctx.problems.push({ code: 'codegen/unwired-edge', severity, at: edge.pointer, message });
  };

  const kit: TemplateKit = {
    ctx,
    add(id, type, properties, extra = {}) {
      resources[id] = { Type: type, Properties: compact(properties), ...extra };
      if (building !== undefined) owners.set(id, building);
    },
    resource: (id) => resources[id],
    parameter(id, definition) {
      parameters[id] = definition;
    },
    output(id, definition) {
      outputs[id] = definition;
    },
    deployment(d) {
      functions.push(d);
    },
    executionRole(fn, statements) {
      roleStatements.set(fn, statements);
    },
    lambdaPermission(edge, principal, extra, label) {
      const pid = ctx.newId([edge.to, 'From', ...label, 'Permission'], `permission:${edge.id}`);
      kit.add(pid, 'AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: getAtt(ctx.id(edge.to)!, 'Arn'),
        Principal: principal,
        ...extra,
      });
      return pid;
    },
    grantResourcePolicy(edge) {
      const target = graph.nodes.get(edge.to)!;
      const policy = facetOf(target)?.resourcePolicy;
      let policyId: string | undefined;
      for (const p of edgePermissions(edge, graph)) {
        if (p.grantee !== 'resource-policy' || !policy) continue;
        policyId = ctx.newId([ctx.id(target.id)!, 'Policy'], `policy:${target.id}`);
        const entry = policyStatements.get(policyId) ?? policyStatements.set(policyId, { target, ...policy, statements: [] }).get(policyId)!;
        const st = resourceStatement(edge, p);
        if (!entry.statements.some((s) => JSON.stringify(s) === JSON.stringify(st))) entry.statements.push(st);
      }
      return policyId;
    },
    grantServiceRole(edge, owner) {
      let roleId: string | undefined;
      for (const p of edgePermissions(edge, graph)) {
        if (p.grantee !== 'service-role') continue;
        roleId = ctx.newId([owner, 'Role'], `service-role:${owner}`);
        const entry = serviceStatements.get(roleId) ?? serviceStatements.set(roleId, { principal: p.principal!, statements: [] }).get(roleId)!;
        const st = identityStatement(p);
        if (!entry.statements.some((s) => JSON.stringify(s) === JSON.stringify(st))) entry.statements.push(st);
      }
      return roleId;
    },
    serviceRole(owner, principal, grants = []) {
      const roleId = ctx.newId([owner, 'Role'], `service-role:${owner}`);
      const entry = serviceStatements.get(roleId) ?? serviceStatements.set(roleId, { principal, statements: [] }).get(roleId)!;
      for (const g of grants) {
        const resource: string = SERVICE_GRANTS[g].resource;
        const st = { Effect: 'Allow', Action: [...SERVICE_GRANTS[g].actions], Resource: resource.includes('${') ? sub(resource) : resource };
        if (!entry.statements.some((s) => JSON.stringify(s) === JSON.stringify(st))) entry.statements.push(st);
      }
      return roleId;
    },
    apiIntegration(edge, to) {
      return facetOf(to)?.apiIntegration?.(edge, to, kit);
    },
    state<T>(key: string, make: () => T): T {
      if (!state.has(key)) state.set(key, make());
      return state.get(key) as T;
    },
  };

  // ---- Nodes -----------------------------------------------------------------------------------
  const order = (n: GraphNode): number => facetOf(n)?.order ?? 1;
  const generated = [...graph.nodes.values()].filter((n) => ctx.node(n.id)).sort((a, b) => order(a) - order(b) || (a.id < b.id ? -1 : 1));
  for (const node of generated) {
    building = node.id;
    facetOf(node)?.resources?.(node, kit);
  }
  building = undefined;

  // ---- Execution roles: the permissions of each function's edges ------------------------------------
  /** Generated, or an existing resource referenced by ARN. */
  const reached = (name: string): boolean => ctx.node(name) !== undefined || ctx.existing(name) !== undefined;
  for (const edge of graph.edges) {
    if (!reached(edge.from) || !reached(edge.to)) continue;
    for (const p of edgePermissions(edge, graph)) {
      if (p.grantee !== 'execution-role' || !ctx.node(p.function!)) continue;
      const statements = roleStatements.get(p.function!);
      if (!statements) continue;
      // Statements on the same resource with the same condition share one statement.
      const st = identityStatement(p);
      const key = (x: Obj): string => JSON.stringify([x.Resource, x.Condition ?? null]);
      const same = statements.find((x) => x.Effect === 'Allow' && key(x) === key(st));
      if (same) {
        same.Action = [...new Set([...(same.Action as string[]), ...p.actions])].sort();
        continue;
      }
      // Several catalog events put on one bus: one statement allowing each (a call may batch them).
      const putEvents = p.actions.length === 1 && p.actions[0] === 'events:PutEvents'
        ? statements.find((x) => x.Effect === 'Allow' && JSON.stringify(x.Action) === '["events:PutEvents"]' && JSON.stringify(x.Resource) === JSON.stringify(st.Resource) && unionPutEventsConditions(x.Condition as Condition, p.condition))
        : undefined;
      if (putEvents) putEvents.Condition = unionPutEventsConditions(putEvents.Condition as Condition, p.condition);
      else statements.push(st);
    }
  }

  // ---- Edges -------------------------------------------------------------------------------------
  for (const edge of graph.edges) {
    const from = ctx.node(edge.from);
    const to = ctx.node(edge.to);
    if (from && to) {
      facetOf(from)?.edge?.(edge, from, to, kit);
      continue;
    }
    wireExternal(edge);
  }

  // ---- What each kind completes once every edge is known ------------------------------------------
  for (const m of KIND_MODULES) (m.cloudformation as CloudFormationFacet<GraphNode['kind']> | undefined)?.finish?.(kit);

  // ---- Shared IAM: resource policies and service roles --------------------------------------------
  /** Statement ids are unique within a policy. */
  const uniqueSids = (statements: Obj[]): Obj[] => {
    const seen = new Set<string>();
    return statements.map((st) => {
      let sid = String(st.Sid);
      for (let i = 2; seen.has(sid); i++) sid = `${st.Sid}${i}`;
      seen.add(sid);
      return { ...st, Sid: sid };
    });
  };
  for (const [policyId, { target, type, property, statements }] of policyStatements) {
    kit.add(policyId, type, {
      [property]: [ref(ctx.id(target.id)!)],
      PolicyDocument: { Version: '2012-10-17', Statement: uniqueSids(statements) },
    });
  }
  for (const [roleId, { principal, statements }] of serviceStatements) {
    kit.add(roleId, 'AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } } }],
      },
      Policies: statements.length > 0 ? [{ PolicyName: 'archflow-least-privilege', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] : undefined,
    });
  }

  // No function, no code to upload: the template takes no parameter.
  if (functions.length === 0) delete parameters.ArtifactBucket;
  const sortKeys = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const description = typeof doc.description === 'string' && doc.description ? doc.description : undefined;
  return {
    template: {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `${description ? description + ' — ' : ''}generated by Archflow from '${ctx.name}'.`.slice(0, 1024),
      Parameters: sortKeys(parameters),
      Resources: sortKeys(resources),
      Outputs: sortKeys(outputs),
    },
    functions: functions.sort((a, b) => (a.name < b.name ? -1 : 1)),
    owners,
  };
}

export type { Cfn };
