// Rule: sns/filter-syntax
// A subscription filter policy is one SNS accepts: lists of values, the operators SNS has, and no
// nested keys when it filters on message attributes (N3, N4).
import type { Pointer } from '../span';
import { didYouMean } from '../util/suggest';
import { isObj } from './helpers';
import type { Rule } from './rule';

/** The operators of SNS filter policies (subscription filter policies: string, numeric and key matching). */
const OPERATORS = ['exists', 'numeric', 'anything-but', 'equals-ignore-case', 'cidr', 'prefix', 'suffix'];

export const snsFilterSyntax: Rule = {
  code: 'sns/filter-syntax',
  severity: 'error',
  description: "A subscription `filter` is a policy SNS accepts: each key has a list of values, operators are SNS's (`prefix`, `suffix`, `anything-but`, `numeric`, `exists`, `cidr`, `equals-ignore-case`, `$or`), and a policy on message attributes (the default scope) has no nested keys.",
  why: 'SNS rejects an invalid filter policy when the subscription is created, so the stack fails to deploy. Nested keys only make sense for the message body: message attributes are a flat list of names, and SNS refuses a nested policy on them.',
  source: { title: 'Filter policy constraints in Amazon SNS', url: 'https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html' },
  fix: 'Puts a single value in a list (`severity: high` → `severity: [high]`), or filters on the message body (`filterScope: body`) when the policy nests keys.',
  check({ graph }, report) {
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'subscription' || !isObj(edge.options.filter)) continue;
      const at = edge.optionsAt.concat('filter');
      const body = edge.options.filterScope === 'body';
      const subject = `The filter policy of '${edge.to}' on topic '${edge.from}'`;
      const nodes = [edge.from, edge.to];
      let nested: Pointer | undefined;
      const walk = (policy: Readonly<Record<string, unknown>>, here: Pointer): void => {
        for (const [key, value] of Object.entries(policy)) {
          const p = here.concat(key);
          if (key === '$or' && Array.isArray(value)) {
            value.forEach((branch, i) => isObj(branch) && walk(branch, p.concat(i)));
          } else if (isObj(value)) {
            if (!body && nested === undefined) nested = p;
            walk(value, p);
          } else if (Array.isArray(value)) {
            value.forEach((item, i) => checkValue(item, p.concat(i)));
          } else {
            report({
              at: p, nodes, message: `${subject} gives \`${key}\` a single value; SNS expects a list of values: \`${key}: [${JSON.stringify(value)}]\`.`,
              fix: { kind: 'set-value', title: `Put the value of '${key}' in a list`, at: p, value: [value] },
            });
          }
        }
      };
      const checkValue = (item: unknown, p: Pointer): void => {
        if (!isObj(item)) return;
        for (const op of Object.keys(item)) {
          if (OPERATORS.includes(op)) continue;
          report({
            at: p.concat(op), target: 'key', nodes,
            message: `${subject} uses \`${op}\`, which is not an SNS filter operator (SNS has ${OPERATORS.map((o) => `\`${o}\``).join(', ')} and \`$or\`).${didYouMean(op, OPERATORS)}`,
          });
        }
      };
      walk(edge.options.filter, at);
      if (nested) {
        report({
          at: nested, target: 'key', nodes,
          message: `${subject} nests keys under \`${String(nested[nested.length - 1])}\`, but it filters on message attributes (the default \`filterScope\`), which SNS accepts only as a flat policy. To filter on fields of the message body, set \`filterScope: body\`.`,
          fix: { kind: 'insert-property', title: 'Filter on the message body', at: edge.optionsAt, key: 'filterScope', value: 'body', after: 'filter' },
        });
      }
    }
  },
};

