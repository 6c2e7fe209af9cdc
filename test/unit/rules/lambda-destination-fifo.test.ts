import { testRule } from '../../helpers/rule-cases';

testRule('lambda/destination-fifo', [
  {
    name: 'standard queues and topics, buses and functions are fine',
    yaml: `
archflow: 1
name: t
routers:
  done: { type: topic }
  failed: { type: queue }
  clicks: { type: stream, to: { function: reader, startingPosition: LATEST, onFailure: failed } }
consumers:
  reader: {}
  worker: { async: { onSuccess: done, onFailure: reader } }`,
  },
  {
    name: 'a FIFO topic on success, a FIFO queue on failure of a function and of a stream mapping',
    yaml: `
archflow: 1
name: t
routers:
  done.fifo: { type: topic, fifo: true }
  failed.fifo: { type: queue, fifo: true }
  clicks: { type: stream, to: { function: reader, startingPosition: LATEST, onFailure: failed.fifo } }
#                                                                                      ^^^^^^^^^^^ error: The on-failure destination of 'clicks' is FIFO queue 'failed.fifo': Lambda sends invocation records only to standard queues and topics, so every record would be lost. Use a standard queue.
consumers:
  reader: {}
  worker: { async: { onSuccess: done.fifo, onFailure: failed.fifo } }
#                               ^^^^^^^^^ error: The on-success destination of 'worker' is FIFO topic 'done.fifo': Lambda sends invocation records only to standard queues and topics, so every record would be lost. Use a standard topic.
#                                                     ^^^^^^^^^^^ error: The on-failure destination of 'worker' is FIFO queue 'failed.fifo': Lambda sends invocation records only to standard queues and topics, so every record would be lost. Use a standard queue.`,
  },
]);
