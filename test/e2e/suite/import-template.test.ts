import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { fileUri, summarize, waitForDiagnostics } from './helpers';

/** A SAM template: a scheduled producer, a queue with its dead-letter queue, a consumer. */
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: nodejs22.x, Timeout: 30 }
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 180
      RedrivePolicy: { deadLetterTargetArn: !GetAtt JobsDlq.Arn, maxReceiveCount: 5 }
  JobsDlq:
    Type: AWS::SQS::Queue
    Properties: { MessageRetentionPeriod: 1209600 }
  Tick:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(5 minutes)
      FlexibleTimeWindow: { Mode: 'OFF' }
      Target: { Arn: !GetAtt Jobs.Arn, RoleArn: arn:aws:iam::123456789012:role/scheduler }
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Events:
        Jobs: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn, BatchSize: 5, FunctionResponseTypes: [ReportBatchItemFailures] } }
`;

function write(relative: string, text: string): vscode.Uri {
  const uri = fileUri(relative);
  mkdirSync(dirname(uri.fsPath), { recursive: true });
  writeFileSync(uri.fsPath, text);
  return uri;
}

describe('Archflow: Import SAM/CloudFormation Template', () => {
  it('writes the architecture next to the template, opens it, and the language server analyses it', async () => {
    const template = write('import/jobs/template.yaml', TEMPLATE);
    const target = fileUri('import/jobs/jobs.arch.yaml');
    const published = waitForDiagnostics(target, () => true);
    const result = await vscode.commands.executeCommand<vscode.Uri>('archflow.importTemplate', { template, target });
    assert.equal(result?.toString(), target.toString());
    const text = readFileSync(target.fsPath, 'utf8');
    assert.match(text, /^# Imported from template\.yaml \(AWS SAM template\) by `archflow import`\./);
    assert.match(text, /^name: jobs$/m);
    assert.match(text, /^ {4}to: \{ function: Worker, batchSize: 5, reportFailures: true \}$/m);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.toString());
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'archflow');
    assert.deepEqual(summarize(await published), []);
  });

  it('reports a template that is not YAML and writes nothing', async () => {
    const template = write('import/broken/template.yaml', 'Resources:\n  Jobs:curc\n    Type: AWS::SQS::Queue\n');
    const target = fileUri('import/broken/broken.arch.yaml');
    const result = await vscode.commands.executeCommand('archflow.importTemplate', { template, target });
    assert.equal(result, undefined);
    assert.equal(existsSync(target.fsPath), false);
  });
});
