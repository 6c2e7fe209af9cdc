// Rule: iam/policy-resource
// Every resource of a function's own `policies` stands for an ARN: a node, `bucket/prefix*`,
// `table/index/*`, `table/stream/*`, a well-formed ARN or `*` — and an S3 ARN names what its actions act on.
import { parseArn, permissionKind, policyResourceArns, scopesOfActions } from '../model/edge-permissions';
import type { Rule } from './rule';

export const iamPolicyResource: Rule = {
  code: 'iam/policy-resource',
  severity: 'error',
  description: "Each resource of a function's `policies` names a node of the file (`uploads`, `uploads/thumbs/*`, `orders/index/*`), a well-formed ARN or `*`; an S3 ARN names the bucket for bucket actions and its objects (`…/*`) for object actions.",
  why: 'Anything else reaches CloudFormation as written: a text that is not an ARN fails the deploy (or only cfn-lint notices), and a bucket ARN given to object actions (`s3:GetObject` on `arn:aws:s3:::uploads`) is accepted but never matches, so the call is denied at run time.',
  source: { title: 'IAM JSON policy elements: Resource', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html' },
  fix: 'Writes `<bucket>/<text>` when the function uses one bucket, or the ARN of the objects (`…/*`) for object actions on a bucket ARN.',
  check({ graph }, report) {
    for (const fn of graph.nodes.values()) {
      if (fn.kind !== 'function' || !fn.settings.policies || fn.settings.role !== undefined) continue;
      const buckets = [...new Set((graph.outgoing.get(fn.id) ?? []).concat(graph.incoming.get(fn.id) ?? []).flatMap((e) => [e.from, e.to]).filter((n) => n !== fn.id && graph.nodes.get(n)?.kind === 'bucket'))];
      for (const st of fn.settings.policies) {
        const written = fn.config.policies;
        const raw = Array.isArray(written) ? (written[st.index] as { resources?: unknown } | undefined)?.resources : undefined;
        if (!Array.isArray(raw)) continue;
        raw.forEach((r, j) => {
          if (typeof r !== 'string') return;
          const at = fn.pointer.concat('policies', st.index, 'resources', j);
          const where = `'${r}' in statement ${st.index + 1} of function '${fn.id}'`;
          if (r.startsWith('arn:')) {
            const arn = parseArn(r);
            if (!arn) {
              report({ at, nodes: [fn.id], message: `${where} is not an ARN: an ARN reads \`arn:<partition>:<service>:<region>:<account>:<resource>\`, and IAM rejects the policy.` });
              return;
            }
            if (arn.service !== 's3' || st.actions.length === 0) return;
            const scopes = scopesOfActions('bucket', st.actions);
            const object = arn.resource.includes('/');
            if (!object && !scopes.includes('resource')) {
              report({
                at, nodes: [fn.id], severity: 'warning',
                message: `${where} names the bucket itself, but ${st.actions.join(', ')} act on its objects: IAM never matches them on it. Name the objects: \`${r}/*\`.`,
                fix: { kind: 'set-value', title: `Use ${r}/*`, at, value: `${r}/*` },
              });
            } else if (object && !scopes.includes('objects')) {
              // A parsed ARN has no `/` before its resource: the first one ends the bucket's name.
              const bucket = r.slice(0, r.indexOf('/'));
              report({
                at, nodes: [fn.id], severity: 'warning',
                message: `${where} names objects, but ${st.actions.join(', ')} act on the bucket itself: IAM never matches them on it. Name the bucket: \`${bucket}\`.`,
                fix: { kind: 'set-value', title: `Use ${bucket}`, at, value: bucket },
              });
            }
            return;
          }
          if (policyResourceArns(graph, r, st.actions).length > 0) return;
          const node = graph.nodes.get(r.split('/')[0]!);
          const kind = node ? permissionKind(node) : undefined;
          const forms = kind === 'bucket' ? `\`${node!.id}/<prefix>*\` (its objects under a prefix)` : kind === 'table' ? `\`${node!.id}/index/*\` or \`${node!.id}/stream/*\`` : 'a node of this file, `<bucket>/<prefix>*`, `<table>/index/*`, `<table>/stream/*`';
          const only = !node && buckets.length === 1 && !r.includes(':') ? `${buckets[0]}/${r}` : undefined;
          report({
            at, nodes: [fn.id],
            message: `${where} stands for no ARN: write ${forms}, an ARN or \`*\`${/[*?]/.test(r) && !r.includes('/') ? ' (names are not wildcards)' : ''}. As written it reaches CloudFormation unchanged and IAM rejects it.`,
            ...(only && policyResourceArns(graph, only, st.actions).length > 0 ? { fix: { kind: 'set-value', title: `Use ${only}`, at, value: only } } : {}),
          });
        });
      }
    }
  },
};
