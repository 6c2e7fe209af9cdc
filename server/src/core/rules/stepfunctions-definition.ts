// Rule: stepfunctions/definition
// A state machine's definition is Amazon States Language Step Functions accepts (checked by
// asl-validator), and the file it is in can be read.
import { validateDefinition } from '../stepfunctions/validate';
import type { Rule } from './rule';
import { nodesOfKind } from './helpers';

/** `States.Charge.Next` for a place under the definition. */
const path = (at: readonly (string | number)[]): string => at.map(String).join('.');

export const stepfunctionsDefinition: Rule = {
  code: 'stepfunctions/definition',
  severity: 'error',
  description: "A state machine has a definition, valid Amazon States Language (asl-validator: states, transitions, terminal states, paths), and its file can be read.",
  why: 'CreateStateMachine rejects an invalid definition (`InvalidDefinition`), so the stack fails to deploy; a definition file that cannot be read is deployed as a state machine that fails at once.',
  source: { title: 'Amazon States Language (AWS Step Functions Developer Guide)', url: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-amazon-states-language.html' },
  check({ graph }, report) {
    for (const node of nodesOfKind(graph, 'state-machine')) {
      const s = node.settings;
      if (s.fileProblem !== undefined) {
        report({ at: s.definitionAt, nodes: [node.id], message: `The definition of state machine '${node.id}' cannot be read from ${s.definitionFile}: ${s.fileProblem}.` });
        continue;
      }
      if (!s.definition) {
        if (s.definitionFile === undefined && !s.inline && node.config.definition === undefined) {
          report({ at: node.pointer, target: 'key', nodes: [node.id], message: `State machine '${node.id}' has no \`definition\`: write its Amazon States Language inline, or the path of its file (\`definition: ./${node.id}.asl.json\`).` });
        }
        continue;
      }
      for (const p of validateDefinition(s.definition)) {
        if (s.inline) {
          report({ at: s.definitionAt.concat(p.at), ...(p.key ? { target: 'key' as const } : {}), nodes: [node.id], message: `Step Functions rejects the definition of state machine '${node.id}': ${p.message}` });
        } else {
          const where = p.at.length > 0 ? ` (at \`${path(p.at)}\`)` : '';
          report({ at: s.definitionAt, nodes: [node.id], message: `Step Functions rejects the definition of state machine '${node.id}' in ${s.definitionFile}${where}: ${p.message}` });
        }
      }
    }
  },
};
