/**
 * What a deploy will change, property by property, from `@aws-cdk/cloudformation-diff` (the differ
 * behind `cdk diff`): the deployed template (`GetTemplate`) against the new one, merged with the
 * change set CloudFormation computed. The library knows, from the CloudFormation resource
 * specification, which property changes replace a resource, so replacements are found even where an
 * endpoint leaves the change set's `Replacement` empty (moto). Every change is classified add /
 * modify / replace / remove; removing or replacing a resource that holds data (the kinds'
 * `holdsData`: tables, buckets, streams, queues) is data loss and needs its own confirmation.
 */
import { fullDiff, ResourceImpact, type DescribeChangeSetOutput, type ResourceDifference } from '@aws-cdk/cloudformation-diff';
import { DATA_RESOURCE_TYPES } from '../core/kinds/index';

/** One property that changes. */
export interface PropertyChange {
  /** `KeySchema`, `Code.S3Key`, `DeletionPolicy`, … */
  readonly path: string;
  /** Short renderings of the values (JSON, cut to a line). Absent: the property is added / removed. */
  readonly before?: string;
  readonly after?: string;
  /** The change replaces the resource (`maybe`: depending on the value). */
  readonly replaces?: true | 'maybe';
}

/** What happens to one resource. */
export interface ResourceChange {
  readonly logicalId: string;
  readonly type: string;
  readonly node?: string;
  readonly action: 'add' | 'modify' | 'replace' | 'remove';
  /** For modifications and replacements: `True`, `Conditional` or `False` (CloudFormation's word). */
  readonly replacement?: string;
  /** The resource holds data (a table's items, a queue's messages) and leaves the stack: removed or replaced. */
  readonly dataLoss?: boolean;
  /**
   * For data loss: `retained` when its policy keeps the old resource (and its data) in the account,
   * outside the stack; `deleted` when CloudFormation deletes it with its data (`retain: false`).
   */
  readonly fate?: 'retained' | 'deleted';
  readonly properties: readonly PropertyChange[];
}

/** The change set, as a person reviews it. */
export interface ChangeSummary {
  readonly stack: string;
  readonly create: boolean;
  readonly add: readonly ResourceChange[];
  readonly modify: readonly ResourceChange[];
  readonly replace: readonly ResourceChange[];
  readonly remove: readonly ResourceChange[];
  /** The removals and replacements of resources that hold data: they need their own confirmation. */
  readonly dataLoss: readonly ResourceChange[];
}

/** A CloudFormation template as a plain object. */
export type TemplateBody = Record<string, unknown>;

const MAX_VALUE = 120;

/** A value in one short line. */
function shortly(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

function propertyChanges(d: ResourceDifference): PropertyChange[] {
  const out: PropertyChange[] = [];
  for (const [name, p] of Object.entries(d.propertyUpdates)) {
    const replaces = p.changeImpact === ResourceImpact.WILL_REPLACE ? true : p.changeImpact === ResourceImpact.MAY_REPLACE ? 'maybe' as const : undefined;
    const before = shortly(p.oldValue);
    const after = shortly(p.newValue);
    out.push({ path: name, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}), ...(replaces ? { replaces } : {}) });
  }
  for (const [name, p] of Object.entries(d.otherChanges)) {
    const before = shortly(p.oldValue);
    const after = shortly(p.newValue);
    out.push({ path: name, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Where CloudFormation's change set says more than the templates (a code key parameter that changed). */
function changeSetOnly(changeSet: DescribeChangeSetOutput | undefined, logicalId: string): { replacement?: string; properties: PropertyChange[] } {
  const c = changeSet?.Changes?.find((x) => x.ResourceChange?.LogicalResourceId === logicalId)?.ResourceChange;
  if (!c) return { properties: [] };
  const properties: PropertyChange[] = [];
  for (const d of c.Details ?? []) {
    const name = d.Target?.Name ?? d.Target?.Attribute;
    if (!name || properties.some((p) => p.path === name)) continue;
    const replaces = d.Target?.RequiresRecreation === 'Always' ? true : d.Target?.RequiresRecreation === 'Conditionally' ? 'maybe' as const : undefined;
    properties.push({ path: name, ...(d.CausingEntity ? { after: `(${d.ChangeSource === 'ParameterReference' ? 'parameter ' : ''}${d.CausingEntity})` } : {}), ...(replaces ? { replaces } : {}) });
  }
  return { ...(c.Replacement ? { replacement: c.Replacement } : {}), properties };
}

/** The resource's deletion (removal) or update-replace (replacement) policy in the template it leaves. */
function keeps(resource: { [key: string]: unknown } | undefined, removal: boolean): boolean {
  const policy = resource?.[removal ? 'DeletionPolicy' : 'UpdateReplacePolicy'];
  return policy === 'Retain' || policy === 'RetainExceptOnCreate' || policy === 'Snapshot';
}

/**
 * The reviewed changes: `deployed` is the stack's current template (undefined for a new stack),
 * `next` the one to deploy, `changeSet` CloudFormation's description of the change set (its
 * `Changes`), `nodes` names the architecture node of a logical ID.
 */
export function previewChanges(
  stack: string, deployed: TemplateBody | undefined, next: TemplateBody, changeSet: DescribeChangeSetOutput | undefined,
  nodes: Readonly<Record<string, string>>, dataTypes: ReadonlySet<string> = DATA_RESOURCE_TYPES,
  /** Property changes the templates cannot show, by logical ID (a function's new package: its code-key parameter). */
  extra: Readonly<Record<string, readonly PropertyChange[]>> = {},
): ChangeSummary {
  const diff = fullDiff(deployed ?? {}, next, changeSet);
  const add: ResourceChange[] = [];
  const modify: ResourceChange[] = [];
  const replace: ResourceChange[] = [];
  const remove: ResourceChange[] = [];
  const dataLoss: ResourceChange[] = [];
  const fromChangeSet = new Set((changeSet?.Changes ?? []).map((c) => c.ResourceChange?.LogicalResourceId).filter((x): x is string => !!x));
  diff.resources.forEachDifference((logicalId, d) => {
    const type = d.newResourceType ?? d.oldResourceType ?? '';
    const node = nodes[logicalId];
    const fromSet = changeSetOnly(changeSet, logicalId);
    let properties = propertyChanges(d);
    for (const p of [...(extra[logicalId] ?? []), ...fromSet.properties]) if (!properties.some((q) => q.path === p.path || (p.path === 'Code' && q.path.startsWith('Code.')))) properties = [...properties, p];
    const impact = d.changeImpact;
    const replaced = !d.isAddition && !d.isRemoval && (impact === ResourceImpact.WILL_REPLACE || impact === ResourceImpact.MAY_REPLACE || fromSet.replacement === 'True' || fromSet.replacement === 'Conditional');
    const action: ResourceChange['action'] = d.isAddition ? 'add' : d.isRemoval ? 'remove' : replaced ? 'replace' : 'modify';
    // A property-less difference the change set does not list (an identical resource) is no change.
    if (action === 'modify' && properties.length === 0 && !fromChangeSet.has(logicalId)) return;
    const replacement = action === 'replace' ? (fromSet.replacement ?? (impact === ResourceImpact.MAY_REPLACE ? 'Conditional' : 'True')) : action === 'modify' ? fromSet.replacement ?? 'False' : undefined;
    const losesData = (action === 'remove' || action === 'replace') && dataTypes.has(type);
    const change: ResourceChange = {
      logicalId, type, ...(node ? { node } : {}), action, ...(replacement ? { replacement } : {}),
      ...(losesData ? { dataLoss: true, fate: keeps(d.oldValue, action === 'remove') ? 'retained' as const : 'deleted' as const } : {}),
      properties,
    };
    ({ add, modify, replace, remove } as const)[action].push(change);
    if (losesData) dataLoss.push(change);
  });
  // Resources only the change set knows (a function whose code key parameter changed).
  for (const c of changeSet?.Changes ?? []) {
    const r = c.ResourceChange;
    const id = r?.LogicalResourceId;
    if (!r || !id) continue;
    if ([...add, ...modify, ...replace, ...remove].some((x) => x.logicalId === id)) continue;
    const fromSet = changeSetOnly(changeSet, id);
    for (const p of extra[id] ?? []) if (!fromSet.properties.some((q) => q.path === p.path)) fromSet.properties.unshift(p);
    const type = r.ResourceType ?? '';
    const action: ResourceChange['action'] = r.Action === 'Add' ? 'add' : r.Action === 'Remove' ? 'remove' : r.Replacement === 'True' || r.Replacement === 'Conditional' ? 'replace' : 'modify';
    const losesData = (action === 'remove' || action === 'replace') && dataTypes.has(type);
    const change: ResourceChange = {
      logicalId: id, type, ...(nodes[id] ? { node: nodes[id] } : {}), action, ...(r.Replacement ? { replacement: r.Replacement } : action === 'modify' ? { replacement: 'False' } : {}),
      ...(losesData ? { dataLoss: true, fate: 'deleted' as const } : {}), properties: fromSet.properties,
    };
    ({ add, modify, replace, remove } as const)[action].push(change);
    if (losesData) dataLoss.push(change);
  }
  for (const [id, props] of Object.entries(extra)) {
    if ([...add, ...modify, ...replace, ...remove].some((x) => x.logicalId === id)) continue;
    const r = (next.Resources as Record<string, { Type?: string }> | undefined)?.[id];
    if (!r) continue;
    modify.push({ logicalId: id, type: r.Type ?? '', ...(nodes[id] ? { node: nodes[id] } : {}), action: 'modify', replacement: 'False', properties: [...props] });
  }
  const byId = (a: ResourceChange, b: ResourceChange): number => (a.logicalId < b.logicalId ? -1 : a.logicalId > b.logicalId ? 1 : 0);
  return { stack, create: deployed === undefined, add: add.sort(byId), modify: modify.sort(byId), replace: replace.sort(byId), remove: remove.sort(byId), dataLoss: dataLoss.sort(byId) };
}

/** A stack's templates: the parent and its nested stacks' (by their logical ID in the parent). */
export interface StackTemplates {
  readonly parent: TemplateBody;
  readonly nested: ReadonlyMap<string, TemplateBody>;
}

const resourcesOf = (t: TemplateBody | undefined): Record<string, Record<string, unknown>> =>
  (t && typeof t.Resources === 'object' && t.Resources !== null ? t.Resources : {}) as Record<string, Record<string, unknown>>;

/** One template holding every resource of the parent and its nested stacks, and where each was. */
function flatten(t: StackTemplates): { body: TemplateBody; stackOf: Map<string, string> } {
  const resources: Record<string, Record<string, unknown>> = {};
  const stackOf = new Map<string, string>();
  for (const [id, r] of Object.entries(resourcesOf(t.parent))) {
    if (t.nested.has(id) && r.Type === 'AWS::CloudFormation::Stack') continue;
    resources[id] = r;
    stackOf.set(id, '');
  }
  for (const [name, body] of t.nested) {
    for (const [id, r] of Object.entries(resourcesOf(body))) {
      if (stackOf.has(id)) continue;
      resources[id] = r;
      stackOf.set(id, name);
    }
  }
  return { body: { ...t.parent, Resources: resources }, stackOf };
}

/**
 * The reviewed changes of a stack split into nested stacks, resource by resource across all of its
 * templates: the parent's change set alone only says that a nested stack changes, so removing a
 * table inside one would pass unseen. A resource that moves from one stack to another is deleted
 * and created again by CloudFormation: it is a replacement (data loss for a resource holding data).
 */
export function previewStackChanges(
  stack: string, deployed: StackTemplates | undefined, next: StackTemplates, changeSet: DescribeChangeSetOutput | undefined,
  nodes: Readonly<Record<string, string>>, dataTypes: ReadonlySet<string> = DATA_RESOURCE_TYPES,
  extra: Readonly<Record<string, readonly PropertyChange[]>> = {},
): ChangeSummary {
  if (next.nested.size === 0 && (!deployed || deployed.nested.size === 0)) return previewChanges(stack, deployed?.parent, next.parent, changeSet, nodes, dataTypes, extra);
  const before = deployed ? flatten(deployed) : undefined;
  const after = flatten(next);
  const nestedIds = new Set([...next.nested.keys(), ...(deployed?.nested.keys() ?? [])]);
  const ownChanges = changeSet ? { ...changeSet, Changes: (changeSet.Changes ?? []).filter((c) => !(c.ResourceChange?.ResourceType === 'AWS::CloudFormation::Stack' && nestedIds.has(c.ResourceChange.LogicalResourceId ?? ''))) } : undefined;
  const base = previewChanges(stack, before?.body, after.body, ownChanges, nodes, dataTypes, extra);
  if (!before) return base;
  const listed = new Set([...base.replace, ...base.remove].map((c) => c.logicalId));
  const moved: ResourceChange[] = [];
  for (const [id, was] of before.stackOf) {
    const is = after.stackOf.get(id);
    if (is === undefined || is === was || listed.has(id)) continue;
    const old = resourcesOf(before.body)[id];
    const type = String(old?.Type ?? '');
    const losesData = dataTypes.has(type);
    moved.push({
      logicalId: id, type, ...(nodes[id] ? { node: nodes[id] } : {}), action: 'replace', replacement: 'True',
      ...(losesData ? { dataLoss: true, fate: keeps(old, true) ? 'retained' as const : 'deleted' as const } : {}),
      properties: [{ path: '(nested stack)', before: was || '(parent)', after: is || '(parent)', replaces: true }],
    });
  }
  if (moved.length === 0) return base;
  const byId = (a: ResourceChange, b: ResourceChange): number => (a.logicalId < b.logicalId ? -1 : a.logicalId > b.logicalId ? 1 : 0);
  const movedIds = new Set(moved.map((c) => c.logicalId));
  const modify = base.modify.filter((c) => !movedIds.has(c.logicalId));
  return {
    ...base, modify,
    replace: [...base.replace, ...moved].sort(byId),
    dataLoss: [...base.dataLoss, ...moved.filter((c) => c.dataLoss)].sort(byId),
  };
}
