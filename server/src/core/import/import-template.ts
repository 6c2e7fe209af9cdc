import { DEFAULT_LIMITS } from '../facts/limits';
import type { Problem } from '../span';
import { Draft } from './draft';
import { mapApis } from './map-api';
import { mapEmits, roleGrants, rolesTrusting } from './map-emits';
import { declareNodes, isSupporting, mapSettings, WIRING_TYPES } from './map-nodes';
import { mapWiring } from './map-wiring';
import { architectureName, fitArchitectureName } from './names';
import { readTemplate } from './read-template';
import { isObj, Template } from './template';
import { writeArchitecture } from './write-yaml';

/** What importing a template gives. */
export interface ImportResult {
  /** The architecture file (empty when the template could not be read). */
  readonly yaml: string;
  /** The architecture's `name`, from the file (or folder) name: `<name>.arch.yaml` is the natural file name. */
  readonly name: string;
  /** What was approximated, one sentence each (also written as comments at the top of `yaml`). */
  readonly notes: readonly string[];
  /** Why the template could not be read (`import/parse`): spans are offsets into the template text. */
  readonly problems: readonly Problem[];
}

/** What the host tells the importer about where things are. */
export interface ImportOptions {
  /**
   * A path the template gives relative to itself (a state machine's `DefinitionUri`), written
   * relative to the architecture file instead; without it, paths are written as they are.
   */
  readonly relocate?: (path: string) => string;
}

/** Last pass: what was left out or approximated, for the notes. */
function finish(d: Draft): void {
  const { t } = d;
  for (const r of t.resources.values()) {
    if (!d.get(r.id) && isSupporting(r.type)) d.notes.notImported(r.id, r.type);
    else if (!d.get(r.id) && WIRING_TYPES.has(r.type) && r.type !== 'AWS::Events::Rule') d.notes.readAsEdges(r.id, r.type);
    if (r.condition && d.get(r.id)) d.notes.add(`${r.id} exists only when the condition ${r.condition} holds; it was imported unconditionally.`);
  }
  // Queues an API sends to through routes the import could not read: their sender is that API.
  if (d.unreadApis.length > 0) {
    for (const role of rolesTrusting(d, 'apigateway.amazonaws.com')) {
      for (const [node, access] of roleGrants(d, { Ref: role.id })) {
        if (node.kind === 'queue' && access.has('write') && node.incoming === 0) {
          node.suppress.set('sqs/no-sender', `${d.unreadApis.map((a) => a.name).join(' or ')} may send to it (role ${role.id}); its routes were not read`);
        }
      }
    }
  }
  if (t.unread.length > 0) d.notes.add(`Not read (not a resource, e.g. a \`Fn::ForEach\` loop that CloudFormation expands): ${t.unread.join(', ')}.`);
  for (const a of t.approximations) d.notes.add(a);
  if (t.numbersLeftOut.size > 0) d.notes.add(`Numbers given by parameters without a default were left out (the AWS default applies): ${[...t.numbersLeftOut].join(', ')}.`);
  if (t.unresolvedParameters.size > 0) {
    d.notes.add(`Parameters without a default were written as <Name> placeholders: ${[...t.unresolvedParameters].join(', ')}.`);
  }
}

/**
 * Imports an AWS SAM or CloudFormation template (YAML with short-form intrinsics, or JSON) as an
 * Archflow architecture file. Resources with an Archflow kind become nodes (named by their logical
 * IDs), the wiring between them (SAM events, event source mappings, subscriptions, rule targets,
 * bucket notifications, pipes, schedules, API integrations, IAM grants) becomes edges, SAM
 * `Globals` become `defaults`, and parameters take their defaults. Anything else that carries events
 * becomes an `external` node; everything approximated is listed in `notes` and at the top of the
 * file. Pure and total: a template that cannot be read gives `import/parse` problems, never a throw.
 */
export function importTemplate(text: string, fileName: string, options: ImportOptions = {}): ImportResult {
  const name = architectureName(fileName);
  const read = readTemplate(text);
  if (read.problems.length > 0 || !isObj(read.value)) return { yaml: '', name, notes: [], problems: read.problems };
  try {
    const d = new Draft(new Template(read.value), options.relocate);
    declareNodes(d);
    mapSettings(d);
    mapApis(d);
    mapWiring(d);
    mapEmits(d);
    finish(d);
    const longest = Math.max(0, ...[...d.nodes.values()].filter((n) => n.kind === 'function').map((n) => n.name.length));
    const fitted = fitArchitectureName(name, longest, DEFAULT_LIMITS.lambdaNameLength);
    if (fitted !== name) d.notes.add(`The architecture name was shortened from ${name} to ${fitted}: deployed function names (<architecture>-<function>) must fit in ${DEFAULT_LIMITS.lambdaNameLength} characters.`);
    const notes = d.notes.render();
    const source = fileName.split(/[\\/]/).pop() || fileName;
    return { yaml: writeArchitecture(d, fitted, source, notes), name: fitted, notes, problems: [] };
  } catch (err) {
    return {
      yaml: '', name, notes: [],
      problems: [{
        code: 'import/internal', severity: 'error', span: { start: 0, end: Math.min(1, text.length) }, pointer: [],
        message: `The importer failed on this template (${(err as Error)?.message ?? String(err)}). Please report it.`,
      }],
    };
  }
}
