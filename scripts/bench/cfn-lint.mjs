// The check users would run otherwise: cfn-lint on the CloudFormation template Archflow generates for
// the same architecture, next to `archflow lint` on the architecture file (both as processes, start-up
// included). Also the time to generate the project.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const order = 40;

/** cfn-lint runs where it stays inside the bench's 5-minute budget; `--full` adds 1,000 nodes (91 s here on a quiet machine). */
const cfnLintSizes = (ctx) => (ctx.full ? [100, 1000] : [100]);

function wall(command, args) {
  const t0 = performance.now();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { ms: performance.now() - t0, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export async function run(ctx) {
  const rows = [];
  const notes = [];
  let version;
  try {
    version = execFileSync('cfn-lint', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('cfn-lint is not on the PATH (the machine image has it: pip install cfn-lint)');
  }
  const { parse } = await ctx.importTs('server/src/core/index.ts');
  const { generate } = await ctx.importTs('server/src/core/codegen/generate.ts');
  const cli = join(ctx.root, 'server/out/cli.js');
  for (const n of ctx.sizes) {
    const file = ctx.fileFor(n);
    const t0 = performance.now();
    const project = generate({ root: parse(ctx.architecture(n)).value });
    const generateMs = performance.now() - t0;
    // All templates: the parent and its nested stacks (those are resources of the parent too).
    const resources = project.stacks.reduce((sum, r) => sum + r.resources, 0) - project.nestedTemplates.size;
    rows.push({ metric: 'generate project (in-process)', size: n, value: generateMs, unit: 'ms', display: `${fmtMs(generateMs)} (${resources.toLocaleString('en-US')} resources)` });
    const lint = wall(process.execPath, [cli, 'lint', '--format', 'json', file]);
    if (lint.status !== 0 && lint.status !== 1) throw new Error(`archflow lint exited with ${lint.status}: ${lint.stderr}`);
    rows.push({ metric: 'archflow lint (CLI process)', size: n, value: lint.ms, unit: 'ms' });
    if (!cfnLintSizes(ctx).includes(n)) continue;
    const templates = [['', project.template], ...project.nestedTemplates].map(([name, t]) => {
      const file = join(ctx.tmp, `template-${n}${name ? `-${name}` : ''}.json`);
      writeFileSync(file, JSON.stringify(t, null, 2));
      return file;
    });
    ctx.log(`cfn-lint: ${n} nodes (${resources} resources in ${templates.length} template${templates.length === 1 ? '' : 's'})…`);
    const cfn = wall('cfn-lint', ['--format', 'parseable', '--', ...templates]);
    rows.push(
      { metric: 'cfn-lint on the generated template (process)', size: n, value: cfn.ms, unit: 'ms' },
      { metric: 'ratio cfn-lint ÷ archflow lint', size: n, value: cfn.ms / lint.ms, unit: 'x' },
    );
  }
  if (!ctx.full) notes.push(`${version} runs at 100 nodes only (\`npm run bench -- --full\` adds 1,000): on the 1,000-node template (2,655 resources) it takes 91 s on this machine when it is quiet and 300 s under load, too much for the bench's 5-minute budget; 5,000 nodes would take far longer. CloudFormation itself rejects templates over 500 resources or 1 MB.`);
  return { rows, notes };
}

function fmtMs(ms) {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString('en-US')} ms`;
}
