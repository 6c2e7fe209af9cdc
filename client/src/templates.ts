/**
 * Starting points for "Archflow: New Architecture": the five classic serverless shapes. Each is a
 * complete architecture that lints clean (test/unit/templates.test.ts runs the core's `analyze` on
 * every one), written the way AWS recommends: dead-letter queues, visibility timeouts of 6 × the
 * consumer's timeout, partial batch failures, on-failure destinations for streams.
 *
 * Pure data: no `vscode` import, so the unit tests read the same text the command writes.
 */

/** One template offered by the New Architecture command. */
export interface ArchitectureTemplate {
  /** Stable id, also accepted as the command's `template` argument. */
  readonly id: string;
  /** Shown in the quick pick. */
  readonly label: string;
  /** One line under the label. */
  readonly description: string;
  /** The suggested architecture name (letters, digits, hyphens). */
  readonly defaultName: string;
  /** The file text; `${name}` stands for the architecture name. */
  readonly text: string;
}

/** The allowed architecture names (the schema's `name` pattern): the CloudFormation stack name. */
export const ARCHITECTURE_NAME = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;

const api = `archflow: 1
name: \${name}
description: An HTTP API whose functions store items in a DynamoDB table and announce new items on an event bus.

defaults:
  runtime: nodejs24.x
  architecture: arm64
  memory: 512
  timeout: 10 # seconds; the API gives up after 30 s

events:
  ItemCreated:
    source: \${name}.items
    schema:
      type: object
      required: [id, name]
      properties:
        id: { type: string }
        name: { type: string }

producers:
  api:
    type: http-api
    cors: true
    routes:
      GET /items: listItems
      GET /items/{id}: getItem
      POST /items: createItem
  items:
    type: table
    partitionKey: id

routers:
  itemEvents:
    type: event-bus
    rules:
      itemCreated:
        pattern: { source: [\${name}.items], detail-type: [ItemCreated] }
        to: { function: indexItem, deadLetter: undeliveredEvents }
  undeliveredEvents:
    type: queue
    retention: 14d
  failedIndexing: # events indexItem still failed on after Lambda's retries
    type: queue
    retention: 14d

consumers:
  listItems:
    emits: [{ to: items, access: read }]
  getItem:
    emits: [{ to: items, access: read }]
  createItem:
    emits:
      - { to: items, access: write }
      - { to: itemEvents, event: ItemCreated }
  indexItem:
    async: { onFailure: failedIndexing }
`;

const files = `archflow: 1
name: \${name}
description: Files uploaded under incoming/ are queued, processed one batch at a time, and the results written to a second bucket.

defaults:
  runtime: nodejs24.x
  architecture: arm64

producers:
  uploads:
    type: bucket
    notifications:
      - on: [ObjectCreated]
        prefix: incoming/
        to: uploadQueue
  results:
    type: bucket

routers:
  uploadQueue:
    type: queue
    visibilityTimeout: 360 # 6 × processFile's timeout, as AWS recommends
    deadLetter: { queue: failedUploads, maxReceiveCount: 5 }
    to: { function: processFile, batchSize: 10, reportFailures: true }
  failedUploads:
    type: queue
    retention: 14d # longer than uploadQueue's, so nothing expires before it is inspected

consumers:
  processFile:
    memory: 1024
    timeout: 60
    tmp: 2048 # MB of /tmp for the file being processed
    emits: [{ to: results, prefix: processed/ }]
`;

const tableStream = `archflow: 1
name: \${name}
description: Every change to the orders table runs a function that publishes the change to a topic; subscribers react.

defaults:
  runtime: nodejs24.x
  architecture: arm64

events:
  OrderChanged:
    source: \${name}.orders
    schema:
      type: object
      required: [orderId, status]
      properties:
        orderId: { type: string }
        status: { type: string }

producers:
  orders:
    type: table
    partitionKey: orderId
    stream: NEW_AND_OLD_IMAGES
    to:
      function: onOrderChange
      startingPosition: LATEST
      batchSize: 100
      batchWindow: 1 # seconds; required above 10 records per batch
      maxRetries: 3
      bisectOnError: true
      reportFailures: true
      onFailure: failedChanges

routers:
  failedChanges:
    type: queue
    retention: 14d
  orderUpdates:
    type: topic
    to:
      - { function: notifyCustomer, deadLetter: undeliveredUpdates }
      - { queue: auditQueue, rawDelivery: true, deadLetter: undeliveredUpdates }
  auditQueue:
    type: queue
    visibilityTimeout: 60 # 6 × writeAudit's timeout
    deadLetter: { queue: failedAudits, maxReceiveCount: 5 }
    to: { function: writeAudit, reportFailures: true }
  failedAudits:
    type: queue
    retention: 14d
  undeliveredUpdates:
    type: queue
    retention: 14d
  failedNotifications: # updates notifyCustomer still failed on after Lambda's retries
    type: queue
    retention: 14d

consumers:
  onOrderChange:
    emits: [{ to: orderUpdates, event: OrderChanged }]
  notifyCustomer:
    async: { onFailure: failedNotifications }
  writeAudit:
    timeout: 10
`;

const cron = `archflow: 1
name: \${name}
description: A nightly job, with retries, a dead-letter queue for runs that could not start and one for runs that failed.

defaults:
  runtime: nodejs24.x
  architecture: arm64

producers:
  nightly:
    type: schedule
    schedule: cron(0 2 * * ? *) # 02:00 every day
    timezone: UTC
    retry: { attempts: 3, maxAge: 1h }
    deadLetter: missedRuns
    to: cleanup

routers:
  missedRuns:
    type: queue
    retention: 14d
  failedRuns: # runs that started but failed after Lambda's retries
    type: queue
    retention: 14d

consumers:
  cleanup:
    memory: 256
    timeout: 300 # 5 minutes
    async: { retries: 0, onFailure: failedRuns }
`;


const stream = `archflow: 1
name: \${name}
description: Click events posted to an API flow through a Kinesis stream and are aggregated per page into a table.

defaults:
  runtime: nodejs24.x
  architecture: arm64

events:
  Click:
    source: \${name}.web
    schema:
      type: object
      required: [page, at]
      properties:
        page: { type: string }
        at: { type: string, format: date-time }

producers:
  collector:
    type: http-api
    routes:
      POST /clicks: ingest
  totals:
    type: table
    partitionKey: page
    sortKey: minute:N

routers:
  clicks:
    type: stream
    shards: 2
    to:
      function: aggregate
      startingPosition: LATEST
      batchSize: 500
      batchWindow: 5
      parallelization: 2
      maxRetries: 3
      bisectOnError: true
      reportFailures: true
      onFailure: failedRecords
  failedRecords:
    type: queue
    retention: 14d

consumers:
  ingest:
    timeout: 5
    emits: [{ to: clicks, event: Click }]
  aggregate:
    memory: 1024
    timeout: 60
    emits: [{ to: totals, access: read-write }]
`;

/** The templates, in the order the quick pick shows them. */
export const TEMPLATES: readonly ArchitectureTemplate[] = [
  { id: 'api', label: 'API application', description: 'HTTP API → functions → DynamoDB table, events on an event bus', defaultName: 'items-api', text: api },
  { id: 'file-processing', label: 'File processing', description: 'S3 bucket → queue with a dead-letter queue → function → results bucket', defaultName: 'file-processing', text: files },
  { id: 'database-triggers', label: 'Database triggers', description: 'DynamoDB table stream → function → SNS topic → subscribers', defaultName: 'order-changes', text: tableStream },
  { id: 'cron', label: 'Scheduled job (cron)', description: 'EventBridge Scheduler → function, with retries and a dead-letter queue', defaultName: 'nightly-job', text: cron },
  { id: 'stream-processing', label: 'Stream processing', description: 'HTTP API → Kinesis stream → batched aggregation → DynamoDB table', defaultName: 'clickstream', text: stream },
];

/** The template's text with the architecture name filled in. */
export function renderTemplate(template: ArchitectureTemplate, name: string): string {
  return template.text.replaceAll('${name}', name);
}
