import type { Rule } from './rule';
import { sqsVisibilityTimeout } from './sqs-visibility-timeout';
import { lambdaMemoryRange } from './lambda-memory-range';
import { lambdaTimeoutRange } from './lambda-timeout-range';
import { lambdaTmpRange } from './lambda-tmp-range';
import { lambdaEnvironmentSize } from './lambda-environment-size';
import { lambdaEnvironmentKey } from './lambda-environment-key';
import { lambdaLayerCount } from './lambda-layer-count';
import { lambdaFunctionName } from './lambda-function-name';
import { lambdaHandlerFile } from './lambda-handler-file';
import { lambdaHandler } from './lambda-handler';
import { lambdaRuntimeLifecycle } from './lambda-runtime-lifecycle';
import { lambdaImageOnlyRuntime } from './lambda-image-only-runtime';
import { lambdaImagePackage } from './lambda-image-package';
import { lambdaReservedConcurrency } from './lambda-reserved-concurrency';
import { sqsVisibilityRange } from './sqs-visibility-range';
import { sqsRetentionRange } from './sqs-retention-range';
import { sqsDelayRange } from './sqs-delay-range';
import { sqsReceiveWaitRange } from './sqs-receive-wait-range';
import { sqsMessageSizeRange } from './sqs-message-size-range';
import { sqsQueueName } from './sqs-queue-name';
import { sqsFifoBatch } from './sqs-fifo-batch';
import { sqsMaxConcurrency } from './sqs-max-concurrency';
import { sqsMaxConcurrencyReserved } from './sqs-max-concurrency-reserved';
import { lambdaZeroConcurrency } from './lambda-zero-concurrency';
import { lambdaUrlAuthNone } from './lambda-url-auth-none';
import { lambdaDestinationFifo } from './lambda-destination-fifo';
import { lambdaInvocationTarget } from './lambda-invocation-target';
import { sqsDeadLetterQueue } from './sqs-dead-letter-queue';
import { sqsDeadLetterType } from './sqs-dead-letter-type';
import { sqsMaxReceiveCount } from './sqs-max-receive-count';
import { sqsDeadLetterRetention } from './sqs-dead-letter-retention';
import { sqsNoSender } from './sqs-no-sender';
import { sqsNoConsumer } from './sqs-no-consumer';
import { esmBatchSize } from './esm-batch-size';
import { esmBatchWindow } from './esm-batch-window';
import { esmEventFilter } from './esm-event-filter';
import { esmPartialBatchResponse } from './esm-partial-batch-response';
import { brokerSource } from './broker-source';
import { brokerOneDestination } from './broker-one-destination';
import { brokerSecret } from './broker-secret';
import { brokerStartingPosition } from './broker-starting-position';
import { brokerFunctionTimeout } from './broker-function-timeout';
import { snsTopicName } from './sns-topic-name';
import { snsFifoSubscriber } from './sns-fifo-subscriber';
import { snsFilterPolicy } from './sns-filter-policy';
import { snsFilterSyntax } from './sns-filter-syntax';
import { snsFilterWithoutAttributes } from './sns-filter-without-attributes';
import { snsSubscriptionDeadLetter } from './sns-subscription-dead-letter';
import { snsMessageSize } from './sns-message-size';
import { snsRawDelivery } from './sns-raw-delivery';
import { snsFifoOnlySetting } from './sns-fifo-only-setting';
import { sqsFifoOnlySetting } from './sqs-fifo-only-setting';
import { streamStartingPosition } from './stream-starting-position';
import { streamParallelization } from './stream-parallelization';
import { streamMaxRetries } from './stream-max-retries';
import { streamMaxRecordAge } from './stream-max-record-age';
import { streamTumblingWindow } from './stream-tumbling-window';
import { streamOnFailure } from './stream-on-failure';
import { streamBisectOnError } from './stream-bisect-on-error';
import { streamShardCount } from './stream-shard-count';
import { streamRetentionRange } from './stream-retention-range';
import { lambdaAsyncConfig } from './lambda-async-config';
import { dynamodbStreamRequired } from './dynamodb-stream-required';
import { dynamodbStreamReaders } from './dynamodb-stream-readers';
import { streamSharedReaders } from './stream-shared-readers';
import { streamFanOutConsumers } from './stream-fan-out-consumers';
import { apiIntegrationTimeout } from './api-integration-timeout';
import { apiFunctionTimeout } from './api-function-timeout';
import { apiRoutesPerApi } from './api-routes-per-api';
import { eventbridgeBusesPerAccount } from './eventbridge-buses-per-account';
import { eventbridgeWildcardRulesPerBus } from './eventbridge-wildcard-rules-per-bus';
import { snsFilterPoliciesPerTopic } from './sns-filter-policies-per-topic';
import { eventbridgeInvalidPattern } from './eventbridge-invalid-pattern';
import { eventbridgePatternField } from './eventbridge-pattern-field';
import { eventbridgePatternSize } from './eventbridge-pattern-size';
import { eventbridgeRuleMatchesNothing } from './eventbridge-rule-matches-nothing';
import { eventbridgeAwsEventsOnCustomBus } from './eventbridge-aws-events-on-custom-bus';
import { eventbridgeUnroutedEvent } from './eventbridge-unrouted-event';
import { eventbridgeTargetsPerRule } from './eventbridge-targets-per-rule';
import { eventbridgeRulesPerBus } from './eventbridge-rules-per-bus';
import { eventbridgeRetryPolicy } from './eventbridge-retry-policy';
import { eventbridgeDeadLetterStandard } from './eventbridge-dead-letter-standard';
import { eventbridgeTargetDeadLetter } from './eventbridge-target-dead-letter';
import { stepfunctionsDefinition } from './stepfunctions-definition';
import { stepfunctionsSubstitutions } from './stepfunctions-substitutions';
import { stepfunctionsApiTimeout } from './stepfunctions-api-timeout';
import { stepfunctionsSyncStartStandard } from './stepfunctions-sync-start-standard';
import { pipesFilter } from './pipes-filter';
import { pipesSynchronousStateMachine } from './pipes-synchronous-state-machine';
import { lambdaAsyncFailureDestination } from './lambda-async-failure-destination';
import { eventbridgeFifoMessageGroup } from './eventbridge-fifo-message-group';
import { eventbridgeFlexibleWindow } from './eventbridge-flexible-window';
import { eventbridgeScheduleExpression } from './eventbridge-schedule-expression';
import { eventbridgeScheduleFifoDeadLetter } from './eventbridge-schedule-fifo-dead-letter';
import { eventbridgeScheduleFifoDeduplication } from './eventbridge-schedule-fifo-deduplication';
import { s3RecursiveWrite } from './s3-recursive-write';
import { s3OverlappingNotifications } from './s3-overlapping-notifications';
import { s3FifoDestination } from './s3-fifo-destination';
import { s3KeyFilterWildcard } from './s3-key-filter-wildcard';
import { graphLoop } from './graph-loop';
import { graphDeadEndProducer } from './graph-dead-end-producer';
import { graphUntriggeredConsumer } from './graph-untriggered-consumer';
import { graphPayloadSize } from './graph-payload-size';
import { iamMissingPermission } from './iam-missing-permission';
import { iamUncheckedRole } from './iam-unchecked-role';
import { iamAccess } from './iam-access';
import { iamExternalArn } from './iam-external-arn';
import { iamPolicyResource } from './iam-policy-resource';
import { iamPolicyWildcard } from './iam-policy-wildcard';
import { stagesOverride } from './stages-override';

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
  lambdaHandlerFile,
  lambdaHandler,
  lambdaRuntimeLifecycle,
  lambdaImageOnlyRuntime,
  lambdaImagePackage,
  lambdaAsyncConfig,
  lambdaAsyncFailureDestination,
  lambdaReservedConcurrency,
  lambdaZeroConcurrency,
  lambdaUrlAuthNone,
  lambdaDestinationFifo,
  lambdaInvocationTarget,
  sqsVisibilityRange,
  sqsRetentionRange,
  sqsDelayRange,
  sqsReceiveWaitRange,
  sqsMessageSizeRange,
  sqsQueueName,
  sqsFifoBatch,
  sqsFifoOnlySetting,
  sqsMaxConcurrency,
  sqsMaxConcurrencyReserved,
  sqsDeadLetterQueue,
  sqsDeadLetterType,
  sqsMaxReceiveCount,
  sqsDeadLetterRetention,
  sqsNoSender,
  sqsNoConsumer,
  esmBatchSize,
  esmBatchWindow,
  esmEventFilter,
  esmPartialBatchResponse,
  brokerSource,
  brokerOneDestination,
  brokerSecret,
  brokerStartingPosition,
  brokerFunctionTimeout,
  snsTopicName,
  snsFifoSubscriber,
  snsFilterPolicy,
  snsFilterPoliciesPerTopic,
  snsFilterSyntax,
  snsFilterWithoutAttributes,
  snsSubscriptionDeadLetter,
  snsMessageSize,
  snsRawDelivery,
  snsFifoOnlySetting,
  streamStartingPosition,
  streamParallelization,
  streamMaxRetries,
  streamMaxRecordAge,
  streamTumblingWindow,
  streamOnFailure,
  streamBisectOnError,
  streamShardCount,
  streamRetentionRange,
  streamSharedReaders,
  streamFanOutConsumers,
  dynamodbStreamRequired,
  dynamodbStreamReaders,
  apiIntegrationTimeout,
  apiFunctionTimeout,
  apiRoutesPerApi,
  eventbridgeInvalidPattern,
  eventbridgePatternField,
  eventbridgePatternSize,
  eventbridgeRuleMatchesNothing,
  eventbridgeAwsEventsOnCustomBus,
  eventbridgeUnroutedEvent,
  eventbridgeTargetsPerRule,
  eventbridgeRulesPerBus,
  eventbridgeWildcardRulesPerBus,
  eventbridgeBusesPerAccount,
  eventbridgeRetryPolicy,
  eventbridgeDeadLetterStandard,
  eventbridgeTargetDeadLetter,
  eventbridgeFifoMessageGroup,
  eventbridgeFlexibleWindow,
  eventbridgeScheduleExpression,
  eventbridgeScheduleFifoDeadLetter,
  eventbridgeScheduleFifoDeduplication,
  stepfunctionsDefinition,
  stepfunctionsSubstitutions,
  stepfunctionsApiTimeout,
  stepfunctionsSyncStartStandard,
  pipesFilter,
  pipesSynchronousStateMachine,
  s3RecursiveWrite,
  s3OverlappingNotifications,
  s3FifoDestination,
  s3KeyFilterWildcard,
  graphLoop,
  graphDeadEndProducer,
  graphUntriggeredConsumer,
  graphPayloadSize,
  iamMissingPermission,
  iamUncheckedRole,
  iamAccess,
  iamPolicyResource,
  iamPolicyWildcard,
  iamExternalArn,
  stagesOverride,
];

/** Rules by code. */
export const RULES_BY_CODE: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.code, r]));
