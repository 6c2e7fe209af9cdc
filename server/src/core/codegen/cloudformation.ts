/**
 * The CloudFormation template of a graph. Each kind's module adds its resources and those of the
 * edges leaving it (`kinds/<kind>.ts`, `cloudformation`); this module runs them in a fixed order
 * and owns what is shared: execution-role statements, resource policies, Lambda permissions and
 * service roles, all from the permission table (model/edge-permissions.ts).
 */
import { KIND_MODULES, kindModule } from '../kinds/index';
import type { CloudFormationFacet } from '../kinds/kind';
import { edgePermissions, type EdgePermission } from '../model/edge-permissions';
import type { GraphEdge, GraphNode } from '../model/graph';
import { isObj, type Obj } from '../util/value';
import { compact, getAtt, ref, type Cfn } from './cfn';
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
export function buildTemplate(ctx: CodegenContext): { template: Template; functions: FunctionDeployment[] } {
  const resources: Record<string, Resource> = {};
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

  /** Where a push comes from, for resource-policy conditions and statement ids. */
  const resourceStatement = (edge: GraphEdge, p: EdgePermission): Obj => {
    const from = graph.nodes.get(edge.from)!;
    const source = facetOf(from)?.policySource?.(edge, from, kit) ?? {};
    return {
      Sid: `From${pascal(edge.from)}${source.sid ?? ''}${edge.kind === 'dead-letter' ? 'DeadLetters' : ''}`,
      Effect: 'Allow',
      Principal: { Service: p.principal },
      Action: p.actions.length === 1 ? p.actions[0] : [...p.actions],
      Resource: ctx.arn(p.resource),
      Condition: source.arn === undefined
        ? { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } }
        : { ArnEquals: { 'aws:SourceArn': source.arn } },
    };
  };

  const kit: TemplateKit = {
    ctx,
    add(id, type, properties, extra = {}) {
      resources[id] = { Type: type, Properties: compact(properties), ...extra };
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
        const st = { Effect: 'Allow', Action: [...p.actions], Resource: ctx.arn(p.resource) };
        if (!entry.statements.some((s) => JSON.stringify(s) === JSON.stringify(st))) entry.statements.push(st);
      }
      return roleId;
    },
    state<T>(key: string, make: () => T): T {
      if (!state.has(key)) state.set(key, make());
      return state.get(key) as T;
    },
  };

  // ---- Nodes -----------------------------------------------------------------------------------
  const order = (n: GraphNode): number => facetOf(n)?.order ?? 1;
  const generated = [...graph.nodes.values()].filter((n) => ctx.node(n.id)).sort((a, b) => order(a) - order(b) || (a.id < b.id ? -1 : 1));
  for (const node of generated) facetOf(node)?.resources?.(node, kit);

  // ---- Execution roles: the permissions of each function's edges ------------------------------------
  for (const edge of graph.edges) {
    if (!ctx.node(edge.from) || !ctx.node(edge.to)) continue;
    for (const p of edgePermissions(edge, graph)) {
      if (p.grantee !== 'execution-role' || !ctx.node(p.function!)) continue;
      const statements = roleStatements.get(p.function!);
      if (!statements) continue;
      const resource = ctx.arn(p.resource, p);
      const same = statements.find((st) => JSON.stringify(st.Resource) === JSON.stringify(resource) && st.Effect === 'Allow');
      if (same) same.Action = [...new Set([...(same.Action as string[]), ...p.actions])].sort();
      else statements.push({ Effect: 'Allow', Action: [...p.actions], Resource: resource });
    }
  }

  // ---- Edges -------------------------------------------------------------------------------------
  for (const edge of graph.edges) {
    const from = ctx.node(edge.from);
    const to = ctx.node(edge.to);
    if (!from || !to) continue;
    facetOf(from)?.edge?.(edge, from, to, kit);
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
      Policies: [{ PolicyName: 'archflow-least-privilege', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
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
  };
}

export type { Cfn };
