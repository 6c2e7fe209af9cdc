/**
 * Every AWS number a rule uses, in one table, each with its source (keys of
 * shared reference `aws-limits.md`, summarised in docs/rules.md). Adjustable quotas can be
 * overridden in settings (`archflow.limits.*`) or on the CLI (`--limit name=value`).
 */
export interface Limits {
  /** Lambda memory, MB (L1). */
  readonly lambdaMemoryMin: number;
  readonly lambdaMemoryMax: number;
  /** Lambda timeout, s (L3). */
  readonly lambdaTimeoutMin: number;
  readonly lambdaTimeoutMax: number;
  /** Ephemeral storage, MB (L4). */
  readonly lambdaTmpMin: number;
  readonly lambdaTmpMax: number;
  /** Environment variables, bytes in total (L5). */
  readonly lambdaEnvironmentBytes: number;
  /** Layers per function (L7). */
  readonly lambdaLayers: number;
  /** Function name length (L13). */
  readonly lambdaNameLength: number;
  /** Handler length (L15). */
  readonly lambdaHandlerLength: number;
  /** Account concurrency (L20, QUOTA, adjustable). */
  readonly accountConcurrency: number;
  /** Unreserved concurrency that must remain (L19). */
  readonly unreservedConcurrencyMin: number;
  /** SQS visibility timeout, s (Q5). */
  readonly sqsVisibilityMax: number;
  /** SQS retention, s (Q4). */
  readonly sqsRetentionMin: number;
  readonly sqsRetentionDefault: number;
  readonly sqsRetentionMax: number;
  /** SQS delay, s (Q6). */
  readonly sqsDelayMax: number;
  /** SQS long polling, s (Q7). */
  readonly sqsReceiveWaitMax: number;
  /** SQS message size, bytes (Q1). */
  readonly sqsMessageSizeMin: number;
  readonly sqsMessageSizeMax: number;
  /** SQS queue name length (Q8). */
  readonly sqsNameLength: number;
  /** Recommended visibility factor over the consumer timeout (E4). */
  readonly sqsVisibilityFactor: number;
  /** Recommended minimum maxReceiveCount with Lambda (Q18). */
  readonly sqsMinReceiveCount: number;
  /** SQS FIFO batch size (E1). */
  readonly sqsFifoBatchMax: number;
  /** ESM batch size (3.1). */
  readonly esmBatchMin: number;
  readonly esmBatchMax: number;
  /** Above this batch size the batching window must be at least `esmLargeBatchWindowMin` s (3.1). */
  readonly esmBatchWithoutWindowMax: number;
  readonly esmLargeBatchWindowMin: number;
  /** ESM batching window, s (3.1). */
  readonly esmBatchWindowMax: number;
  /** SQS ESM maximum concurrency (E6). */
  readonly sqsMaxConcurrencyMin: number;
  readonly sqsMaxConcurrencyMax: number;
  /** Stream parallelization factor (3.3). */
  readonly streamParallelizationMin: number;
  readonly streamParallelizationMax: number;
  /** Stream retry attempts (3.3). */
  readonly streamRetriesMax: number;
  /** Stream record age, s (3.3). */
  readonly streamRecordAgeMin: number;
  readonly streamRecordAgeMax: number;
  /** Tumbling window, s (3.3). */
  readonly streamTumblingWindowMax: number;
  /** EventBridge targets per rule (B4). */
  readonly eventBridgeTargetsPerRule: number;
  /** EventBridge rules per bus (B5, QUOTA, adjustable). */
  readonly eventBridgeRulesPerBus: number;
  /** EventBridge event pattern size, characters (B7, QUOTA). */
  readonly eventBridgePatternChars: number;
  /** EventBridge retry attempts (T1). */
  readonly eventBridgeRetryMin: number;
  readonly eventBridgeRetryMax: number;
  /** EventBridge retry event age, s (T1). */
  readonly eventBridgeEventAgeMin: number;
  readonly eventBridgeEventAgeMax: number;
  /** EventBridge event size, bytes (B1). */
  readonly eventBridgeEventBytes: number;
  /** SNS filter policy keys and combinations (N3). */
  readonly snsFilterKeys: number;
  readonly snsFilterCombinations: number;
  /** SNS message size, bytes (N1). */
  readonly snsMessageBytes: number;
  /** Lambda sync payload, bytes (P1). */
  readonly lambdaSyncPayloadBytes: number;
  /** Lambda async payload, bytes (P2). */
  readonly lambdaAsyncPayloadBytes: number;
  /** API Gateway integration timeouts, s (G1, G2). */
  readonly httpApiTimeout: number;
  readonly restApiTimeout: number;
  /** Lambda async retries and event age (A1, A2). */
  readonly lambdaAsyncRetriesMax: number;
  readonly lambdaAsyncAgeMin: number;
  readonly lambdaAsyncAgeMax: number;
  /** Scheduler flexible window, minutes (C5). */
  readonly schedulerWindowMin: number;
  readonly schedulerWindowMax: number;
  /** Recursive loop stop (R1). */
  readonly recursiveLoopInvocations: number;
}

export const DEFAULT_LIMITS: Limits = {
  lambdaMemoryMin: 128,
  lambdaMemoryMax: 10240,
  lambdaTimeoutMin: 1,
  lambdaTimeoutMax: 900,
  lambdaTmpMin: 512,
  lambdaTmpMax: 10240,
  lambdaEnvironmentBytes: 4096,
  lambdaLayers: 5,
  lambdaNameLength: 64,
  lambdaHandlerLength: 128,
  accountConcurrency: 1000,
  unreservedConcurrencyMin: 100,
  sqsVisibilityMax: 43200,
  sqsRetentionMin: 60,
  sqsRetentionDefault: 345600,
  sqsRetentionMax: 1209600,
  sqsDelayMax: 900,
  sqsReceiveWaitMax: 20,
  sqsMessageSizeMin: 1024,
  sqsMessageSizeMax: 1048576,
  sqsNameLength: 80,
  sqsVisibilityFactor: 6,
  sqsMinReceiveCount: 5,
  sqsFifoBatchMax: 10,
  esmBatchMin: 1,
  esmBatchMax: 10000,
  esmBatchWithoutWindowMax: 10,
  esmLargeBatchWindowMin: 1,
  esmBatchWindowMax: 300,
  sqsMaxConcurrencyMin: 2,
  sqsMaxConcurrencyMax: 1000,
  streamParallelizationMin: 1,
  streamParallelizationMax: 10,
  streamRetriesMax: 10000,
  streamRecordAgeMin: 60,
  streamRecordAgeMax: 604800,
  streamTumblingWindowMax: 900,
  eventBridgeTargetsPerRule: 5,
  eventBridgeRulesPerBus: 300,
  eventBridgePatternChars: 2048,
  eventBridgeRetryMin: 0,
  eventBridgeRetryMax: 185,
  eventBridgeEventAgeMin: 60,
  eventBridgeEventAgeMax: 86400,
  eventBridgeEventBytes: 262144,
  snsFilterKeys: 5,
  snsFilterCombinations: 150,
  snsMessageBytes: 262144,
  lambdaSyncPayloadBytes: 6 * 1024 * 1024,
  lambdaAsyncPayloadBytes: 1024 * 1024,
  httpApiTimeout: 30,
  restApiTimeout: 29,
  lambdaAsyncRetriesMax: 2,
  lambdaAsyncAgeMin: 60,
  lambdaAsyncAgeMax: 21600,
  schedulerWindowMin: 1,
  schedulerWindowMax: 1440,
  recursiveLoopInvocations: 16,
};

/** Quotas a user may raise with AWS and so may override in settings. */
export const ADJUSTABLE_LIMITS = ['accountConcurrency', 'eventBridgeRulesPerBus', 'eventBridgeTargetsPerRule', 'eventBridgePatternChars'] as const satisfies readonly (keyof Limits)[];
