import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { generate, type GeneratedProject, type Template } from '../../server/src/core/codegen/index';
import { analyze } from '../../server/src/core/index';
import type { FilePort } from '../../server/src/core/files';
import { filesNextTo } from '../../server/src/project/referenced-files';

/** The repository root. */
export const ROOT = resolve(__dirname, '../..');
/** The official CloudFormation resource schemas (read in place, never copied). */
export const CFN_SCHEMAS = resolve(ROOT, '../shared/corpus/cfn-schemas');
/** Resource types the schema corpus has no schema for (cfn-lint checks them). */
export const WITHOUT_SCHEMA: readonly string[] = [
  'AWS::ApiGateway::Deployment', 'AWS::ApiGateway::Method', 'AWS::ApiGateway::Resource', 'AWS::ApiGateway::Stage',
  'AWS::ApiGatewayV2::Integration', 'AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Stage', 'AWS::IAM::Role', 'AWS::Logs::LogGroup',
];
/** The fixture with every edge kind. */
export const EVERYTHING = resolve(ROOT, 'test/fixtures/codegen/everything.arch.yaml');

/**
 * Analyzes an architecture text and generates its project; `files` reads the files it names (as the
 * CLI does for a file on disk: `filesNextTo`).
 */
export function generateText(text: string, previous?: GeneratedProject['manifest'], files?: FilePort): GeneratedProject {
  const a = analyze(text, files ? { files } : {});
  return generate({ graph: a.graph, root: a.doc.value }, previous ? { previous } : {});
}

/** Generates the project of an architecture file, reading the files it names next to it. */
export function generateFile(file: string): GeneratedProject {
  return generateText(readFileSync(file, 'utf8'), undefined, filesNextTo(file));
}

/** One cfn-lint finding. */
export interface CfnLintFinding {
  readonly Rule: { readonly Id: string };
  readonly Level: string;
  readonly Message: string;
  readonly Filename: string;
  readonly Location: { readonly Start: { readonly LineNumber: number } };
}

/** Runs cfn-lint (JSON output) on templates; throws when cfn-lint is not installed. */
export function cfnLint(files: readonly string[]): CfnLintFinding[] {
  const r = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw new Error(`cfn-lint could not run (${r.error.message}): install it (pip install cfn-lint); the codegen tests need it`);
  if (r.status !== 0 && !r.stdout.trim().startsWith('[')) throw new Error(`cfn-lint failed (exit ${r.status}): ${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout || '[]') as CfnLintFinding[];
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
const validators = new Map<string, ValidateFunction | undefined>();

/** The validator of a resource type's official schema, or undefined when the corpus has none. */
export function resourceValidator(type: string): ValidateFunction | undefined {
  if (!existsSync(join(CFN_SCHEMAS, 'AWS-Lambda-Function.json'))) {
    throw new Error(`The CloudFormation resource schemas are missing (${CFN_SCHEMAS}): the codegen tests validate every resource against them`);
  }
  if (!validators.has(type)) {
    let schema: Record<string, unknown> | undefined;
    try {
      schema = JSON.parse(readFileSync(join(CFN_SCHEMAS, `${type.replace(/::/g, '-')}.json`), 'utf8')) as Record<string, unknown>;
    } catch {
      schema = undefined;
    }
    if (schema) {
      const { $schema: _ignored, $id: _id, ...rest } = schema;
      validators.set(type, ajv.compile(rest));
    } else validators.set(type, undefined);
  }
  return validators.get(type);
}

const isIntrinsic = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && /^(Ref|Fn::\w+)$/.test(Object.keys(v)[0]!);

/** JSON pointers of the intrinsic functions in a value (their values are only known at deploy time). */
function intrinsicPaths(v: unknown, at = ''): string[] {
  if (isIntrinsic(v)) return [at];
  if (Array.isArray(v)) return v.flatMap((x, i) => intrinsicPaths(x, `${at}/${i}`));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => intrinsicPaths(x, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  return [];
}

/**
 * Validates every resource's Properties against its official schema. Errors about a value that is an
 * intrinsic function (or inside one) are not the schema's to judge and are left out. Returns
 * `logicalId: message` lines, and the types the corpus has no schema for.
 */
export function validateResources(template: Template): { errors: string[]; withoutSchema: string[] } {
  const errors: string[] = [];
  const withoutSchema = new Set<string>();
  for (const [id, r] of Object.entries(template.Resources)) {
    const validate = resourceValidator(r.Type);
    if (!validate) {
      withoutSchema.add(r.Type);
      continue;
    }
    if (validate(r.Properties)) continue;
    const intrinsic = intrinsicPaths(r.Properties);
    for (const e of validate.errors ?? []) {
      const path = e.instancePath;
      if (intrinsic.some((p) => path === p || path.startsWith(p + '/'))) continue;
      errors.push(`${id} (${r.Type}) ${path || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
  return { errors, withoutSchema: [...withoutSchema].sort() };
}
