import { testRule } from '../../helpers/rule-cases';

testRule('lambda/function-name', [
  {
    name: 'letters, digits, - and _ within 64 characters are fine',
    yaml: `
archflow: 1
name: shop
consumers:
  place-order_v2: {}`,
  },
  {
    name: 'a dot is not allowed',
    yaml: `
archflow: 1
name: shop
consumers:
  resize.image: {}
# ^^^^^^^^^^^^ error: Function name 'resize.image' contains '.': Lambda function names use only letters, digits, '-' and '_'.`,
  },
  {
    name: 'architecture name + function name over 64 characters',
    yaml: `
archflow: 1
name: order-processing-for-the-web-shop
consumers:
  sendTheReceiptToTheCustomerByEmail: {}
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: The deployed function name 'order-processing-for-the-web-shop-sendTheReceiptToTheCustomerByEmail' (architecture name + '-' + function) is 68 characters; Lambda allows 64. Shorten the function or the architecture name.
  short: {}`,
  },
  {
    name: 'exactly 64 characters deployed is fine, 65 is not (the dash counts)',
    yaml: `
archflow: 1
name: order-processing-for-the-web-shop
consumers:
  sendTheReceiptToTheCustomerNow: {}
  sendTheReceiptToTheCustomerNow1: {}
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: The deployed function name 'order-processing-for-the-web-shop-sendTheReceiptToTheCustomerNow1' (architecture name + '-' + function) is 65 characters; Lambda allows 64. Shorten the function or the architecture name.`,
  },
  {
    name: 'every character that is not allowed, once each',
    yaml: `
archflow: 1
name: shop
consumers:
  resize.image@v2.small: {}
# ^^^^^^^^^^^^^^^^^^^^^ error: Function name 'resize.image@v2.small' contains '.', '@': Lambda function names use only letters, digits, '-' and '_'.`,
  },
]);
