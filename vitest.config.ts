import { defineConfig } from 'vitest/config';

/**
 * Test projects, one per layer of the pyramid (see docs/testing.md).
 * `unit` needs nothing built; `lsp` and `cli` drive the bundles in server/out (built by `npm run build`).
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000 } },
      { test: { name: 'lsp', include: ['test/lsp/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'cli', include: ['test/cli/**/*.test.ts'], testTimeout: 60_000 } },
      // The diagram webview in Debian's Chromium (playwright-core); needs `npm run build` and /usr/bin/chromium.
      { test: { name: 'webview', include: ['test/webview/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 } },
      // Real deploys through the AWS SDK against moto_server on loopback; each generated project runs npm install.
      { test: { name: 'deploy', include: ['test/deploy/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 120_000 } },
    ],
  },
});
