import { testRule } from '../../helpers/rule-cases';

testRule('sns/raw-delivery', [
  {
    name: 'raw delivery to a queue, and false or absent on a function, are fine',
    yaml: `
archflow: 1
name: t
routers:
  news: { type: topic, to: [{ queue: q, rawDelivery: true }, { function: w, rawDelivery: false }, w] }
  q: { type: queue }
consumers:
  w: {}`,
  },
  {
    name: 'raw delivery to a Lambda subscriber',
    yaml: `
archflow: 1
name: t
routers:
  news:
    type: topic
    to:
      - function: w
        rawDelivery: true
#                    ^^^^ warning: SNS ignores \`rawDelivery\` for Lambda subscribers: function 'w' receives the SNS envelope from topic 'news' anyway (the message is in \`Records[].Sns.Message\`).
#   fix: Remove rawDelivery
#   - rawDelivery: true
consumers:
  w: {}`,
  },
  {
    name: 'rawDelivery on a Lambda event source mapping is no SNS subscription (the schema rejects it)',
    yaml: `
archflow: 1
name: t
routers:
  jobs: { type: queue, to: { function: f, rawDelivery: true } }
consumers:
  f: {}`,
  },
]);
