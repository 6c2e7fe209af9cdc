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
import { eventbridgeInvalidPattern } from './eventbridge-invalid-pattern';
import { eventbridgePatternSize } from './eventbridge-pattern-size';
import { eventbridgeRuleMatchesNothing } from './eventbridge-rule-matches-nothing';
import { eventbridgeAwsEventsOnCustomBus } from './eventbridge-aws-events-on-custom-bus';
import { eventbridgeUnroutedEvent } from './eventbridge-unrouted-event';
import { eventbridgeTargetsPerRule } from './eventbridge-targets-per-rule';
import { eventbridgeRulesPerBus } from './eventbridge-rules-per-bus';
import { eventbridgeRetryPolicy } from './eventbridge-retry-policy';
import { eventbridgeDeadLetterStandard } from './eventbridge-dead-letter-standard';
import { eventbridgeFifoMessageGroup } from './eventbridge-fifo-message-group';
import { eventbridgeFlexibleWindow } from './eventbridge-flexible-window';
import { eventbridgeScheduleExpression } from './eventbridge-schedule-expression';
import { s3RecursiveWrite } from './s3-recursive-write';
import { s3OverlappingNotifications } from './s3-overlapping-notifications';
import { s3FifoDestination } from './s3-fifo-destination';
import { graphLoop } from './graph-loop';
import { graphDeadEndProducer } from './graph-dead-end-producer';
import { graphUntriggeredConsumer } from './graph-untriggered-consumer';
import { graphPayloadSize } from './graph-payload-size';
import { iamMissingPermission } from './iam-missing-permission';
import { iamUncheckedRole } from './iam-unchecked-role';

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
  eventbridgeInvalidPattern,
  eventbridgePatternSize,
  eventbridgeRuleMatchesNothing,
  eventbridgeAwsEventsOnCustomBus,
  eventbridgeUnroutedEvent,
  eventbridgeTargetsPerRule,
  eventbridgeRulesPerBus,
  eventbridgeRetryPolicy,
  eventbridgeDeadLetterStandard,
  eventbridgeFifoMessageGroup,
  eventbridgeFlexibleWindow,
  eventbridgeScheduleExpression,
  s3RecursiveWrite,
  s3OverlappingNotifications,
  s3FifoDestination,
  graphLoop,
  graphDeadEndProducer,
  graphUntriggeredConsumer,
  graphPayloadSize,
  iamMissingPermission,
  iamUncheckedRole,
];

/** Rules by code. */
export const RULES_BY_CODE: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.code, r]));
