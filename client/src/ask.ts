import * as vscode from 'vscode';
import type { AskParams, AskResult } from '../../server/src/protocol';

/**
 * Answers the language server's `arch/ask`: a choice as a modal dialog with its detail, a folder in an
 * input box. Dismissing answers `null`.
 */
export async function answerAsk(params: AskParams): Promise<AskResult> {
  switch (params.kind) {
    case 'choice': {
      const choice = await vscode.window.showWarningMessage(params.message, { modal: true, ...(params.detail ? { detail: params.detail } : {}) }, ...params.choices);
      return { answer: choice ?? null };
    }
    case 'folder': {
      const answer = await vscode.window.showInputBox({
        title: params.title, prompt: params.prompt, value: params.value,
        validateInput: (v) => (v.trim() ? undefined : 'Enter a folder'),
      });
      return { answer: answer === undefined ? null : answer.trim() };
    }
  }
}
