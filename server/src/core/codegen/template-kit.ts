/**
 * What a kind module's CloudFormation facet works with while the template is built
 * (`kinds/<kind>.ts`, `cloudformation`): the context (logical IDs, ARNs, edges), the template being
 * filled, and the shared IAM grants, which all come from the permission table
 * (model/edge-permissions.ts). Types only; `buildTemplate` (cloudformation.ts) implements it.
 */
import type { GraphEdge, GraphNode } from '../model/graph';
import type { ServiceGrant } from '../model/edge-permissions';
import type { Obj } from '../util/value';
import type { Cfn } from './cfn';
import type { CodegenContext } from './context';

/** A CloudFormation resource. */
export interface Resource {
  Type: string;
  Properties: Obj;
  DependsOn?: string[];
  Metadata?: Obj;
  /** `Retain` on the resources that hold data (`dataPolicies`). */
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/** What the rest of codegen needs to know about a function's deployment. */
export interface FunctionDeployment {
  readonly name: string;
  readonly logicalId: string;
  readonly runtime: string;
  /** The template parameter holding the S3 key of the code. */
  readonly codeParameter: string;
  /** What deploy zips: `dist/<name>` for Node.js, the declared `code` folder otherwise. */
  readonly source: string;
  /** What `source` is relative to: the generated project (default) or the architecture file (`code`). */
  readonly base?: 'architecture';
  /** The function's own build (`build`), run in `source` before packaging. */
  readonly build?: { readonly command: string; readonly artifact?: string };
}

/** The template being built, as kind modules see it. */
export interface TemplateKit {
  readonly ctx: CodegenContext;
  /** Adds a resource (undefined properties are left out). */
  add(id: string, type: string, properties: Obj, extra?: Partial<Resource>): void;
  /** A resource added so far (to complete it once its edges are known). */
  resource(id: string): Resource | undefined;
  parameter(id: string, definition: Obj): void;
  output(id: string, definition: Obj): void;
  /** Records a function's deployment (deploy uploads its code). */
  deployment(d: FunctionDeployment): void;
  /**
   * Gives a function's generated execution role its edges' permissions: `statements` (the role's
   * policy) receives every `execution-role` permission of the function's edges, after every node is
   * built. Not called for a function whose own `policies` replace the generated ones.
   */
  executionRole(fn: string, statements: Obj[]): void;
  /** An `AWS::Lambda::Permission` letting `principal` invoke the edge's target function; returns its logical ID. */
  lambdaPermission(edge: GraphEdge, principal: string, extra: Obj, label: string[]): string;
  /** Adds the edge's `resource-policy` permissions to its target's policy (queue, topic); returns the policy's logical ID. */
  grantResourcePolicy(edge: GraphEdge): string | undefined;
  /** Adds the edge's `service-role` permissions to the role `owner` (a logical ID) assumes; returns the role's logical ID. */
  grantServiceRole(edge: GraphEdge, owner: string): string | undefined;
  /**
   * The role `owner` (a logical ID) assumes as `principal`, created even when no edge grants it
   * anything (a state machine always has a role), with the permissions of its own features from the
   * permission table (`log-delivery`). The same role `grantServiceRole` fills. Returns its logical ID.
   */
  serviceRole(owner: string, principal: string, grants?: readonly ServiceGrant[]): string;
  /** How an API route integrates with `to` when `to`'s kind says so (its `apiIntegration`); undefined otherwise. */
  apiIntegration(edge: GraphEdge, to: GraphNode): { readonly subtype: string; readonly parameters: Obj } | undefined;
  /** State a kind keeps during one build (rule targets, notifications), by key. */
  state<T>(key: string, make: () => T): T;
}

export type { Cfn };
