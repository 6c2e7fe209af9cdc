import { MessageType, ShowMessageRequest } from 'vscode-languageserver';
import { AskRequest } from '../protocol-ask';
import type { ConsentPort, ReplaceRequest } from '../project/index';
import type { ArchServices } from './services';

/**
 * Asks the person a question: with `arch/ask` when the client answers it (VS Code: a modal dialog),
 * else with `window/showMessageRequest`. Resolves with the choice, or undefined when dismissed.
 */
export async function askChoice(services: ArchServices, message: string, detail: string, choices: readonly string[]): Promise<string | undefined> {
  const { connection } = services;
  if (services.initializationOptions.ask) {
    const r = await connection.sendRequest(AskRequest.type, { kind: 'choice', message, detail, choices });
    return r?.answer !== null && r?.answer !== undefined && choices.includes(r.answer) ? r.answer : undefined;
  }
  const r = await connection.sendRequest(ShowMessageRequest.type, {
    type: MessageType.Warning, message: detail ? `${message}\n\n${detail}` : message, actions: [...choices.map((title) => ({ title })), { title: 'Cancel' }],
  });
  return r && choices.includes(r.title) ? r.title : undefined;
}

/**
 * Asks for a folder starting from `value`: with `arch/ask` when the client answers it; other clients
 * have no input box in LSP, so `value` is taken. Undefined when the person dismissed the question.
 */
export async function askFolder(services: ArchServices, title: string, prompt: string, value: string): Promise<string | undefined> {
  if (!services.initializationOptions.ask) return value;
  const r = await services.connection.sendRequest(AskRequest.type, { kind: 'folder', title, prompt, value });
  return typeof r?.answer === 'string' && r.answer.trim() ? r.answer.trim() : undefined;
}

/** The project writer's consent port over LSP: one question listing every file to replace. */
export function consentOverLsp(services: ArchServices): ConsentPort {
  return {
    async confirmReplace(outDir: string, files: readonly ReplaceRequest[]): Promise<boolean> {
      const n = files.length;
      const message = `${n} file${n === 1 ? '' : 's'} in ${outDir} ${n === 1 ? 'is' : 'are'} not Archflow's to replace. Replace ${n === 1 ? 'it' : 'them'}?`;
      const detail = files.map((f) => `${f.path}: ${f.detail}`).join('\n') + '\n\nPut your code in src/handlers/: Archflow never overwrites it.';
      return (await askChoice(services, message, detail, ['Replace'])) === 'Replace';
    },
  };
}
