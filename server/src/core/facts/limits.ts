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
  /** EventBridge targets per rule (B4, hard: not adjustable). */
  readonly eventBridgeTargetsPerRule: number;
  /** EventBridge rules per bus (B5, QUOTA, adjustable). */
  readonly eventBridgeRulesPerBus: number;
  /** Custom event buses per account and Region (B6, QUOTA, adjustable). */
  readonly eventBridgeBusesPerAccount: number;
  /** Rules containing wildcard filters per event bus (B8, HARD: not adjustable). */
  readonly eventBridgeWildcardRulesPerBus: number;
  /** EventBridge event pattern size, characters (B7, QUOTA). */
  readonly eventBridgePatternChars: number;
  /** EventBridge retry attempts (T1). */
  readonly eventBridgeRetryMin: number;
  readonly eventBridgeRetryMax: number;
  /** EventBridge retry event age, s (T1). */
  readonly eventBridgeEventAgeMin: number;
  readonly eventBridgeEventAgeMax: number;
  /** EventBridge event size, bytes (B1: 1 MB since January 2026, was 256 KB). */
  readonly eventBridgeEventBytes: number;
  /** SNS filter policy keys and combinations (N3). */
  readonly snsFilterKeys: number;
  readonly snsFilterCombinations: number;
  /** SNS filter policies per topic and per account (N3, QUOTA, adjustable). */
  readonly snsFilterPoliciesPerTopic: number;
  readonly snsFilterPoliciesPerAccount: number;
  /** SNS message size of a topic that does not set `maxMessageSize`, bytes (N1). */
  readonly snsMessageBytes: number;
  /** SNS topic `MaximumMessageSize` range, bytes (N1, September 2026). */
  readonly snsMessageSizeMin: number;
  readonly snsMessageSizeMax: number;
  /** Above the default size, a topic takes at most this many subscriptions, all SQS, Lambda or Firehose (N1). */
  readonly snsLargeMessageSubscriptions: number;
  /** Lambda sync payload, bytes (P1). */
  readonly lambdaSyncPayloadBytes: number;
  /** Lambda async payload, bytes (P2). */
  readonly lambdaAsyncPayloadBytes: number;
  /** Step Functions execution input (and state input and output), bytes (K1). */
  readonly stepFunctionsPayloadBytes: number;
  /** WebSocket API message payload, bytes (G7: 128 KB, hard). */
  readonly websocketMessageBytes: number;
  /** Kinesis record size, bytes (K3: 1 MiB by default; a stream can be raised to 10 MiB, which Archflow does not write). */
  readonly kinesisRecordBytes: number;
  /** API Gateway integration timeouts, s (G1, G2). */
  readonly httpApiTimeout: number;
  /**
   * REST API integration timeout, s (G1): 29 s by default; Regional and private REST APIs can go
   * higher after a Service Quotas increase (QUOTA, adjustable in settings).
   */
  readonly restApiTimeout: number;
  /** Routes per HTTP API (G5, QUOTA, adjustable). */
  readonly httpApiRoutes: number;
  /** Integrations per HTTP API (G5, HARD: not adjustable). */
  readonly httpApiIntegrations: number;
  /** Resources per REST API (G6, QUOTA, adjustable). */
  readonly restApiResources: number;
  /** Shortest integration timeout of both API kinds, s (G1: 50 ms). */
  readonly apiTimeoutMin: number;
  /** Lambda async retries and event age (A1, A2). */
  readonly lambdaAsyncRetriesMax: number;
  readonly lambdaAsyncAgeMin: number;
  readonly lambdaAsyncAgeMax: number;
  /** Scheduler flexible window, minutes (C5). */
  readonly schedulerWindowMin: number;
  readonly schedulerWindowMax: number;
  /** Recursive loop stop (R1). */
  readonly recursiveLoopInvocations: number;
  /** Kinesis retention, hours (Kinesis DG "Change the data retention period": 24 – 8,760 h). */
  readonly kinesisRetentionHoursMin: number;
  readonly kinesisRetentionHoursMax: number;
  /** Kinesis provisioned shards: at least one (CreateStream `ShardCount`). */
  readonly kinesisShardsMin: number;
  /**
   * GetRecords calls a Kinesis shard serves per second, shared by every standard (shared-throughput)
   * reader; Lambda polls each shard at least once a second per mapping (Kinesis DG quotas; Lambda DG
   * with-kinesis). More standard readers than this are throttled for certain.
   */
  readonly kinesisShardReadsPerSecond: number;
  /**
   * Standard readers of one stream above which enhanced fan-out is advised: they share each shard's
   * 2 MB/s, and AWS measures ~200 ms propagation with one reader, ~1,000 ms with five (Kinesis DG
   * "Read data from Amazon Kinesis Data Streams").
   */
  readonly kinesisSharedReadersAdvised: number;
  /** Enhanced fan-out consumers per stream (Kinesis DG "Develop enhanced fan-out consumers": 20). */
  readonly kinesisFanOutConsumers: number;
  /** Readers of one DynamoDB stream shard before throttling (DynamoDB DG service quotas: "no more than 2"). */
  readonly dynamodbStreamReaders: number;
  /** SQS `maxReceiveCount` lower bound (Q17). */
  readonly sqsMaxReceiveCountMin: number;
  /**
   * The longest timeout of a function read by an MSK, self-managed Kafka, Amazon MQ or DocumentDB
   * event source mapping, s (Lambda DG "Process Amazon DocumentDB events with Lambda": these mappings
   * "only support functions with maximum timeout limits of 14 minutes"; not in aws-limits.md).
   */
  readonly brokerFunctionTimeoutMax: number;
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
  eventBridgeBusesPerAccount: 100,
  eventBridgeWildcardRulesPerBus: 30,
  eventBridgePatternChars: 2048,
  eventBridgeRetryMin: 0,
  eventBridgeRetryMax: 185,
  eventBridgeEventAgeMin: 60,
  eventBridgeEventAgeMax: 86400,
  eventBridgeEventBytes: 1048576,
  snsFilterKeys: 5,
  snsFilterCombinations: 150,
  snsFilterPoliciesPerTopic: 200,
  snsFilterPoliciesPerAccount: 10000,
  snsMessageBytes: 262144,
  snsMessageSizeMin: 1024,
  snsMessageSizeMax: 1048576,
  snsLargeMessageSubscriptions: 100,
  lambdaSyncPayloadBytes: 6 * 1024 * 1024,
  lambdaAsyncPayloadBytes: 1024 * 1024,
  stepFunctionsPayloadBytes: 262144,
  websocketMessageBytes: 128 * 1024,
  kinesisRecordBytes: 1024 * 1024,
  httpApiTimeout: 30,
  restApiTimeout: 29,
  httpApiRoutes: 300,
  httpApiIntegrations: 300,
  restApiResources: 300,
  apiTimeoutMin: 0.05,
  lambdaAsyncRetriesMax: 2,
  lambdaAsyncAgeMin: 60,
  lambdaAsyncAgeMax: 21600,
  schedulerWindowMin: 1,
  schedulerWindowMax: 1440,
  recursiveLoopInvocations: 16,
  kinesisRetentionHoursMin: 24,
  kinesisRetentionHoursMax: 8760,
  kinesisShardsMin: 1,
  kinesisShardReadsPerSecond: 5,
  kinesisSharedReadersAdvised: 2,
  kinesisFanOutConsumers: 20,
  dynamodbStreamReaders: 2,
  sqsMaxReceiveCountMin: 1,
  brokerFunctionTimeoutMax: 840,
};

/** Quotas a user may raise with AWS and so may override in settings. */
export const ADJUSTABLE_LIMITS = [
  'accountConcurrency', 'eventBridgeRulesPerBus', 'eventBridgePatternChars', 'restApiTimeout',
  'eventBridgeBusesPerAccount', 'httpApiRoutes', 'restApiResources', 'snsFilterPoliciesPerTopic', 'snsFilterPoliciesPerAccount',
] as const satisfies readonly (keyof Limits)[];

/**
 * The retention periods CloudWatch Logs accepts, in days (`AWS::Logs::LogGroup` `RetentionInDays`:
 * the enum of its CloudFormation resource schema, as bundled by cfn-lint 1.51; PutRetentionPolicy
 * API reference). Not in shared reference aws-limits.md, which has no CloudWatch Logs section.
 */
export const LOG_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** How long a function's logs are kept when neither it nor `defaults` says (`logRetention`), in days: Archflow's choice. */
export const DEFAULT_LOG_RETENTION_DAYS = 30;
