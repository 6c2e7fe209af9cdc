import type { LanguageClient } from 'vscode-languageclient/node';
import { SendTestEventRequest, TestEventSamplesRequest } from '../../../server/src/protocol';
import type { SimulateHostToView, SimulateViewToHost } from '../../../webview/src/protocol';

/**
 * Answers the diagram's "Send test event" messages with the language server: the catalog's samples
 * for a node (`arch/testEventSamples`), and a test event run hop by hop (`arch/sendTestEvent`).
 */
export async function answerTestEvent(client: LanguageClient, uri: string, message: SimulateViewToHost, post: (m: SimulateHostToView) => void): Promise<void> {
  const textDocument = { uri };
  try {
    if (message.type === 'testEventSamples') {
      const r = await client.sendRequest(TestEventSamplesRequest.type, { textDocument, node: message.node });
      post({ type: 'testEventSamples', node: message.node, samples: r.samples, problems: r.problems });
      return;
    }
    const r = await client.sendRequest(SendTestEventRequest.type, { textDocument, node: message.node, payload: message.payload });
    if ('problems' in r) post({ type: 'testEventProblems', node: message.node, problems: r.problems });
    else post({ type: 'testEventTrace', node: message.node, trace: r });
  } catch (err) {
    post({ type: 'testEventProblems', node: message.node, problems: [`The language server could not run the test event: ${(err as Error)?.message ?? String(err)}`] });
  }
}
