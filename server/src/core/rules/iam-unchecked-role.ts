// Rule: iam/unchecked-role
// A function using an existing role (`role: arn:…`): Archflow neither generates nor sees its
// permissions, so it says what the role must grant instead of checking it.
import { functionNeeds } from './iam-missing-permission';
import type { Rule } from './rule';

export const iamUncheckedRole: Rule = {
  code: 'iam/unchecked-role',
  severity: 'info',
  description: 'A function with an existing execution role (`role`): its permissions cannot be checked; the message lists what it needs.',
  why: 'The role lives outside this file, so a missing action shows up only at runtime as AccessDenied. Declaring `policies` instead lets Archflow check every edge.',
  source: { title: 'Defining Lambda function permissions with an execution role', url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html' },
  check({ graph }, report) {
    for (const fn of graph.nodes.values()) {
      if (fn.kind !== 'function' || fn.settings.role === undefined) continue;
      const needs = new Map<string, Set<string>>();
      for (const { permission } of functionNeeds(graph, fn.id)) {
        const set = needs.get(permission.resource) ?? needs.set(permission.resource, new Set()).get(permission.resource)!;
        permission.actions.forEach((a) => set.add(a));
      }
      const list = [...needs].map(([node, actions]) => `${[...actions].join(', ')} on '${node}'`).join('; ');
      report({
        at: fn.pointer.concat('role'), nodes: [fn.id],
        message: `Function '${fn.id}' uses an existing role, so Archflow cannot check its permissions${list ? `. It needs ${list}` : ''}.`,
      });
    }
  },
};
