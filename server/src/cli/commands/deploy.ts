import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { analyze } from '../../core/index';
import { STAGE_NAME, stackNameOf } from '../../core/model/stages';
import type { ChangeSummary, DeployEvent, Recovery } from '../../deploy/deploy';
import { changeLines, dataLossText, failureText } from '../../deploy/describe';
import { loadDeploy } from '../../deploy/load';
import { describeLocation, filesNextTo, projectLocation, writeIgnoreFile } from '../../project/index';
import type { Command, Output } from '../command';
import { onePositional, parseCommandArgs, type OptionSpec } from '../help';
import { encodingProblems, fastYamlOption, LineIndex, readText, UsageError } from '../io';
import { forcedPaths, printRefused } from '../project-report';

/** Where to deploy: the options deploy, destroy and outputs share. */
const TARGET_OPTIONS: readonly OptionSpec[] = [
  { name: 'stack', type: 'string', value: 'NAME', defaultText: 'the architecture\'s `name`, `<name>-<stage>` with --stage', description: 'CloudFormation stack name.' },
  { name: 'stage', type: 'string', value: 'STAGE', description: 'Deploy the file as this stage: its own stack `<name>-<stage>` beside the others in the account, with the stage\'s overrides from `stages:` (docs/deploy.md#stages).' },
  { name: 'region', type: 'string', value: 'REGION', defaultText: 'the file\'s `region:`, then your AWS profile\'s Region', description: 'AWS Region, e.g. eu-west-1.' },
  { name: 'profile', type: 'string', value: 'NAME', defaultText: 'the default credential chain (environment, AWS_PROFILE, SSO, instance role)', description: 'AWS profile from ~/.aws/config.' },
  { name: 'endpoint', type: 'string', value: 'URL', defaultText: 'real AWS', description: 'Send every AWS call to an emulator, e.g. http://127.0.0.1:5000 for moto_server.' },
];
const YES: OptionSpec = { name: 'yes', short: 'y', type: 'boolean', description: 'Apply without asking (needed when standard input is not a terminal).' };

interface TargetValues { stack?: string; stage?: string; region?: string; profile?: string; endpoint?: string; out?: string; yes?: boolean; 'allow-data-loss'?: boolean; format?: string }

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
  usage: 'archflow deploy <file.arch.yaml> [options]',
  summary: 'Generate, build, package and deploy through a CloudFormation change set.',
  args: [{ name: '<file>', description: 'An architecture file without errors.' }],
  options: [
    ...TARGET_OPTIONS,
    { name: 'out', short: 'o', type: 'string', value: 'DIR', defaultText: 'the file\'s `output:`, else .archflow/<name>/ beside the file (git-ignored)', description: 'The generated project\'s folder (as for `archflow generate`).' },
    { name: 'force', type: 'boolean', description: '`--force=<path>` (repeatable, or comma-separated) allows replacing that file of the project although Archflow did not write it or you edited it.' },
    YES,
    { name: 'allow-data-loss', type: 'boolean', description: 'Approve changes that delete or replace a table, bucket, stream or queue (`--yes` never does).' },
  ],
  notes: ['Steps: generate, npm install, type check and build, run each function\'s `build:`, zip the packages, create a change set, show it, ask, upload the changed packages, execute, follow the stack\'s events. Nothing reaches AWS before the type check and builds pass, and nothing is uploaded before you approve. Ctrl+C cancels (a change set under review is deleted; a running update is rolled back).'],
  examples: [
    { command: 'archflow deploy orders.arch.yaml', what: 'Shows the changes and asks before applying them.' },
    { command: 'archflow deploy orders.arch.yaml --yes --region eu-west-1', what: 'From CI: no question.' },
    { command: 'archflow deploy orders.arch.yaml --endpoint http://127.0.0.1:5000 --yes', what: 'Against a local moto_server.' },
    { command: 'archflow deploy orders.arch.yaml --stage staging', what: 'The stack orders-staging, next to orders-prod in the same account.' },
  ],
  exitCodes: '0 deployed or up to date, 1 errors in the file, a type error or failed build, files not Archflow\'s to replace, declined, data loss without --allow-data-loss, cancelled or failed (the failing resource is mapped to its line), 2 bad usage or an unreadable file',
  async run(argv, out) {
    const forced = forcedPaths(argv);
    const { values: v, positionals } = parseCommandArgs(this, forced.argv);
    const values = v as TargetValues;
    const file = onePositional(positionals, 'one architecture file');
    const { BuildFailed, DeployError, ReplaceRefused, TypeErrors, deployArchitecture, nodeSpan } = await loadDeploy();
    const read = readText(file);
    if ('error' in read) {
      out.err(`archflow: ${file}: ${read.error}`);
      return 2;
    }
    const analysis = analyze(read.text, { ...fastYamlOption(), files: filesNextTo(file) });
    const index = new LineIndex(read.text);
    const errors = [...encodingProblems(read), ...analysis.problems.filter((p) => p.severity === 'error')];
    if (errors.length > 0) {
      for (const p of errors) {
        const pos = index.position(p.span.start);
        out.err(`${file}:${pos.line}:${pos.column} error ${p.code} ${p.message}`);
      }
      out.err(`archflow deploy: fix the ${errors.length} error${errors.length === 1 ? '' : 's'} first.`);
      return 1;
    }
    const stage = stageOption(values);
    const stackName = values.stack ?? stackNameOf(analysis.graph.name ?? 'archflow', stage);
    const location = projectLocation(file, analysis.doc.value, values.out);
    const outDir = resolve(location.dir);
    const controller = new AbortController();
    const onSigint = (): void => {
      out.err('\nCancelling…');
      controller.abort();
    };
    process.once('SIGINT', onSigint);
    try {
      out.log(`• ${describeLocation(location, file)}`);
      writeIgnoreFile(location);
      const result = await deployArchitecture({
        analysis, outDir, file: resolve(file), workspace: workspaceOf(resolve(file)), stackName, ...(stage ? { stage } : {}), target: given(values), signal: controller.signal, replace: forced.replace,
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

function stackOf(file: string, values: { stack?: string; stage?: string }): { stackName: string; region?: string } | undefined {
  const stage = stageOption(values);
  if (values.stack) return { stackName: values.stack };
  const read = readText(file);
  if ('error' in read) return undefined;
  const g = analyze(read.text, fastYamlOption()).graph;
  return g.name ? { stackName: stackNameOf(g.name, stage), ...(g.region ? { region: g.region } : {}) } : undefined;
}

/** The `--stage` given, checked: it ends the stack name. */
function stageOption(values: { stage?: string }): string | undefined {
  if (values.stage === undefined) return undefined;
  if (!STAGE_NAME.test(values.stage)) throw new UsageError(`--stage '${values.stage}': a stage is 1–20 lower-case letters, digits and hyphens, starting with a letter (it ends the stack name)`);
  return values.stage;
}

export const destroyCommand: Command = {
  usage: 'archflow destroy <file.arch.yaml> --yes [options]',
  summary: 'Delete the stack of an architecture.',
  args: [{ name: '<file>', description: 'The architecture file (for the stack name and Region; --stack names the stack without it).' }],
  options: [...TARGET_OPTIONS, { ...YES, description: 'Confirm: the stack and its resources are deleted; tables, buckets, streams and queues it retains (the default; `retain: false` opts out) stay in the account with their data, and are listed.' }],
  examples: [
    { command: 'archflow destroy orders.arch.yaml --yes', what: 'Delete the stack `orders`.' },
    { command: 'archflow destroy orders.arch.yaml --stack orders-staging --yes', what: 'Another stack of the same architecture.' },
  ],
  exitCodes: '0 deleted or not there, 1 not confirmed (no --yes) or the deletion failed, 2 bad usage, or the stack name cannot be read (pass --stack)',
  async run(argv, out) {
    const { values: v, positionals } = parseCommandArgs(this, argv);
    const values = v as TargetValues;
    const file = onePositional(positionals, 'one architecture file');
    const { DeployError, destroy, targetOf } = await loadDeploy();
    const s = stackOf(file, values);
    if (!s) {
      out.err(`archflow destroy: cannot read the stack name from ${file}; pass --stack`);
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
  usage: 'archflow outputs <file.arch.yaml> [options]',
  summary: 'Print the outputs of a deployed stack (API URLs, names).',
  args: [{ name: '<file>', description: 'The architecture file (for the stack name and Region).' }],
  options: [
    ...TARGET_OPTIONS,
    { name: 'format', short: 'f', type: 'string', value: 'text|json', default: 'text', description: 'text: `Name = value` lines; json: an object.' },
  ],
  examples: [
    { command: 'archflow outputs orders.arch.yaml', what: 'e.g. ApiUrl = https://….execute-api.eu-west-1.amazonaws.com' },
    { command: 'archflow outputs orders.arch.yaml --format json | jq -r .ApiUrl', what: 'One value, for scripts.' },
  ],
  exitCodes: '0 printed, 1 the stack is not deployed or AWS refused, 2 bad usage, or the stack name cannot be read (pass --stack)',
  async run(argv, out) {
    const { values: v, positionals } = parseCommandArgs(this, argv);
    const values = v as TargetValues;
    const file = onePositional(positionals, 'one architecture file');
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not '${values.format}'`);
    const { DeployError, stackOutputs, targetOf } = await loadDeploy();
    const s = stackOf(file, values);
    if (!s) {
      out.err(`archflow outputs: cannot read the stack name from ${file}; pass --stack`);
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
