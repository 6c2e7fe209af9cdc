import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { analyze } from '../../core/index';
import type { ChangeSummary, DeployEvent, Recovery } from '../../deploy/deploy';
import { changeLines, dataLossText, failureText } from '../../deploy/describe';
import { loadDeploy } from '../../deploy/load';
import { defaultOutDir } from '../../project/index';
import type { Command, Output } from '../command';
import { LineIndex, readText, UsageError } from '../io';
import { forcedPaths, printRefused } from '../project-report';

const TARGET_OPTIONS = {
  stack: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  endpoint: { type: 'string' },
  yes: { type: 'boolean', short: 'y', default: false },
  'allow-data-loss': { type: 'boolean', default: false },
  out: { type: 'string', short: 'o' },
} as const;

function progressPrinter(out: Output): (e: DeployEvent) => void {
  return (e) => {
    switch (e.type) {
      case 'step': out.log(`• ${e.message}`); break;
      case 'log': out.log(`  ${e.line}`); break;
      case 'upload': out.log(`  ${e.uploaded ? 'uploaded' : 'unchanged'} ${e.function} (${(e.bytes / 1024).toFixed(1)} KB) → ${e.key}`); break;
      case 'changes': for (const l of changeLines(e.summary)) out.log(l); break;
      case 'resource': out.log(`  ${e.status.padEnd(22)} ${e.logicalId}${e.node ? ` (${e.node})` : ''}${e.reason && /FAILED/.test(e.status) ? `: ${e.reason}` : ''}`); break;
      case 'stack': out.log(`  stack ${e.status}${e.reason ? `: ${e.reason}` : ''}`); break;
    }
  };
}

async function confirmOnTerminal(s: ChangeSummary, yes: boolean, out: Output): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) {
    out.err('archflow deploy: not a terminal, so not asking: pass --yes to apply these changes.');
    return false;
  }
  const risky = s.replace.length + s.remove.length > 0 ? ` (${s.replace.length} replaced, ${s.remove.length} removed)` : '';
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`Apply these changes${risky}? [y/N] `);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

/** The separate approval of data loss: only `--allow-data-loss` gives it, never `--yes` or a keystroke. */
function confirmDataLossOnTerminal(s: ChangeSummary, allow: boolean, out: Output): boolean {
  if (allow) {
    out.log(`• Data loss approved (--allow-data-loss): ${s.dataLoss.map(dataLossText).join('; ')}`);
    return true;
  }
  out.err(`archflow deploy: this deploy loses data: ${s.dataLoss.map(dataLossText).join('; ')}.`);
  out.err('  Pass --allow-data-loss to approve it (--yes does not). To keep the data after a rename, add `previousName: <old name>` to the node.');
  return false;
}

/** Asks to recover a stack a deploy cannot update (`--yes` approves; without a terminal and without it, no). */
async function confirmRecoveryOnTerminal(r: Recovery, yes: boolean, out: Output): Promise<boolean> {
  const question = r.kind === 'delete-failed-stack'
    ? `Stack ${r.stack} is in ROLLBACK_COMPLETE: its first deploy failed${r.reason ? ` (${r.reason})` : ''} and was rolled back, so it cannot be updated. Delete it and deploy again?`
    : `Stack ${r.stack} is in UPDATE_ROLLBACK_FAILED: an update failed and so did its rollback. Continue the rollback${r.skip.length ? `, skipping ${r.skip.map((x) => `${x.logicalId}${x.node ? ` (${x.node})` : ''}: ${x.reason}`).join('; ')} (CloudFormation marks them rolled back without changing them)` : ''}, then deploy?`;
  out.log(`• ${question}`);
  if (yes) return true;
  if (!process.stdin.isTTY) {
    out.err('archflow deploy: not a terminal, so not asking: pass --yes to approve this.');
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question('[y/N] ');
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

/** The workspace of a file on the command line: the current folder when the file is in it, else the file's folder. */
function workspaceOf(file: string): string {
  const cwd = process.cwd();
  const r = relative(cwd, file);
  return r && (r.startsWith('..') || isAbsolute(r)) ? dirname(file) : cwd;
}

/** The target the options name (the file's region is added by the deploy). */
function given(values: { region?: string; profile?: string; endpoint?: string }): { region?: string; profile?: string; endpoint?: string } {
  return { ...(values.region ? { region: values.region } : {}), ...(values.profile ? { profile: values.profile } : {}), ...(values.endpoint ? { endpoint: values.endpoint } : {}) };
}

export const deployCommand: Command = {
  usage: 'archflow deploy <file.arch.yaml> [--stack NAME] [--region R] [--profile P] [--endpoint URL] [--out DIR] [--force=<path>…] [--yes] [--allow-data-loss]',
  summary: 'Generate, build, package and deploy through a CloudFormation change set.',
  async run(argv, out) {
    const { BuildFailed, DeployError, ReplaceRefused, TypeErrors, deployArchitecture, nodeSpan } = await loadDeploy();
    const forced = forcedPaths(argv);
    const { values, positionals } = parseArgs({ args: forced.argv, allowPositionals: true, options: TARGET_OPTIONS });
    if (positionals.length !== 1) throw new UsageError('name exactly one architecture file');
    const file = positionals[0]!;
    const read = readText(file);
    if ('error' in read) {
      out.err(`archflow: ${file}: ${read.error}`);
      return 2;
    }
    const analysis = analyze(read.text);
    const index = new LineIndex(read.text);
    const errors = analysis.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      for (const p of errors) {
        const pos = index.position(p.span.start);
        out.err(`${file}:${pos.line}:${pos.column} error ${p.code} ${p.message}`);
      }
      out.err(`archflow deploy: fix the ${errors.length} error${errors.length === 1 ? '' : 's'} first.`);
      return 1;
    }
    const stackName = values.stack ?? analysis.graph.name ?? 'archflow';
    const outDir = resolve(values.out ?? defaultOutDir(file, analysis.graph.name));
    const controller = new AbortController();
    const onSigint = (): void => {
      out.err('\nCancelling…');
      controller.abort();
    };
    process.once('SIGINT', onSigint);
    try {
      out.log(`• Preparing ${outDir}`);
      const result = await deployArchitecture({
        analysis, outDir, file: resolve(file), workspace: workspaceOf(resolve(file)), stackName, target: given(values), signal: controller.signal, replace: forced.replace,
        host: {
          report: progressPrinter(out),
          confirm: (s) => confirmOnTerminal(s, values.yes ?? false, out),
          confirmDataLoss: async (s) => confirmDataLossOnTerminal(s, values['allow-data-loss'] ?? false, out),
          confirmRecovery: (r) => confirmRecoveryOnTerminal(r, values.yes ?? false, out),
        },
      });
      switch (result.status) {
        case 'deployed':
        case 'no-changes': {
          out.log(result.status === 'deployed' ? `✔ Deployed ${stackName} (${result.uploaded} package${result.uploaded === 1 ? '' : 's'} uploaded, ${result.reused} unchanged)` : `✔ ${stackName} is up to date`);
          const outputs = Object.entries(result.outputs);
          if (outputs.length) out.log('Outputs:');
          for (const [k, v] of outputs) out.log(`  ${k} = ${v}`);
          return 0;
        }
        case 'cancelled':
          if (result.message) out.err(`archflow deploy: ${result.message}`);
          out.err(result.stage === 'review' ? `Not deployed: the changes were not applied${result.reason === 'data-loss' ? ' (data loss not approved)' : ''}; nothing was uploaded.` : 'Cancelled: CloudFormation rolls the stack back.');
          return 1;
        case 'failed': {
          const where = result.span ? index.position(result.span.start) : { line: 1, column: 1 };
          out.err(`${file}:${where.line}:${where.column} error deploy/failed ${failureText(result.failure, result.stackStatus)}`);
          out.err(`✘ Deploy failed: stack ${stackName} is ${result.stackStatus}${result.rolledBack ? ' (rolled back)' : ''}.`);
          return 1;
        }
      }
    } catch (err) {
      if (err instanceof TypeErrors) {
        for (const e of err.errors) out.err(`${e.file}:${e.line}:${e.column} error deploy/type-error ${e.code} ${e.message}`);
        out.err(`archflow deploy: not deployed: the project does not type-check (${err.errors.length} error${err.errors.length === 1 ? '' : 's'}); nothing was sent to AWS.`);
        return 1;
      }
      if (err instanceof BuildFailed) {
        const span = nodeSpan(analysis, err.node);
        const where = span ? index.position(span.start) : { line: 1, column: 1 };
        out.err(`${file}:${where.line}:${where.column} error deploy/build-failed The build of function '${err.node}' failed; nothing was sent to AWS.`);
        out.err(err.output);
        return 1;
      }
      if (err instanceof ReplaceRefused) {
        printRefused('deploy', err.files, err.outDir, out);
        return 1;
      }
      if (err instanceof DeployError) {
        out.err(`archflow deploy: ${err.message}${err.hint ? `\n  ${err.hint}` : ''}`);
        return 1;
      }
      throw err;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  },
};

function stackOf(file: string, values: { stack?: string }): { stackName: string; region?: string } | undefined {
  if (values.stack) return { stackName: values.stack };
  const read = readText(file);
  if ('error' in read) return undefined;
  const g = analyze(read.text).graph;
  return g.name ? { stackName: g.name, ...(g.region ? { region: g.region } : {}) } : undefined;
}

export const destroyCommand: Command = {
  usage: 'archflow destroy <file.arch.yaml> [--stack NAME] [--region R] [--profile P] [--endpoint URL] [--yes]',
  summary: 'Delete the stack of an architecture.',
  async run(argv, out) {
    const { DeployError, destroy, targetOf } = await loadDeploy();
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: TARGET_OPTIONS });
    if (positionals.length !== 1) throw new UsageError('name exactly one architecture file');
    const s = stackOf(positionals[0]!, values);
    if (!s) {
      out.err(`archflow destroy: cannot read the stack name from ${positionals[0]}; pass --stack`);
      return 2;
    }
    if (!values.yes) {
      out.err(`archflow destroy: this deletes stack ${s.stackName} and its resources (the tables, buckets, streams and queues it retains stay in the account); pass --yes to confirm.`);
      return 1;
    }
    try {
      const r = await destroy({ stackName: s.stackName, target: targetOf(given(values), s.region), host: { report: progressPrinter(out), confirm: async () => true } });
      if (r.status === 'failed') {
        out.err(`✘ Could not delete ${s.stackName}: ${r.reason}`);
        return 1;
      }
      if (r.status === 'absent') out.log(`Stack ${s.stackName} does not exist: nothing to delete.`);
      else {
        out.log(`✔ Deleted stack ${s.stackName}`);
        if (r.retained.length) out.log(`Kept in the account (their policy retains them; delete them yourself when the data is no longer needed):`);
        for (const k of r.retained) {
          const objects = k.objects === undefined ? '' : k.objects === 0 ? ', empty' : `, NOT deleted: it still holds ${k.objects >= 1000 ? '1,000 or more objects' : `${k.objects} object${k.objects === 1 ? '' : 's'}`}`;
          out.log(`  ${k.logicalId} (${k.type})${k.physicalId ? ` ${k.physicalId}` : ''}${objects}`);
        }
      }
      if (r.artifactsDeleted) out.log(`  removed ${r.artifactsDeleted} package${r.artifactsDeleted === 1 ? '' : 's'} of ${s.stackName} from the artifact bucket`);
      return 0;
    } catch (err) {
      if (err instanceof DeployError) {
        out.err(`archflow destroy: ${err.message}${err.hint ? `\n  ${err.hint}` : ''}`);
        return 1;
      }
      throw err;
    }
  },
};

export const outputsCommand: Command = {
  usage: 'archflow outputs <file.arch.yaml> [--stack NAME] [--region R] [--profile P] [--endpoint URL] [--format text|json]',
  summary: 'Print the outputs of a deployed stack (API URLs, names).',
  async run(argv, out) {
    const { DeployError, stackOutputs, targetOf } = await loadDeploy();
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { ...TARGET_OPTIONS, format: { type: 'string', default: 'text' } } });
    if (positionals.length !== 1) throw new UsageError('name exactly one architecture file');
    const s = stackOf(positionals[0]!, values);
    if (!s) {
      out.err(`archflow outputs: cannot read the stack name from ${positionals[0]}; pass --stack`);
      return 2;
    }
    try {
      const outputs = await stackOutputs({ stackName: s.stackName, target: targetOf(given(values), s.region) });
      if (!outputs) {
        out.err(`Stack ${s.stackName} is not deployed.`);
        return 1;
      }
      if (values.format === 'json') out.log(JSON.stringify(outputs, null, 2));
      else for (const [k, v] of Object.entries(outputs)) out.log(`${k} = ${v}`);
      return 0;
    } catch (err) {
      if (err instanceof DeployError) {
        out.err(`archflow outputs: ${err.message}${err.hint ? `\n  ${err.hint}` : ''}`);
        return 1;
      }
      throw err;
    }
  },
};
