/**
 * What one CloudFormation template may hold (shared reference `aws-limits.md` §10.1b, keys CF1–CF4).
 * All are hard quotas: a template over any of them is refused, so the generated templates are split
 * into nested stacks before they reach one (codegen/stacks.ts).
 */
export const TEMPLATE_QUOTAS = {
  /** Resources per template (CF1; cfn-lint E3010). */
  resources: 500,
  /** Parameters per template (CF2; cfn-lint E2010). */
  parameters: 200,
  /** Outputs per template (CF2; cfn-lint E6010). */
  outputs: 200,
  /** Template body passed through S3 (`TemplateURL`), bytes (CF4: 1 MB; cfn-lint E1002 counts 1,000,000 bytes). */
  bytes: 1_000_000,
  /** Template body passed inline (`TemplateBody`), bytes (CF3). Archflow never sends a template inline. */
  inlineBytes: 51_200,
} as const;

/**
 * How full a new split fills each stack (a share of every quota above): the rest is room for the
 * file to grow without moving anything between stacks (a move deletes and re-creates the resource).
 */
export const SPLIT_FILL = 0.8;
