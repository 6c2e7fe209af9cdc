/**
 * The Lambda runtime lifecycle: when each runtime identifier is deprecated and when Lambda blocks
 * creating and updating functions that use it.
 *
 * Source: shared reference aws-limits.md §1.4, from cfn-lint
 * `src/cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json` at commit afd7953 (2026-06-02),
 * cross-checked with the AWS Lambda runtimes documentation. Dates are UTC days (`YYYY-MM-DD`).
 */

/** A language family, for handler formats and successors. */
export type RuntimeFamily = 'nodejs' | 'python' | 'java' | 'dotnet' | 'ruby' | 'provided' | 'go';

export interface RuntimeLifecycle {
  readonly id: string;
  readonly family: RuntimeFamily;
  /** Deprecation: no more security patches or support. */
  readonly deprecated: string;
  /** From this day Lambda rejects new functions with this runtime (absent: not announced). */
  readonly blockCreate?: string;
  /** From this day Lambda rejects updates of functions with this runtime (absent: not announced). */
  readonly blockUpdate?: string;
  /** The runtime to move to. */
  readonly successor: string;
  /** Offered for container images only: a .zip function (what Archflow deploys) cannot use it. */
  readonly imageOnly?: boolean;
}

/** Where the table comes from (shown in docs and messages). */
export const RUNTIME_LIFECYCLE_SOURCE = {
  title: 'cfn-lint Lambda runtime lifecycle (from the AWS Lambda runtimes page)',
  url: 'https://github.com/aws-cloudformation/cfn-lint/blob/main/src/cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json',
} as const;

const row = (id: string, family: RuntimeFamily, successor: string, deprecated: string, blockCreate?: string, blockUpdate?: string, imageOnly?: true): RuntimeLifecycle => ({
  id, family, successor, deprecated, ...(blockCreate ? { blockCreate } : {}), ...(blockUpdate ? { blockUpdate } : {}), ...(imageOnly ? { imageOnly } : {}),
});

/** Every runtime in aws-limits.md §1.4. */
export const RUNTIMES: readonly RuntimeLifecycle[] = [
  row('nodejs24.x', 'nodejs', 'nodejs24.x', '2028-04-30', '2028-06-01', '2028-07-01'),
  row('nodejs22.x', 'nodejs', 'nodejs24.x', '2027-04-30', '2027-06-01', '2027-07-01'),
  row('nodejs20.x', 'nodejs', 'nodejs24.x', '2026-04-30', '2027-02-01', '2027-03-03'),
  row('nodejs18.x', 'nodejs', 'nodejs24.x', '2025-09-01', '2027-02-01', '2027-03-03'),
  row('nodejs16.x', 'nodejs', 'nodejs24.x', '2024-06-12', '2027-02-01', '2027-03-03'),
  row('nodejs14.x', 'nodejs', 'nodejs24.x', '2023-12-04', '2024-01-09', '2027-03-03'),
  row('nodejs12.x', 'nodejs', 'nodejs24.x', '2023-03-31', '2023-03-31', '2023-04-30'),
  row('nodejs10.x', 'nodejs', 'nodejs24.x', '2021-07-30', '2021-07-30', '2022-02-14'),
  row('python3.14', 'python', 'python3.14', '2029-06-30', '2029-07-31', '2029-08-31'),
  row('python3.13', 'python', 'python3.14', '2029-06-30', '2029-07-31', '2029-08-31'),
  row('python3.12', 'python', 'python3.14', '2028-10-31', '2028-11-30', '2029-01-10'),
  row('python3.11', 'python', 'python3.14', '2027-06-30', '2027-07-31', '2027-08-31'),
  row('python3.10', 'python', 'python3.14', '2026-10-31', '2027-02-01', '2027-03-03'),
  row('python3.9', 'python', 'python3.14', '2025-12-15', '2027-02-01', '2027-03-03'),
  row('python3.8', 'python', 'python3.14', '2024-10-14', '2027-02-01', '2027-03-03'),
  row('python3.7', 'python', 'python3.14', '2023-12-04', '2024-01-09', '2027-03-03'),
  row('java25', 'java', 'java25', '2029-06-30', '2029-07-31', '2029-08-31'),
  row('java21', 'java', 'java25', '2029-06-30', '2029-07-31', '2029-08-31'),
  // The Amazon Linux 2023 variants (GA 2026-07-31) are the natural successors of the same Java version.
  row('java17.al2023', 'java', 'java17.al2023', '2029-06-30', '2029-07-31', '2029-08-31'),
  row('java17', 'java', 'java17.al2023', '2027-06-30', '2027-07-31', '2027-08-31'),
  row('java11.al2023', 'java', 'java11.al2023', '2029-06-30', '2029-07-31', '2029-08-31'),
  row('java11', 'java', 'java11.al2023', '2027-06-30', '2027-07-31', '2027-08-31'),
  row('java8.al2023', 'java', 'java8.al2023', '2029-06-30', '2029-07-31', '2029-08-31'),
  row('java8.al2', 'java', 'java8.al2023', '2027-06-30', '2027-07-31', '2027-08-31'),
  row('java8', 'java', 'java8.al2023', '2024-01-08', '2024-02-08', '2027-03-03'),
  row('dotnet10', 'dotnet', 'dotnet10', '2028-11-14', '2028-12-14', '2029-01-15'),
  // .NET 9 is offered as a container image only (`lambda/image-only-runtime`); no block dates are announced.
  row('dotnet9', 'dotnet', 'dotnet10', '2026-11-10', undefined, undefined, true),
  row('dotnet8', 'dotnet', 'dotnet10', '2026-11-10', '2027-02-01', '2027-03-03'),
  row('dotnet6', 'dotnet', 'dotnet10', '2024-12-20', '2027-02-01', '2027-03-03'),
  row('ruby4.0', 'ruby', 'ruby4.0', '2029-03-31', '2029-04-30', '2029-05-31'),
  row('ruby3.4', 'ruby', 'ruby4.0', '2028-03-31', '2028-04-30', '2028-05-31'),
  row('ruby3.3', 'ruby', 'ruby4.0', '2027-03-31', '2027-04-30', '2027-05-31'),
  row('ruby3.2', 'ruby', 'ruby4.0', '2026-03-31', '2027-02-01', '2027-03-03'),
  row('ruby2.7', 'ruby', 'ruby4.0', '2023-12-07', '2024-01-09', '2027-03-03'),
  row('provided.al2023', 'provided', 'provided.al2023', '2029-06-30', '2029-07-31', '2029-08-31'),
  row('provided.al2', 'provided', 'provided.al2023', '2026-07-31', '2027-02-01', '2027-03-03'),
  row('provided', 'provided', 'provided.al2023', '2024-01-08', '2024-02-08', '2027-03-03'),
  row('go1.x', 'go', 'provided.al2023', '2024-01-08', '2024-02-08', '2027-03-03'),
];

/** Runtimes by identifier. */
export const RUNTIMES_BY_ID: ReadonlyMap<string, RuntimeLifecycle> = new Map(RUNTIMES.map((r) => [r.id, r]));

/** The language family of a runtime identifier, also for identifiers not in the table. */
export function runtimeFamily(id: string): RuntimeFamily | undefined {
  const known = RUNTIMES_BY_ID.get(id);
  if (known) return known.family;
  const m = /^(nodejs|python|java|dotnet|ruby|provided|go)/.exec(id);
  return m ? (m[1] as RuntimeFamily) : undefined;
}
