// Rule: iam/policy-wildcard
// A function's own statements name their actions and resources: `*` in either grants far more than
// its edges need. The fix narrows the statement to what its edges need of it.
import { actionMatches } from '../model/edge-permissions';
import { functionNeeds, resourceMatches } from './iam-missing-permission';
import type { Rule } from './rule';

export const iamPolicyWildcard: Rule = {
  code: 'iam/policy-wildcard',
  severity: 'warning',
  description: "A function's own `policies` allow no wildcard action (`*`, `s3:*`, `s3:Get*`) and no `*` resource.",
  why: 'A wildcard grants every action or resource it matches, now and as AWS adds them: a bug or a leaked credential in this one function can then read, change or delete far more than its edges use (every bucket of the account for `s3:GetObject` on `*`).',
  source: { title: 'Security best practices in IAM: apply least-privilege permissions', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege' },
  fix: "Replaces the statement with the actions the function's edges need of it, on the nodes they need them on.",
  check({ graph }, report) {
    for (const fn of graph.nodes.values()) {
      if (fn.kind !== 'function' || !fn.settings.policies || fn.settings.role !== undefined) continue;
      const needs = functionNeeds(graph, fn.id);
      for (const st of fn.settings.policies) {
        if (st.effect !== 'Allow') continue;
        const actions = st.actions.filter((a) => a.includes('*') || a.includes('?'));
        const anywhere = st.resources.includes('*');
        if (actions.length === 0 && !anywhere) continue;
        // What the function's edges need that this statement grants: the narrower statement.
        const covered = needs.filter(({ permission: p }) => {
          const node = graph.nodes.get(p.resource);
          return node && p.actions.some((a) => st.actions.some((x) => actionMatches(x, a))) && st.resources.some((r) => resourceMatches(r, node, p, graph, st.actions));
        });
        const narrowActions = [...new Set(covered.flatMap(({ permission: p }) => p.actions.filter((a) => st.actions.some((x) => actionMatches(x, a)))))].sort();
        const narrowResources = [...new Set(covered.map(({ permission: p }) => (p.scope === 'objects' && p.prefix ? `${p.resource}/${p.prefix}*` : p.resource)))].sort();
        const what = [actions.length ? `${actions.map((a) => `\`${a}\``).join(', ')}` : `${st.actions.join(', ')}`, anywhere ? 'on `*` (every resource of the account)' : `on ${st.resources.join(', ')}`].join(' ');
        report({
          at: fn.pointer.concat('policies', st.index), nodes: [fn.id],
          message: `Statement ${st.index + 1} of function '${fn.id}' allows ${what}: a bug or a leaked credential in '${fn.id}' could do all of that. ${narrowActions.length ? `Its edges need ${narrowActions.join(', ')} on ${narrowResources.map((r) => `'${r}'`).join(', ')}.` : 'None of its edges needs it.'}`,
          ...(narrowActions.length
            ? { fix: { kind: 'set-value', title: `Narrow statement ${st.index + 1} to ${narrowActions.join(', ')} on ${narrowResources.join(', ')}`, at: fn.pointer.concat('policies', st.index), value: { actions: narrowActions, resources: narrowResources } } }
            : {}),
        });
      }
    }
  },
};
