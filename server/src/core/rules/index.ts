import type { Rule } from './rule';
import { sqsVisibilityTimeout } from './sqs-visibility-timeout';
import { lambdaMemoryRange } from './lambda-memory-range';
import { lambdaTimeoutRange } from './lambda-timeout-range';
import { lambdaTmpRange } from './lambda-tmp-range';
import { lambdaEnvironmentSize } from './lambda-environment-size';
import { lambdaEnvironmentKey } from './lambda-environment-key';
import { lambdaLayerCount } from './lambda-layer-count';
import { lambdaFunctionName } from './lambda-function-name';
import { lambdaHandler } from './lambda-handler';
import { lambdaRuntimeLifecycle } from './lambda-runtime-lifecycle';
import { lambdaReservedConcurrency } from './lambda-reserved-concurrency';
import { sqsVisibilityRange } from './sqs-visibility-range';
import { sqsRetentionRange } from './sqs-retention-range';
import { sqsDelayRange } from './sqs-delay-range';
import { sqsReceiveWaitRange } from './sqs-receive-wait-range';
import { sqsMessageSizeRange } from './sqs-message-size-range';
import { sqsQueueName } from './sqs-queue-name';
import { sqsFifoBatch } from './sqs-fifo-batch';
import { sqsMaxConcurrency } from './sqs-max-concurrency';
import { sqsDeadLetterQueue } from './sqs-dead-letter-queue';
import { sqsDeadLetterType } from './sqs-dead-letter-type';
import { sqsMaxReceiveCount } from './sqs-max-receive-count';
import { sqsDeadLetterRetention } from './sqs-dead-letter-retention';
import { sqsNoSender } from './sqs-no-sender';
import { sqsNoConsumer } from './sqs-no-consumer';
import { esmBatchSize } from './esm-batch-size';
import { esmBatchWindow } from './esm-batch-window';
import { snsTopicName } from './sns-topic-name';
import { snsFifoSubscriber } from './sns-fifo-subscriber';
import { snsFilterPolicy } from './sns-filter-policy';
import { snsSubscriptionDeadLetter } from './sns-subscription-dead-letter';
import { streamStartingPosition } from './stream-starting-position';
import { streamParallelization } from './stream-parallelization';
import { streamMaxRetries } from './stream-max-retries';
import { streamMaxRecordAge } from './stream-max-record-age';
import { streamTumblingWindow } from './stream-tumbling-window';
import { streamOnFailure } from './stream-on-failure';
import { streamBisectOnError } from './stream-bisect-on-error';
import { dynamodbStreamRequired } from './dynamodb-stream-required';
import { apiIntegrationTimeout } from './api-integration-timeout';
import { apiFunctionTimeout } from './api-function-timeout';

/** Every lint rule, in the order of docs/rules.md. A plain array: no container, no registration. */
export const RULES: readonly Rule[] = [
  sqsVisibilityTimeout,
  lambdaMemoryRange,
  lambdaTimeoutRange,
  lambdaTmpRange,
  lambdaEnvironmentSize,
  lambdaEnvironmentKey,
  lambdaLayerCount,
  lambdaFunctionName,
  lambdaHandler,
  lambdaRuntimeLifecycle,
  lambdaReservedConcurrency,
  sqsVisibilityRange,
  sqsRetentionRange,
  sqsDelayRange,
  sqsReceiveWaitRange,
  sqsMessageSizeRange,
  sqsQueueName,
  sqsFifoBatch,
  sqsMaxConcurrency,
  sqsDeadLetterQueue,
  sqsDeadLetterType,
  sqsMaxReceiveCount,
  sqsDeadLetterRetention,
  sqsNoSender,
  sqsNoConsumer,
  esmBatchSize,
  esmBatchWindow,
  snsTopicName,
  snsFifoSubscriber,
  snsFilterPolicy,
  snsSubscriptionDeadLetter,
  streamStartingPosition,
  streamParallelization,
  streamMaxRetries,
  streamMaxRecordAge,
  streamTumblingWindow,
  streamOnFailure,
  streamBisectOnError,
  dynamodbStreamRequired,
  apiIntegrationTimeout,
  apiFunctionTimeout,
];

/** Rules by code. */
export const RULES_BY_CODE: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.code, r]));
