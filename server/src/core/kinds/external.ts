/**
 * Kind `external`: something outside the Archflow vocabulary (a resource type Archflow has no kind
 * for). Shown on the diagram, never generated; it may stand in any section and send anywhere.
 */
import { isObj, type Obj } from '../util/value';
import type { KindModule, ReferenceSlot } from './kind';
import { asWritten, list, put, shown, type Mutable } from './read';

/** The settings of an external node. */
export interface ExternalSettings {
  /** The CloudFormation type it stands for, when written. */
  readonly resource?: string;
  /** True when `to` names something (a name, or a non-empty list or map). */
  readonly sendsTo: boolean;
}

const TARGET = { at: /^to(\/#)?$/, names: 'any' } as const satisfies ReferenceSlot;

/** The `external` kind. */
export const external: KindModule<'external', ExternalSettings> = {
  kind: 'external',
  label: 'external resource',
  sections: ['producers', 'routers', 'consumers'],
  standsIn: true,
  settings(c: Obj): ExternalSettings {
    const to = c.to;
    const s: Mutable<ExternalSettings> = { sendsTo: to !== undefined && to !== null && !(Array.isArray(to) && to.length === 0) && !(isObj(to) && Object.keys(to).length === 0) };
    put(s, 'resource', typeof c.resource === 'string' ? c.resource : undefined);
    return s;
  },
  references: {
    slots: [TARGET],
    link(node, l) {
      const c = node.config;
      const many = Array.isArray(c.to);
      list(c.to).forEach((t, i) => {
        const at = many ? node.pointer.concat('to', i) : node.pointer.concat('to');
        l.edge(node, l.ref(t, at), TARGET.names, 'trigger', 'external', `a target of ${l.subject(node)}`);
      });
    },
  },
  diagram: {
    icons: {
      // Something outside: a box with an arrow out.
      external: { glyph: 'M13.5 4.5h6v6 M19.5 4.5l-8.5 8.5 M17.5 14v5.5h-13v-13H10', colour: '#68707c', subtitle: 'External' },
    },
    subtitle: (node) => (node.settings.resource !== undefined ? node.settings.resource.replace(/^AWS::/, '') : 'External'),
    settings: (node) => shown([['resource', node.settings.resource]]),
  },
  import: {
    // Resources of types no kind maps are external nodes (import/helpers.ts, external).
    types: [],
    connect(d, from, to, options) {
      if (Object.keys(options).length > 0) d.notes.add(`${from.name} is an external node: the options of its edge to ${to.name} (${Object.keys(options).join(', ')}) were not carried over.`);
      if (!from.to.includes(to.name)) from.to.push(d.ref(to));
      return true;
    },
    head: (node): Obj => (node.resource ? { resource: node.resource } : {}),
    edges(node, out) {
      if (node.to.length > 0) out.to = node.to.length === 1 ? node.to[0] : [...node.to];
    },
    // A state machine's executions (StepFunctionsExecutionPolicy, states:StartExecution) read as emits.
    grants: {
      service: 'states', write: ['startexecution', 'startsyncexecution'],
      templates: { StepFunctionsExecutionPolicy: { arg: 'StateMachineName', access: ['write'] } },
      applies: (node) => /StateMachine$/.test(node.resource ?? ''),
    },
  },
  editor: {
    snippet: () => ({
      block: ['${1:name}:', '  type: external', '  resource: ${2:AWS::StepFunctions::StateMachine}'],
      flow: '${1:name}: { type: external, resource: ${2:AWS::StepFunctions::StateMachine} }',
      doc: 'Something outside the Archflow vocabulary, shown on the diagram.',
    }),
    hover: (node) => asWritten(node.config, ['resource']),
  },
};
