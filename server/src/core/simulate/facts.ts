/**
 * The numbers of AWS's behaviour the simulator uses, each with its source: a key of the shared
 * reference `aws-limits.md` where it has the number, else the AWS page it comes from. Durations in
 * milliseconds. Where AWS documents a behaviour without a number (EventBridge's back-off), the
 * simulator's own choice is here too, marked as such and listed in docs/simulate.md.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const SIM_FACTS = {
  // ---- Lambda ------------------------------------------------------------------------------------
  /** Default function timeout (L3: "default 3 s"). */
  lambdaDefaultTimeout: 3 * SECOND,
  /** Account concurrency, default (L20). */
  accountConcurrency: 1000,
  /** Async retries after a function error: default 2, "1 min then 2 min apart" (A1). */
  asyncRetries: 2,
  asyncRetryDelays: [1 * MINUTE, 2 * MINUTE] as readonly number[],
  /** Maximum event age of an async event, default and ceiling 6 h (A2). */
  asyncMaxAge: 6 * HOUR,
  /**
   * Throttled (429) and system errors (5xx) of an async event: "the retry interval increases
   * exponentially from 1 second after the first attempt to a maximum of 5 minutes", for up to the
   * maximum event age (Lambda DG invocation-async-error-handling.html; A2 has the 6 h).
   */
  asyncThrottleFirstDelay: 1 * SECOND,
  asyncThrottleMaxDelay: 5 * MINUTE,
  /** Recursive loop stop: the 17th invocation by the same chain is stopped (R1: "after 16 recursive calls"). */
  recursiveLoopInvocations: 16,

  // ---- SQS ---------------------------------------------------------------------------------------
  /** Default visibility timeout (Q5: 30 s). */
  sqsVisibilityTimeout: 30 * SECOND,
  /** Default retention (Q4: 345,600 s = 4 days). */
  sqsRetention: 345600 * SECOND,
  /** Default `maxReceiveCount` (Q17: "Default: 10"; model/dead-letter.ts). */
  sqsMaxReceiveCount: 10,
  /** FIFO deduplication interval (Q12: 5 minutes); SNS FIFO the same (N6). */
  dedupWindow: 5 * MINUTE,
  /** Messages per ReceiveMessage call (Q2: 1–10). */
  sqsReceiveMax: 10,

  // ---- Event source mappings ---------------------------------------------------------------------
  /** Default batch sizes: SQS 10, streams 100 (aws-limits.md §3.1 `BatchSize`). */
  sqsBatchSize: 10,
  streamBatchSize: 100,
  /** SQS mapping scaling: starts with 5 concurrent batches, adds up to 300 a minute, at most 1,000 (E8). */
  sqsInitialConcurrency: 5,
  sqsScalePerMinute: 300,
  sqsMaxBatches: 1000,
  /**
   * Lambda polls a Kinesis shard at a base rate of once a second (Lambda DG with-kinesis.html; the
   * `kinesisShardReadsPerSecond` note of facts/limits.ts) and a DynamoDB stream shard four times a
   * second (Lambda DG with-ddb.html).
   */
  kinesisPollInterval: 1 * SECOND,
  dynamodbPollInterval: 250,
  /** DynamoDB stream records are kept 24 hours (DynamoDB DG Streams.html). */
  dynamodbStreamRetention: 24 * HOUR,
  /** Kinesis retention default 24 h (Kinesis DG "Change the data retention period"; facts/limits.ts). */
  kinesisRetention: 24 * HOUR,

  // ---- SNS ---------------------------------------------------------------------------------------
  /**
   * Delivery retries to AWS-managed endpoints (SQS, Lambda): 3 immediate, 2 one second apart, 10
   * with back-off from 1 to 20 s, then 100,000 twenty seconds apart: 100,015 attempts (N8).
   */
  snsImmediate: 3,
  snsPreBackoff: 2,
  snsBackoff: 10,
  snsBackoffMin: 1 * SECOND,
  snsBackoffMax: 20 * SECOND,
  snsPostBackoff: 100000,

  // ---- EventBridge and Scheduler -----------------------------------------------------------------
  /** Target retry policy defaults: 185 attempts, 24 h (T1); Scheduler the same ranges (C5). */
  eventBridgeRetries: 185,
  eventBridgeMaxAge: 24 * HOUR,
  /**
   * The simulator's choice: AWS documents "exponential back off and jitter" without numbers (T1,
   * eb-rule-retry-policy.html); the simulator uses full jitter over min(5 min, 1 s × 2^attempt).
   */
  eventBridgeBackoffBase: 1 * SECOND,
  eventBridgeBackoffMax: 5 * MINUTE,

  // ---- API Gateway -------------------------------------------------------------------------------
  /** Integration timeouts: HTTP API 30 s (G2), REST API 29 s (G1). */
  httpApiTimeout: 30 * SECOND,
  restApiTimeout: 29 * SECOND,

  // ---- The simulator's own defaults (not AWS numbers) --------------------------------------------
  /** How long a function runs when a scenario does not say (`takes`). */
  defaultDuration: 100,
  /** Kinesis on-demand streams start with 4 shards' capacity (4 MB/s writes; Kinesis DG "on-demand mode"). */
  onDemandShards: 4,
} as const;

export const TIME = { SECOND, MINUTE, HOUR } as const;
