/**
 * Passes 1 and 2 of the import: a node for every resource a kind maps (each kind's `import.types`),
 * or an external node; then each node's own settings, read by its kind's module.
 */
import { KIND_MODULES, kindModule, type NodeKind } from '../kinds/index';
import type { ImportFacet } from '../kinds/kind';
import type { Draft, DraftNode } from './draft';
import { external, isSupporting, WIRING_TYPES } from './helpers';
import { toNodeName } from './names';
import type { Resource, Template } from './template';

export { isSupporting, WIRING_TYPES } from './helpers';

/** The import facet of a kind. */
const importOf = (kind: NodeKind): ImportFacet<NodeKind> => kindModule(kind).import as ImportFacet<NodeKind>;

/** CloudFormation and SAM types that map onto a kind (from the kinds' modules). */
const KINDS_OF_TYPE: ReadonlyMap<string, readonly NodeKind[]> = (() => {
  const out = new Map<string, NodeKind[]>();
  for (const m of KIND_MODULES) for (const type of m.import.types) (out.get(type) ?? out.set(type, []).get(type)!).push(m.kind);
  return out;
})();

/** The Archflow kind a resource maps onto, or undefined. */
export function kindOfResource(t: Template, r: Resource): NodeKind | undefined {
  return KINDS_OF_TYPE.get(r.type)?.find((kind) => importOf(kind).accepts?.(t, r) ?? true);
}

/** Pass 1: a node for every resource that maps onto a kind or has no Archflow equivalent. */
export function declareNodes(d: Draft): void {
  const { t } = d;
  for (const r of t.resources.values()) d.names.reserve(toNodeName(r.id));
  for (const r of t.resources.values()) {
    const kind = kindOfResource(t, r);
    if (kind) {
      const suffix = importOf(kind).nameSuffix?.(t, r);
      const name = suffix ? toNodeName(r.id, suffix) : toNodeName(r.id);
      d.names.reserve(name);
      d.add(r.id, kind, name, r.type);
    } else if (!WIRING_TYPES.has(r.type) && !isSupporting(r.type)) {
      external(d, r);
    }
  }
}

/** Pass 2: the architecture's defaults, then each node's own settings (not its edges). */
export function mapSettings(d: Draft): void {
  for (const m of KIND_MODULES) {
    const defaults = (m.import as ImportFacet<NodeKind>).defaults;
    if (defaults) d.defaults = defaults(d);
  }
  for (const r of d.t.resources.values()) {
    const node = d.get(r.id);
    if (!node) continue;
    importOf(node.kind).settings?.(d, r, node as DraftNode & { readonly kind: NodeKind });
  }
}
