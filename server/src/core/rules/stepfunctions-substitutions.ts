// Rule: stepfunctions/substitutions
// Every `${Name}` a state machine's definition uses is given by `substitutions`, and every node
// `substitutions` names is used by the definition.
import type { Rule } from './rule';
import { nodesOfKind } from './helpers';

export const stepfunctionsSubstitutions: Rule = {
  code: 'stepfunctions/substitutions',
  severity: 'warning',
  description: "Every `${Name}` of a state machine's definition is in its `substitutions`, and every entry of `substitutions` is used.",
  why: 'CloudFormation leaves a `${Name}` without a substitution in the definition as written, so the Task state calls a resource that does not exist and fails at run time; a substitution no state uses grants the state machine permissions on a resource it never calls, and draws an edge that is not there.',
  source: { title: 'AWS::StepFunctions::StateMachine DefinitionSubstitutions (AWS CloudFormation)', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-stepfunctions-statemachine.html#cfn-stepfunctions-statemachine-definitionsubstitutions' },
  check({ graph }, report) {
    for (const node of nodesOfKind(graph, 'state-machine')) {
      const s = node.settings;
      const facts = s.facts;
      if (!facts) continue;
      for (const [placeholder, at] of facts.placeholders) {
        if (placeholder.startsWith('AWS::') || s.substitutions.has(placeholder) || s.literals.has(placeholder)) continue;
        report({
          at: s.inline ? s.definitionAt.concat(at) : s.definitionAt, nodes: [node.id],
          message: `The definition of state machine '${node.id}'${s.inline ? '' : ` (${s.definitionFile})`} uses \${${placeholder}}, which \`substitutions\` does not give: it stays as written in the deployed definition.`,
        });
      }
      const own = node.pointer.concat('substitutions');
      for (const key of [...s.substitutions.keys(), ...s.literals.keys()]) {
        if (facts.placeholders.has(key)) continue;
        report({
          at: own.concat(key), target: 'key', nodes: [node.id],
          message: `No state of state machine '${node.id}' uses \${${key}}: ${s.substitutions.has(key) ? `it grants permissions on '${s.substitutions.get(key)}' and draws an edge to it for nothing` : 'the value is unused'}.`,
        });
      }
    }
  },
};
