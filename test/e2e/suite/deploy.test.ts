import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, open } from './helpers';

const { CloudFormationClient, DescribeStacksCommand, ListStackResourcesCommand } = require('@aws-sdk/client-cloudformation') as typeof import('@aws-sdk/client-cloudformation');
const { SQSClient, ListQueuesCommand } = require('@aws-sdk/client-sqs') as typeof import('@aws-sdk/client-sqs');
const { LambdaClient, ListFunctionsCommand } = require('@aws-sdk/client-lambda') as typeof import('@aws-sdk/client-lambda');

interface Outcome { status: string; stack: string; message: string }
interface MessageRequest { message: string; actions?: { title: string }[] }
interface Client {
  onRequest(method: string, handler: (params: MessageRequest) => unknown): vscode.Disposable;
}

/** Answers the server's questions (`window/showMessageRequest`) the way VS Code does: with a message and its buttons. */
async function askThePerson(params: MessageRequest & { type?: number }): Promise<{ title: string } | null> {
  const titles = (params.actions ?? []).map((a) => a.title);
  const show = params.type === 1 ? vscode.window.showErrorMessage : params.type === 2 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const picked = await show(params.message, ...titles);
  return params.actions?.find((a) => a.title === picked) ?? null;
}

// Deploys through the extension exactly as a person would, with `archflow.deploy.endpoint` pointing at
// the moto_server the runner started (ARCHFLOW_E2E_MOTO), then asks the emulator what exists.
describe('Archflow: Deploy to moto_server through the endpoint setting', function () {
  this.timeout(3 * 60_000); // generate, npm install (cached), build, upload, change set, execute
  const endpoint = process.env.ARCHFLOW_E2E_MOTO ?? '';
  const aws = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  const questions: string[] = [];
  let answering: vscode.Disposable | undefined;

  before(async () => {
    assert.match(endpoint, /^http:\/\/127\.0\.0\.1:\d+$/, 'the runner passes the moto endpoint');
    await vscode.workspace.getConfiguration('archflow.deploy').update('endpoint', endpoint, vscode.ConfigurationTarget.Workspace);
    // The person reads the change set and clicks "Deploy".
    answering = ((await api()).client as Client).onRequest('window/showMessageRequest', (params) => {
      questions.push(params.message);
      return params.actions?.find((a) => a.title === 'Deploy') ?? null;
    });
  });

  after(async () => {
    answering?.dispose();
    ((await api()).client as Client).onRequest('window/showMessageRequest', askThePerson);
    await vscode.workspace.getConfiguration('archflow.deploy').update('endpoint', undefined, vscode.ConfigurationTarget.Workspace);
  });

  /**
   * Runs "Archflow: Deploy" and returns its outcome. When the command does not return in time, says
   * whether the stack was deployed all the same (the command then waits for something else, such as
   * a notification nobody dismisses).
   */
  async function deployCommand(ms: number): Promise<Outcome> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
    const result = await Promise.race([vscode.commands.executeCommand<Outcome>('archflow.deploy'), late]);
    clearTimeout(timer);
    if (result !== 'late') {
      assert.ok(result, 'the command returns the outcome of the deploy');
      return result;
    }
    const stacks = await new CloudFormationClient(aws).send(new DescribeStacksCommand({})).catch(() => ({ Stacks: [] }));
    const states = (stacks.Stacks ?? []).map((st) => `${st.StackName} ${st.StackStatus}`).join(', ') || 'none';
    throw new Error(`"Archflow: Deploy" did not return within ${ms / 1000} s; stacks in the emulator: ${states}. `
      + 'A command must not wait for its closing notification to be dismissed.');
  }

  it('deploys examples/file-processing: the stack, its queues and functions exist in the emulator', async () => {
    await open('file-processing.arch.yaml');
    // The status bar item says a deploy runs, and opens its log.
    const status = (await api() as { status?: { onDidChange: vscode.Event<{ text: string; command?: string }> } }).status;
    assert.ok(status, 'activate() returns the status bar item');
    const shown: { text: string; command?: string }[] = [];
    const watching = status.onDidChange((s) => shown.push(s));
    const outcome = await deployCommand(2 * 60_000).finally(() => watching.dispose());
    const deploying = shown.find((s) => /deploying/.test(s.text));
    assert.deepEqual(deploying && { text: deploying.text, command: deploying.command }, { text: '$(sync~spin) Archflow: deploying files', command: 'archflow.showLog' });
    assert.ok(!/deploying/.test(shown.at(-1)?.text ?? ''), `after the deploy: ${shown.at(-1)?.text}`);
    assert.equal(outcome.status, 'deployed', outcome.message);
    assert.equal(questions.length, 1, 'the change set is confirmed once');
    assert.match(questions[0]!, /Deploy\?/);

    const stack = (await new CloudFormationClient(aws).send(new DescribeStacksCommand({ StackName: outcome.stack }))).Stacks?.[0];
    assert.match(stack?.StackStatus ?? '', /CREATE_COMPLETE|UPDATE_COMPLETE/);
    const resources = (await new CloudFormationClient(aws).send(new ListStackResourcesCommand({ StackName: outcome.stack }))).StackResourceSummaries ?? [];
    assert.ok(resources.length > 0);
    const queues = (await new SQSClient(aws).send(new ListQueuesCommand({}))).QueueUrls ?? [];
    assert.ok(queues.some((q) => q.endsWith('.fifo')), `FIFO queues in ${queues.join(', ')}`);
    const functions = (await new LambdaClient(aws).send(new ListFunctionsCommand({}))).Functions ?? [];
    assert.equal(functions.filter((f) => /scanDocument|indexDocument|makeThumbnail/i.test(f.FunctionName ?? '')).length, 3, functions.map((f) => f.FunctionName).join(', '));
  });

  it('deploying again with nothing changed says so and changes nothing', async () => {
    const outcome = await deployCommand(30_000);
    assert.equal(outcome.status, 'no-changes', outcome.message);
  });
});
