// Templates that always fit: how the generated CloudFormation is split into a parent and nested
// stacks for architectures of 100, 1,000 and 5,000 nodes (quotas per template: 500 resources, 200
// parameters, 200 outputs, 1 MB; shared aws-limits.md CF1–CF4), and the time the split takes.
export const order = 45;

const kb = (bytes) => `${Math.round(bytes / 1000).toLocaleString('en-US')} kB`;

export async function run(ctx) {
  const rows = [];
  const checks = [];
  const { parse } = await ctx.importTs('server/src/core/index.ts');
  const { generate } = await ctx.importTs('server/src/core/codegen/generate.ts');
  const { TEMPLATE_QUOTAS: q } = await ctx.importTs('server/src/core/facts/cloudformation.ts');
  for (const n of ctx.sizes) {
    const t0 = performance.now();
    const project = generate({ root: parse(ctx.architecture(n)).value });
    const ms = performance.now() - t0;
    const stacks = project.stacks;
    const nested = stacks.length - 1;
    const resources = stacks.reduce((sum, r) => sum + r.resources, 0) - nested;
    const perStack = stacks.map((r) => r.resources);
    const bytes = stacks.map((r) => r.bytes);
    rows.push(
      { metric: 'templates: parent + nested stacks', size: n, value: stacks.length, unit: '', display: `1 + ${nested}` },
      { metric: 'resources in all / per template (min–max)', size: n, value: resources, unit: '', display: `${resources.toLocaleString('en-US')} / ${Math.min(...perStack)}–${Math.max(...perStack)}` },
      { metric: 'parameters / outputs per template (max)', size: n, value: Math.max(...stacks.map((r) => r.parameters)), unit: '', display: `${Math.max(...stacks.map((r) => r.parameters))} / ${Math.max(...stacks.map((r) => r.outputs))}` },
      { metric: 'template bytes in all / largest', size: n, value: Math.max(...bytes), unit: '', display: `${kb(bytes.reduce((a, b) => a + b, 0))} / ${kb(Math.max(...bytes))}` },
      { metric: 'generate with the split (in-process)', size: n, value: ms, unit: 'ms' },
    );
    const fits = stacks.every((r) => r.resources <= q.resources && r.parameters <= q.parameters && r.outputs <= q.outputs && r.bytes <= q.bytes);
    checks.push({ target: `${n.toLocaleString('en-US')} nodes: every template within CloudFormation's quotas`, ok: fits && project.problems.every((p) => p.code !== 'codegen/template-quota'), actual: `${stacks.length} template${stacks.length === 1 ? "" : "s"}, largest ${Math.max(...perStack)} resources, ${kb(Math.max(...bytes))}` });
  }
  return { rows, checks };
}
