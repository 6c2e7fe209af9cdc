/**
 * What a kind module's CloudFormation facet works with while the template is built
 * (`kinds/<kind>.ts`, `cloudformation`): the context (logical IDs, ARNs, edges), the template being
 * filled, and the shared IAM grants, which all come from the permission table
 * (model/edge-permissions.ts). Types only; `buildTemplate` (cloudformation.ts) implements it.
 */
import type { GraphEdge } from '../model/graph';
import type { Obj } from '../util/value';
import type { Cfn } from './cfn';
import type { CodegenContext } from './context';

/** A CloudFormation resource. */
export interface Resource {
  Type: string;
  Properties: Obj;
  DependsOn?: string[];
  Metadata?: Obj;
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
  /** State a kind keeps during one build (rule targets, notifications), by key. */
  state<T>(key: string, make: () => T): T;
}

export type { Cfn };
