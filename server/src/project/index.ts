/**
 * Writing a generated project to disk: the one writer (writer.ts) with its ports for the file system
 * (file-system.ts) and the person, and where the project goes (location.ts: `--out`, the file's
 * `output:`, else `.archflow/<name>/` beside it). Used by the CLI, the language server and deploy.
 */
export { nodeFileSystem, type EntryKind, type ProjectFileSystem } from './file-system';
export { DEFAULT_PARENT, DEFAULT_PARENT_GITIGNORE, describeLocation, projectLocation, shownPath, writeIgnoreFile, type ProjectLocation } from './location';
export {
  planProject, readManifest, writeProject,
  type ConsentPort, type ProjectPlan, type ReplaceRequest, type WriteOptions, type WriteOutcome, type WriteSummary,
} from './writer';
