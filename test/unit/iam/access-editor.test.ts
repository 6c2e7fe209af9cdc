/**
 * `access` in the editor: completion proposes the words of the target's kind, hover explains the
 * word under the cursor — each with the exact actions it grants (the permission table).
 */
import { describe, expect, it } from 'vitest';
import { complete } from '../../../server/src/core/features/complete';
import { hover } from '../../../server/src/core/features/hover';
import { analyze } from '../../../server/src/core/index';

const FILE = `archflow: 1
name: t
producers:
  files: { type: bucket }
  orders: { type: table }
routers:
  jobs: { type: queue }
consumers:
  worker:
    emits:
      - { to: files, prefix: tmp/, access: ACCESS_FILES }
      - to: orders
        access: [read, ACCESS_ORDERS]
      - { to: jobs, access: send }
`;

/** The completion items at the `|` of the file with one placeholder replaced. */
function completeAt(placeholder: string, replacement: string): { label: string; detail?: string; documentation?: string }[] {
  const text = FILE.replace(placeholder, replacement).replace(/ACCESS_\w+/g, 'read');
  const offset = text.indexOf('|');
  return complete(analyze(text.replace('|', '')), offset);
}

function hoverOn(word: string, nth = 0): string | undefined {
  const text = FILE.replace('ACCESS_FILES', '[read, delete]').replace('ACCESS_ORDERS', 'query');
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(word, offset + 1);
  return hover(analyze(text), offset + 1)?.markdown;
}

describe('access in the editor', () => {
  it("completion proposes the bucket's words, each with its actions", () => {
    const items = completeAt('ACCESS_FILES', '|');
    expect(items.map((i) => i.label)).toEqual(['read', 'write', 'delete', 'list', 'read-write']);
    expect(items.every((i) => i.detail === 'access of bucket files')).toBe(true);
    expect(items.find((i) => i.label === 'delete')!.documentation).toBe('**access `delete`** on bucket `files`: delete objects (under `prefix`).\n\n- `s3:DeleteObject` on its objects (under `prefix`)');
    expect(items.find((i) => i.label === 'list')!.documentation).toBe('**access `list`** on bucket `files`: list the keys (under `prefix`: the request must give it).\n\n- `s3:ListBucket` on the bucket');
  });

  it("completion in a list proposes the table's words", () => {
    const items = completeAt('ACCESS_ORDERS', '|');
    expect(items.map((i) => i.label)).toEqual(['read', 'query', 'write', 'delete', 'read-write']);
    expect(items.find((i) => i.label === 'query')!.documentation).toBe('**access `query`** on table `orders`: query and scan the table and its indexes.\n\n- `dynamodb:Query`, `dynamodb:Scan` on the table\n- `dynamodb:Query`, `dynamodb:Scan` on its indexes');
  });

  it('hover on a word gives its actions; on the key, every word of the kind', () => {
    expect(hoverOn('delete')).toBe('**access `delete`** on bucket `files`: delete objects (under `prefix`).\n\n- `s3:DeleteObject` on its objects (under `prefix`)');
    expect(hoverOn('send')).toBe('**access `send`** (the default) on queue `jobs`: send messages.\n\n- `sqs:SendMessage` on the queue');
    expect(hoverOn('access', 2)).toBe([
      '**access** of queue `jobs`: one word or a list (`access: [send, write]`); default `send`.',
      '',
      '- `send`: `sqs:SendMessage` on the queue',
      '- `write`: `sqs:SendMessage` on the queue',
      '- `receive`: `sqs:ChangeMessageVisibility`, `sqs:DeleteMessage`, `sqs:GetQueueAttributes`, `sqs:ReceiveMessage` on the queue',
    ].join('\n'));
  });
});
