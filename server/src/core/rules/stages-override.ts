// Rule: stages/override
// A stage's overrides name nodes the file declares and settings a stage may change (sizes, limits,
// retention), never what a node is connected to: every stage has the same flows and handlers.
import { declaredNode, STAGE_DEFAULTS, STAGE_NAME, STAGE_SETTINGS } from '../model/stages';
import { isObj } from '../util/value';
import type { Rule } from './rule';

const list = (keys: readonly string[]): string => (keys.length === 0 ? 'nothing' : keys.map((k) => `\`${k}\``).join(', '));

export const stagesOverride: Rule = {
  code: 'stages/override',
  severity: 'error',
  description: "A stage's overrides (`stages.<stage>.nodes`, `stages.<stage>.defaults`) name nodes the file declares and settings a stage may change.",
  why: 'Each stage is its own stack built from the same file: it may size, limit and retain differently, but its flows and handlers are the ones written. An override of an unknown node or of a connection would be silently ignored, so the stage would not be what the file says.',
  source: { title: 'CreateStack (CloudFormation API reference): each stage is a stack of its own', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html' },
  check({ root }, report) {
    if (!isObj(root) || !isObj(root.stages)) return;
    for (const [stage, s] of Object.entries(root.stages)) {
      if (!STAGE_NAME.test(stage) || !isObj(s)) continue;
      if (isObj(s.defaults)) {
        for (const key of Object.keys(s.defaults)) {
          if (STAGE_DEFAULTS.includes(key)) continue;
          report({ at: ['stages', stage, 'defaults', key], target: 'key', message: `Stage '${stage}' cannot change the default \`${key}\`: a stage changes ${list(STAGE_DEFAULTS)}.` });
        }
      }
      if (!isObj(s.nodes)) continue;
      for (const [name, over] of Object.entries(s.nodes)) {
        const node = declaredNode(root, name);
        if (!node) {
          report({ at: ['stages', stage, 'nodes', name], target: 'key', message: `Stage '${stage}' overrides '${name}', which the file does not declare.` });
          continue;
        }
        if (!node.kind || !isObj(over)) continue;
        const allowed = STAGE_SETTINGS[node.kind];
        for (const key of Object.keys(over)) {
          if (allowed.includes(key)) continue;
          report({
            at: ['stages', stage, 'nodes', name, key], target: 'key', nodes: [name],
            message: `Stage '${stage}' cannot change \`${key}\` of ${node.kind} '${name}': a stage changes ${list(allowed)} of a ${node.kind}, never what it is connected to.`,
          });
        }
      }
    }
  },
};
