/**
 * Writing a generated project to disk: the one writer (writer.ts) with its ports for the file system
 * (file-system.ts) and the person, and the default output folder (out-dir.ts). Used by the CLI, the
 * language server and deploy.
 */
export { nodeFileSystem, type EntryKind, type ProjectFileSystem } from './file-system';
export { defaultOutDir } from './out-dir';
export {
  planProject, readManifest, writeProject,
  type ConsentPort, type ProjectPlan, type ReplaceRequest, type WriteOptions, type WriteOutcome, type WriteSummary,
} from './writer';
