import { testRule } from '../../helpers/rule-cases';

testRule('dynamodb/stream-required', [
  {
    name: 'a table with a stream, or without readers, is fine',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: table, stream: NEW_AND_OLD_IMAGES, to: { function: w, startingPosition: LATEST } }
  archive: { type: table }
consumers:
  w: {}`,
  },
  {
    name: 'readers without a stream',
    yaml: `
archflow: 1
name: t
producers:
  orders:
    type: table
    partitionKey: orderId
    to: { function: w, startingPosition: LATEST }
#   ^^ error: Table 'orders' sends its changes to functions but has no stream: set \`stream\` (NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES or KEYS_ONLY).
#   fix: Set stream: NEW_AND_OLD_IMAGES
#   + stream: NEW_AND_OLD_IMAGES
consumers:
  w: {}`,
  },
  {
    name: 'a pipe reading a table without a stream',
    yaml: `
archflow: 1
name: t
producers:
  orders: { type: table, partitionKey: orderId }
# ^^^^^^ error: Table 'orders' is read by pipe 'changes' but has no stream: set \`stream\` (NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES or KEYS_ONLY).
#   fix: Set stream: NEW_AND_OLD_IMAGES
#   + orders: { type: table, stream: NEW_AND_OLD_IMAGES, partitionKey: orderId }
routers:
  changes: { type: pipe, source: { table: orders }, to: w }
consumers:
  w: {}`,
  },
]);
