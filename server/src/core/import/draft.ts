import { kindModule, type NodeKind, type Section } from '../kinds/index';
import { Names } from './names';
import type { Obj, Template } from './template';

/** A node of the architecture being imported: its settings and its outgoing edges, as they will be written. */
export interface DraftNode {
  /** The logical ID it comes from, or a made-up key for nodes the template implies. */
  readonly key: string;
  readonly name: string;
  readonly kind: NodeKind;
  /** The CloudFormation type it stands for (written for externals). */
  readonly resource?: string;
  /** For externals: the section to declare it in (chosen from its edges when unset). */
  section?: Section;
  /** Settings in the order they are written (no edges). */
  readonly props: Obj;
  /** Targets (`to`): names, or target objects with options. */
  readonly to: unknown[];
  /** http-api routes: `METHOD /path` → target. */
  readonly routes: Map<string, unknown>;
  /** bucket notifications. */
  readonly notifications: Obj[];
  /** event-bus rules by name. */
  readonly rules: Map<string, Obj>;
  /** function emits by target name. */
  readonly emits: Map<string, Obj>;
  /** function `async` settings. */
  readonly async: Obj;
  /** How many edges end here (chooses the section of an external). */
  incoming: number;
  /**
   * Rules that would report what the format cannot express about this node (an authorizer has no
   * incoming edge), with the reason: written as `# archflow-disable-next-line <code> -- <reason>`.
   */
  readonly suppress: Map<string, string>;
}

/**
 * What was approximated, collected while importing and written as comments at the top of the file.
 * Free-form lines keep their order; properties not carried over and resources not imported are
 * grouped so that a big template gives a short list.
 */
export class Notes {
  private readonly lines: string[] = [];
  private readonly notCarried = new Map<string, string[]>();
  private readonly omitted: string[] = [];
  private readonly absorbed: string[] = [];

  /** One approximation, in a sentence. Duplicates are dropped. */
  add(line: string): void {
    if (!this.lines.includes(line)) this.lines.push(line);
  }

  /** A property of a resource that has no Archflow equivalent. */
  notCarriedOver(property: string, id: string): void {
    const ids = this.notCarried.get(property) ?? this.notCarried.set(property, []).get(property)!;
    if (!ids.includes(id)) ids.push(id);
  }

  /** A resource that is not part of the event flow and is not imported. */
  notImported(id: string, type: string): void {
    this.omitted.push(`${id} (${type})`);
  }

  /** A resource read into edges or settings (a mapping, subscription, permission, policy). */
  readAsEdges(id: string, type: string): void {
    this.absorbed.push(`${id} (${type})`);
  }

  /** The notes as sentences, in a stable order. */
  render(): string[] {
    const out = [...this.lines];
    if (this.notCarried.size > 0) {
      const parts = [...this.notCarried].map(([p, ids]) => `${p} (${ids.join(', ')})`);
      out.push(`Not carried over (no Archflow equivalent): ${parts.join('; ')}.`);
    }
    if (this.absorbed.length > 0) out.push(`Read into edges and settings: ${this.absorbed.join(', ')}.`);
    if (this.omitted.length > 0) out.push(`Not imported (not part of the event flow; Archflow generates IAM, logs and deployment): ${this.omitted.join(', ')}.`);
    return out;
  }
}

/** The kind key of a target object (`{ bus: orders }`), by kind; undefined for `external`. */
const targetKeyOf = (kind: NodeKind): string | undefined => (kindModule(kind) as { readonly targetKey?: string }).targetKey;

/** The architecture being built: nodes by key, unique names, notes. */
export class Draft {
  readonly nodes = new Map<string, DraftNode>();
  readonly names = new Names();
  readonly notes = new Notes();
  /** Settings shared by every function (`defaults`), from SAM `Globals`. */
  defaults: Obj = {};
  /** APIs whose routes are in files the import does not read. */
  readonly unreadApis: DraftNode[] = [];

  constructor(readonly t: Template) {}

  /** Adds a node. `name` must come from `names` (reserved). */
  add(key: string, kind: NodeKind, name: string, resource?: string, section?: Section): DraftNode {
    const node: DraftNode = {
      key, name, kind, ...(resource ? { resource } : {}), ...(section ? { section } : {}),
      props: {}, to: [], routes: new Map(), notifications: [], rules: new Map(), emits: new Map(), async: {}, incoming: 0, suppress: new Map(),
    };
    this.nodes.set(key, node);
    return node;
  }

  get(key: string): DraftNode | undefined {
    return this.nodes.get(key);
  }

  /**
   * A reference to `target` with options, as a target object when there are options and the target
   * has a kind key (`{ queue: audit, filter: … }`), else its bare name. Options an external cannot
   * take are dropped with a note. Counts the edge for `target`.
   */
  ref(target: DraftNode, options: Obj = {}, keyOverride?: string): unknown {
    target.incoming++;
    const opts = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    if (Object.keys(opts).length === 0) return target.name;
    const key = keyOverride ?? targetKeyOf(target.kind);
    if (!key) {
      this.notes.add(`${target.name} is an external node: the options of edges into it (${Object.keys(opts).join(', ')}) were not carried over.`);
      return target.name;
    }
    return { [key]: target.name, ...opts };
  }

  /**
   * An external node standing in for something the template points at but does not declare (an
   * ARN, a parameter, a service): created once per `key`.
   */
  standIn(key: string, label: string, resource: string, description: string, section?: Section): DraftNode {
    const existing = this.nodes.get(key);
    if (existing) return existing;
    const node = this.add(key, 'external', this.names.fresh(label), resource, section);
    node.props.description = description;
    return node;
  }
}
