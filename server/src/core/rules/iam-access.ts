// Rule: iam/access
// Every `access` word of an emit is one the target's kind knows (model/edge-permissions.ts ACCESS).
import { ACCESS, permissionKind } from '../model/edge-permissions';
import { nodeLabel } from '../analysis/graph-walk';
import type { Rule } from './rule';

export const iamAccess: Rule = {
  code: 'iam/access',
  severity: 'error',
  description: 'An `access` word of `emits` is one the target knows: buckets `read`, `write`, `delete`, `list`, `read-write`; tables `read`, `query`, `write`, `delete`, `read-write`; queues `send`, `receive`; topics `publish`; buses `put`; streams `write`, `read`.',
  why: 'A word the target does not know grants nothing: the function is generated without the permission it was meant to have, and its call fails with AccessDenied at run time.',
  source: { title: 'Actions, resources, and condition keys for AWS services', url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html' },
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'emit' || edge.options.access === undefined) continue;
      const to = graph.nodes.get(edge.to);
      if (!to) continue;
      const vocabulary = ACCESS[permissionKind(to)];
      if (!vocabulary) continue;
      const access = edge.options.access;
      const at = edge.optionsAt.concat('access');
      const words = Array.isArray(access) ? access.map((w, i) => ({ w, at: at.concat(i) })) : [{ w: access, at }];
      for (const { w, at: where } of words) {
        if (typeof w !== 'string' || Object.hasOwn(vocabulary.words, w)) continue;
        report({
          at: where, nodes: [edge.from, edge.to],
          message: `'${w}' is not an access of ${nodeLabel(to)}: it knows ${Object.keys(vocabulary.words).map((x) => `\`${x}\``).join(', ')}.`,
        });
      }
    }
  },
};
