/**
 * The contract of a kind module. A kind (queue, topic, function, …) is data plus a few functions in
 * one module, `kinds/<kind>.ts`, listed in `kinds/index.ts`: everything Archflow knows about it that
 * is not a lint rule. docs/contributing.md ("Adding a kind") walks through the facets.
 *
 * Kind modules are leaves: they import types and helper modules (util/, codegen/cfn.ts,
 * codegen/sample-events.ts, codegen/event-source-mapping.ts, import/helpers.ts, model/edge-permissions.ts, …),
 * never the registry or the parts that read it (graph, codegen, import, diagram, features, rules);
 * ESLint keeps it so, and there is no import cycle.
 */
import type { Cfn } from '../codegen/cfn';
import type { CodegenContext } from '../codegen/context';
import type { EmitInput, EmitterSpec, PayloadKit, SampleKit, Trigger, TriggerInfo } from '../codegen/events-kit';
import type { TemplateKit } from '../codegen/template-kit';
import type { Draft, DraftNode } from '../import/draft';
import type { Resource, Template } from '../import/template';
import type { KeySetting } from '../layout/diagram';
import type { PermissionScope } from '../model/edge-permissions';
import type { EdgeKind, EventDecl, GraphEdge, GraphNode, Mechanism } from '../model/graph';
import type { FilePort } from '../files';
import type { SimulateFacet } from '../simulate/types';
import type { Pointer } from '../span';
import type { Obj } from '../util/value';
import type { NodeKind } from './index';

/** The three lanes of the event-driven model. */
export type Lane = 'producer' | 'router' | 'consumer';

/** The sections of the file that declare nodes. */
export type Section = 'producers' | 'routers' | 'consumers';

/** What parsing a declaration's settings may use besides the declaration itself. */
export interface SettingsInput {
  /** The node's name. */
  readonly name: string;
  readonly section: Section;
  /** Where it is declared (`['routers', name]`). */
  readonly pointer: Pointer;
  /** The document's `defaults` (a plain object, `{}` when absent). */
  readonly defaults: Obj;
  /**
   * Reads a file the declaration names (a state machine's `definition: ./order.asl.json`), relative
   * to the architecture file; absent when the host gave no port (text analysed on its own).
   */
  readonly files?: FilePort;
}

/**
 * The identity of a kind and its typed settings. `K` is the `type:` word, `S` the settings parsed
 * from the declaration once, when the graph is built (`GraphNode['settings']`).
 */
export interface KindIdentity<K extends string = string, S = unknown> {
  /** The `type:` word, e.g. `event-bus`. */
  readonly kind: K;
  /** How messages name it: `queue`, `event bus`, `HTTP API`. */
  readonly label: string;
  /** Where it may be declared (the first is where new ones go); `external` may stand in any section. */
  readonly sections: readonly Section[];
  /** The key naming it inside a target object, e.g. `bus` in `{ bus: orders }`. */
  readonly targetKey?: string;
  /** What people write for it instead (lower case): the service or resource they think of (`sqs`, `aws::sqs::queue`). */
  readonly aliases?: readonly string[];
  /**
   * The mechanisms through which other kinds reach this one (`rule`, `schedule`, `emit`, `route`,
   * `pipe`): a slot of another kind whose `mechanism` is one of these also accepts this kind, without
   * that kind's module naming it (a state machine is a rule's target, a schedule's, …).
   */
  readonly reachedBy?: readonly Mechanism[];
  /**
   * True for `external`: it stands in for a resource of any kind, so any reference may name it,
   * messages and quick fixes never offer it, and nothing is generated for it.
   */
  readonly standsIn?: boolean;
  /**
   * Reads the declaration as written (a plain object, `{}` when the value was not a map) into typed
   * settings. Never throws: a value of the wrong type is left out (the schema reports it).
   */
  settings(config: Obj, input: SettingsInput): S;
}

/**
 * A place in a declaration where a name is written, and what the name may be: nodes of some kinds
 * (`any`: every kind), a catalog event, or (in an event pattern) an event's detail type or source.
 * Completion, rename and go-to-definition read these; `link` checks references against the same lists.
 */
export interface ReferenceSlot {
  /**
   * The path under the declaration, its segments joined by `/`: `#` stands for a list index and a
   * `/` inside a key is written `~1`. E.g. `/^to(\/#)?$/`, `/^routes\/[^/]+$/`.
   */
  readonly at: RegExp;
  readonly names: readonly NodeKind[] | 'any' | 'event' | 'detail-type' | 'source';
  /**
   * The mechanism of the edges the slot makes, when kinds that declare `reachedBy` it are accepted
   * too (the registry's `slotNames` adds them; the graph checks references against the same list).
   */
  readonly mechanism?: Mechanism;
}

/** A reference as written: a bare name, or `{ <kind key>: name, ...options }`. */
export interface Ref {
  readonly name: string;
  /** Where the name is written. */
  readonly pointer: Pointer;
  /** The object holding the options (the name itself when written bare). */
  readonly optionsAt: Pointer;
  readonly options: Obj;
  /** The kind the object's key says it is (`{ queue: x }` → queue). */
  readonly stated?: NodeKind;
}

/** What `link` uses to read references and add edges (implemented by the graph builder). */
export interface Linker {
  /**
   * Reads a reference: a bare name, or a target object whose first kind key (of `only`'s kinds when
   * given, else of every kind) names it. `nameKey` reads `{ <nameKey>: name, … }` instead (`emits`).
   */
  ref(value: unknown, at: Pointer, only?: readonly NodeKind[] | { readonly nameKey: string }): Ref | undefined;
  /**
   * Checks a reference against the kinds it may name and adds its edge. `context` completes the
   * message of a wrong kind: "the consumer of queue 'billing' must be a function".
   */
  edge(
    from: GraphNode, ref: Ref | undefined, names: ReferenceSlot['names'], kind: EdgeKind, mechanism: Mechanism, context: string,
    extra?: {
      readonly event?: string; readonly rule?: string; readonly route?: string;
      /** The edge goes from the node named to `from` (a pipe names its source: `source → pipe`). */
      readonly reverse?: boolean;
    },
  ): void;
  /** Records a reference to a catalog event; returns its name when it is declared. */
  event(value: unknown, at: Pointer): string | undefined;
  /** Records the declaration of a name in another namespace than nodes (a bus's rules). */
  declare(name: string, at: Pointer, namespace: 'rule'): void;
  /** `queue 'billing'`: the node as messages name it. */
  subject(node: GraphNode): string;
  /**
   * The kind of a declared node (every node is declared before any is linked), for a reference whose
   * edge depends on what it names: a function in `emits` is invoked, a router is sent to.
   */
  kindOf(name: string): NodeKind | undefined;
}

/** The references of a kind: where its declarations name other things, and the edges they make. */
export interface ReferencesFacet<K extends NodeKind> {
  /** Every place a name may be written under a declaration of this kind. */
  readonly slots: readonly ReferenceSlot[];
  /**
   * Reads the references of one node (from `node.config`, as written) and adds its edges, in the
   * order written. Edges to nodes of other kinds go through `l.edge` with the slot's `names`.
   */
  link(node: GraphNode<K>, l: Linker): void;
}

/**
 * How a kind is deployed: its CloudFormation resources and those of the edges leaving it. The IAM
 * of every edge comes from the shared permission table (model/edge-permissions.ts) through the
 * kit's grants; a facet never writes IAM actions of its own.
 */
export interface CloudFormationFacet<K extends NodeKind> {
  /** The suffix of its logical ID: `Queue` makes `billing` → `BillingQueue`. */
  readonly suffix: string;
  /**
   * True for a kind whose own resource exists outside the stack (a Kafka cluster, an MQ broker, a
   * DocumentDB cluster, named by ARN): nothing is generated for the node itself, only its edges.
   */
  readonly outside?: boolean;
  /** Nodes are built by this number, then by name (default 1; functions 0: they come first). */
  readonly order?: number;
  /**
   * The ARN of its resource for a permission's scope (`resource`, a bucket's `objects` under
   * `prefix`, a table's `stream`, a stream's enhanced fan-out `consumer` for `function`).
   * Default: `Fn::GetAtt <id>.Arn`.
   */
  arn?(node: GraphNode<K>, id: string, ctx: CodegenContext, p: ArnScope): Cfn;
  /** The environment variable that gives a function emitting to it its address: `<NAME>_<word>_<holds>`. */
  readonly env?: {
    readonly word: string;
    readonly holds: string;
    value(node: GraphNode<K>, id: string, ctx: CodegenContext): Cfn;
  };
  /** The resource policy through which services may send to it (`AWS::SQS::QueuePolicy`, listing it under `property`). */
  readonly resourcePolicy?: { readonly type: string; readonly property: string };
  /**
   * The resource types of its resources that hold data (a table's items, a queue's messages). They
   * are retained by default (`dataPolicies` in codegen/cfn.ts, opt-out `retain: false`), and a deploy
   * that removes or replaces one calls it data loss and asks for its own confirmation.
   */
  readonly holdsData?: readonly string[];
  /** Adds its own resources (nodes are built in name order). */
  resources?(node: GraphNode<K>, t: TemplateKit): void;
  /** Adds the resources of an edge leaving it (in edge order, after every node). */
  edge?(edge: GraphEdge, from: GraphNode<K>, to: GraphNode, t: TemplateKit): void;
  /**
   * Where a push along `edge` comes from, for the condition and statement id of the target's
   * resource policy: `{ arn }` (a topic's ARN, a rule's ARN) and a `sid` suffix; `account: true` adds
   * `aws:SourceAccount` to `aws:SourceArn` (an S3 bucket's ARN names no account). Default: the account.
   */
  policySource?(edge: GraphEdge, from: GraphNode<K>, t: TemplateKit): { readonly arn?: Cfn; readonly sid?: string; readonly account?: boolean };
  /** Completes its resources once every edge is known (a bus's rules, a bucket's notifications). */
  finish?(t: TemplateKit): void;
  /**
   * How an API Gateway route sends to it without a function (an HTTP API service integration): its
   * `IntegrationSubtype` and `RequestParameters`. Asked by the API's kind through `t.apiIntegration`;
   * absent: the API's kind knows the integration itself (queues, buses, streams) or has none.
   */
  apiIntegration?(edge: GraphEdge, node: GraphNode<K>, t: TemplateKit): { readonly subtype: string; readonly parameters: Obj };
}

/**
 * A picture a kind draws: a glyph in a 24 × 24 box (an SVG path, drawn with white strokes) on a
 * tile of `colour`, and the subtitle under the node's name. It travels to the renderer inside the
 * laid-out diagram (`LaidOutDiagram.icons`), so the renderer needs no table of its own.
 */
export interface Icon {
  readonly glyph: string;
  readonly colour: string;
  readonly subtitle: string;
}

/** How a kind looks on the diagram: its icons, the subtitle and the settings shown in a node's tooltip. */
export interface DiagramFacet<K extends NodeKind> {
  /** Its icons by id (ids are unique across kinds; the first is its usual one). */
  readonly icons: Readonly<Record<string, Icon>>;
  /** The icon a node shows (default: the first). */
  icon?(node: GraphNode<K>): string;
  /** The second line of a node (default: its icon's subtitle). */
  subtitle?(node: GraphNode<K>): string;
  /** The settings that matter when reviewing the design, in order; empty values are left out. */
  settings(node: GraphNode<K>): readonly KeySetting[];
}

/**
 * What flows out of a kind (facets of the edges leaving it): the types and sample payloads it
 * delivers to routers, and how it invokes a function (the handler's input type and a sample event).
 * Used by the generated handlers, their types, samples and tests.
 */
export interface EventsFacet<K extends NodeKind> {
  /** The TypeScript types of what `edge` delivers to the router it ends at (before the router's envelope). Default: `unknown`. */
  delivered?(edge: GraphEdge, from: GraphNode<K>, p: PayloadKit, seen: Set<string>): string[];
  /** The catalog events `edge` delivers. Default: none. */
  deliveredEvents?(edge: GraphEdge, from: GraphNode<K>, p: PayloadKit, seen: Set<string>): EventDecl[];
  /** A sample of what `edge` delivers. Default: `{}`. */
  deliveredSample?(edge: GraphEdge, from: GraphNode<K>, s: SampleKit, depth: number): unknown;
  /**
   * How `edge` invokes the function it ends at; `label` names the source (`queue 'billing'`).
   * Undefined (or no `trigger`): the handler gets `unknown`.
   */
  trigger?(edge: GraphEdge, from: GraphNode<K>, p: PayloadKit, label: string): TriggerInfo | undefined;
  /** A sample event of a trigger from this kind, as the function receives it. Default: `{}`. */
  sample?(t: Trigger & { readonly source: GraphNode<K> }, s: SampleKit): unknown;
}

/** The typed helpers a function gets for emitting to a node of this kind (`emits`). */
export interface EmitFacet<K extends NodeKind> {
  emitters(edge: GraphEdge, target: GraphNode<K>, e: EmitInput): readonly EmitterSpec[];
}

/**
 * How `archflow import` maps CloudFormation and SAM templates onto this kind: which resource types
 * become its nodes, their settings, and how the wiring passes attach edges to them. The wiring
 * resources themselves (rules, mappings, subscriptions, integrations) are read in import/map-*.ts.
 */
export interface ImportFacet<K extends NodeKind> {
  /** The resource types that become a node of this kind. */
  readonly types: readonly string[];
  /** False for a resource of those types that is not of this kind (a WebSocket API). Default: true. */
  accepts?(t: Template, r: Resource): boolean;
  /** A suffix its node's name needs (`.fifo` for a FIFO queue). */
  nameSuffix?(t: Template, r: Resource): string | undefined;
  /** Reads the resource's own settings (not its edges) into the node's `props`, noting what is not carried over. */
  settings?(d: Draft, r: Resource, node: DraftNode & { readonly kind: K }): void;
  /** Settings of the whole architecture this kind reads from the template (SAM `Globals.Function` → `defaults`). */
  defaults?(d: Draft): Obj;
  /**
   * Adds the edge `from → to` where the format keeps it for this kind (`to` of a queue, a topic, …).
   * Returns false, with a note, when the format has no such edge. Default: no such edge.
   */
  connect?(d: Draft, from: DraftNode, to: DraftNode, options: Obj, key?: string): boolean;
  /** What the declaration says right after `type` (an external's `resource`). */
  head?(node: DraftNode): Obj;
  /** Writes the node's edges into its declaration, after its settings (`to`, `routes`, `rules`, `emits`, …). */
  edges?(node: DraftNode, out: Obj): void;
  /**
   * How an imported function's IAM grants on a node of this kind read as `emits`: the IAM service
   * and its actions (lower case) that send or read, and the SAM policy templates that grant them.
   */
  readonly grants?: {
    readonly service: string;
    readonly write: readonly string[];
    readonly read?: readonly string[];
    /**
     * SAM policy templates granting on it: their argument naming the resource, and the access they
     * give (the kind's `access` words when it can be read, else `write`).
     */
    readonly templates?: Readonly<Record<string, { readonly arg: string; readonly access: readonly string[] }>>;
    /** Only for the nodes this holds for (an external standing for a state machine). */
    applies?(node: DraftNode): boolean;
  };
}

/** How a kind shows in the editor: its completion snippet, its hover and its children in the outline. */
export interface EditorFacet<K extends NodeKind> {
  /**
   * The snippet declaring a new one (completion in its section): block lines, the one-line flow form
   * and its documentation. `fn(n)` is tab stop `n` offering the file's functions; `of(n, kinds, fallback)`
   * (when the editor gives it) tab stop `n` offering the file's nodes of `kinds`, else `fallback`.
   */
  snippet(
    fn: (n: number) => string,
    of?: (n: number, kinds: readonly NodeKind[], fallback: string) => string,
  ): { readonly block: readonly string[]; readonly flow: string; readonly doc: string };
  /** The settings a hover on a node shows, as written (`visibilityTimeout \`4d\``). */
  hover?(node: GraphNode<K>): string[];
  /**
   * The ways in that are not edges of the graph, as hover lines (a function URL's HTTPS callers): a
   * node with only these is not "inbound: none".
   */
  entrances?(node: GraphNode<K>): string[];
  /** Named children in the document outline (a bus's `rules`, an API's `routes`). */
  readonly outline?: { readonly key: string; readonly kind: 'rule' | 'route' };
  /** Its symbol in the outline, by the LSP `SymbolKind` name (`Class`, `Interface`). Default `Object`. */
  readonly symbol?: 'Class' | 'Interface' | 'Module' | 'Namespace' | 'Package' | 'Struct' | 'Event' | 'Function' | 'Method' | 'Array' | 'Constant' | 'Object' | 'Operator';
}

/** Which ARN of a node a permission is on (`EdgePermission`'s scope, prefix and function). */
export interface ArnScope {
  readonly scope: PermissionScope;
  readonly prefix?: string;
  readonly function?: string;
}

/** A kind module: its identity and settings, and the facets the rest of Archflow asks it for. */
export interface KindModule<K extends string = string, S = unknown> extends KindIdentity<K, S> {
  readonly references: ReferencesFacet<K & NodeKind>;
  /** Absent for a kind that is never generated (`external`). */
  readonly cloudformation?: CloudFormationFacet<K & NodeKind>;
  readonly diagram: DiagramFacet<K & NodeKind>;
  readonly events?: EventsFacet<K & NodeKind>;
  /** Absent for a kind functions do not emit to. */
  readonly emit?: EmitFacet<K & NodeKind>;
  readonly import: ImportFacet<K & NodeKind>;
  readonly editor: EditorFacet<K & NodeKind>;
  /**
   * How it behaves in the simulator: `create(node, kit)` builds its runtime for one simulation
   * (simulate/types.ts `NodeSim`). The implementation lives in `simulate/kinds/<kind>.ts`, a leaf like
   * this module. Absent: the simulator counts what reaches it and passes nothing on.
   */
  readonly simulate?: SimulateFacet<GraphNode<K & NodeKind>>;
}
