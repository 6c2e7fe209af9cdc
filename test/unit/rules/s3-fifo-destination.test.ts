import { testRule } from '../../helpers/rule-cases';

testRule('s3/fifo-destination', [
  {
    name: 'standard queues and topics and functions are fine',
    yaml: `
archflow: 1
name: t
producers:
  uploads:
    type: bucket
    notifications:
      - { on: [ObjectCreated], prefix: a/, to: jobs }
      - { on: [ObjectCreated], prefix: b/, to: news }
      - { on: [ObjectCreated], prefix: c/, to: worker }
routers:
  jobs: { type: queue, to: worker }
  news: { type: topic, to: worker }
consumers:
  worker: {}`,
  },
  {
    name: 'a FIFO queue and a FIFO topic are rejected',
    yaml: `
archflow: 1
name: t
producers:
  uploads:
    type: bucket
    notifications:
      - { on: [ObjectCreated], prefix: a/, to: jobs.fifo }
#                                              ^^^^^^^^^ error: Bucket 'uploads' cannot notify FIFO queue 'jobs.fifo': S3 event notifications support only standard queues and topics. Notify a standard queue, or route the events through EventBridge.
      - on: [ObjectRemoved]
        to: { topic: news.fifo }
#                    ^^^^^^^^^ error: Bucket 'uploads' cannot notify FIFO topic 'news.fifo': S3 event notifications support only standard queues and topics. Notify a standard topic, or route the events through EventBridge.
routers:
  jobs.fifo: { type: queue, fifo: true, to: worker }
  news.fifo: { type: topic, fifo: true, to: [{ queue: jobs.fifo }] }
consumers:
  worker: {}`,
  },
]);
