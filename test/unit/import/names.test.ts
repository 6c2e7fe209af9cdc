/**
 * The names an import gives: node names from logical IDs (valid Archflow names, also valid Lambda / SQS / SNS
 * names), the architecture's name from the template's file name, cut to fit the function-name limit, and
 * unique names handed out in order.
 */
import { describe, expect, it } from 'vitest';
import { architectureName, fitArchitectureName, Names, toNodeName } from '../../../server/src/core/import/names';

describe('toNodeName', () => {
  it.each([
    ['OrdersQueue', '', 'OrdersQueue'],
    ['orders.queue', '', 'orders-queue'],
    ['a  b..c', '', 'a-b-c'],
    ['a--b', '', 'a-b'],
    ['a_b-c', '', 'a_b-c'],
    ['--a--', '', 'a'],
    ['__a__', '', 'a'],
    ['-_a_-', '', 'a'],
    ['9lives', '', 'r9lives'],
    ['_9', '', 'r9'],
    ['', '', 'r'],
    ['...', '', 'r'],
    ['Orders', '.fifo', 'Orders.fifo'],
    ['x'.repeat(70), '', 'x'.repeat(64)],
    ['x'.repeat(70), '.fifo', 'x'.repeat(59) + '.fifo'],
    ['x'.repeat(70), '12', 'x'.repeat(62) + '12'],
  ])('%j (suffix %j) → %j', (raw, suffix, name) => {
    expect(toNodeName(raw, suffix)).toBe(name);
  });

  it('has no suffix by default', () => {
    expect(toNodeName('x'.repeat(70))).toBe('x'.repeat(64));
  });
});

describe('architectureName', () => {
  it.each([
    ['shop.yaml', 'shop'],
    ['shop.yml', 'shop'],
    ['shop.json', 'shop'],
    ['shop.template', 'shop'],
    ['shop.template.yaml', 'shop'],
    ['SHOP.YAML', 'SHOP'],
    ['shop.txt', 'shop-txt'],
    ['infra/orders/template.yaml', 'orders'],
    ['infra\\orders\\template.json', 'orders'],
    ['orders/cfn.yml', 'orders'],
    ['orders/CloudFormation.json', 'orders'],
    ['orders/sam.yaml', 'orders'],
    ['orders/serverless.yml', 'orders'],
    ['orders/stack.yaml', 'orders'],
    ['orders/.yaml', 'orders'],
    ['orders/stacks.yaml', 'stacks'],
    ['orders/my-template.yaml', 'my-template'],
    ['template.yaml', 'template'],
    ['/template.yaml', 'template'],
    ['my shop_v2.yaml', 'my-shop-v2'],
    ['shop.template.yml', 'shop'],
    ['shop.yml.template', 'shop'],
    ['my.json.backup.yaml', 'my-json-backup'],
    ['a--b.yaml', 'a-b'],
    ['--shop--.yaml', 'shop'],
    ['2024-shop.yaml', 'app-2024-shop'],
    ['___.yaml', 'app'],
    ['', 'app'],
    [`${'a'.repeat(63)}-b.yaml`, 'a'.repeat(63)],
    [`${'a'.repeat(70)}.yaml`, 'a'.repeat(64)],
  ])('%j → %j', (file, name) => {
    expect(architectureName(file)).toBe(name);
  });
});

describe('fitArchitectureName', () => {
  it.each([
    // [name, longest function, limit, result]
    ['shop', 10, 64, 'shop'],
    ['orders-service', 49, 64, 'orders-service'],
    ['orders-service', 50, 64, 'orders'],
    ['orders-service-eu', 47, 64, 'orders-service'],
    ['ordersservice', 50, 64, 'ordersservice'],
    ['ordersservice', 51, 64, 'ordersservic'],
    ['abcdefgh', 60, 64, 'abc'],
    ['abcdefgh', 61, 64, 'abcdefgh'],
    ['ab-cdefgh', 58, 64, 'ab-cd'],
    ['abc-defgh', 59, 64, 'abc'],
    ['abc-defgh', 58, 64, 'abc'],
    ['abcd-efgh', 58, 64, 'abcd'],
    ['a--------', 58, 64, 'a'],
    ['a-b-c-d-e-f', 56, 64, 'a-b-c-d'],
    ['-abcdefgh', 58, 64, '-abcdefgh'],
  ])('%j with a %i-character function in %i → %j', (name, longest, limit, fitted) => {
    expect(fitArchitectureName(name, longest, limit)).toBe(fitted);
  });
});

describe('Names', () => {
  it('hands out a name once, whatever its case, with a counter after it', () => {
    const names = new Names();
    names.reserve('Orders');
    expect(names.has('orders')).toBe(true);
    expect(names.has('Order')).toBe(false);
    expect(names.fresh('orders')).toBe('orders2');
    expect(names.fresh('Orders')).toBe('Orders3');
    expect(names.fresh('Queue')).toBe('Queue');
    expect(names.fresh('Queue')).toBe('Queue2');
    expect(names.has('queue2')).toBe(true);
  });

  it('keeps the suffix last and the name within 64 characters', () => {
    const names = new Names();
    expect(names.fresh('jobs', '.fifo')).toBe('jobs.fifo');
    expect(names.fresh('jobs', '.fifo')).toBe('jobs2.fifo');
    const long = 'q'.repeat(70);
    expect(names.fresh(long)).toBe('q'.repeat(64));
    expect(names.fresh(long)).toBe('q'.repeat(63) + '2');
  });
});
