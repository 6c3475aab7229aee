// Builds the task pane; serves office.js from the npm package and the icons under /assets.

import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(new URL(import.meta.url).pathname);
// office.js loads its host-specific files (word-web-16.00.js, locales…) next to itself: ship the folder.
const officeJsDir = join(
  dirname(createRequire(import.meta.url).resolve('@microsoft/office-js/package.json')),
  'dist',
);
const folders = { '/office-js/': officeJsDir, '/assets/': join(here, 'assets') };

function staticFolders(): Plugin {
  let outDir = 'dist';
  return {
    name: 'clearframe-static-folders',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const url = (request.url ?? '').split('?')[0] ?? '';
        for (const [prefix, folder] of Object.entries(folders)) {
          if (!url.startsWith(prefix)) continue;
          const file = normalize(join(folder, url.slice(prefix.length)));
          if (file.startsWith(folder) && existsSync(file) && statSync(file).isFile()) {
            createReadStream(file).pipe(response);
            return;
          }
        }
        next();
      });
    },
    closeBundle() {
      for (const [prefix, folder] of Object.entries(folders)) {
        cpSync(folder, join(outDir, prefix), { recursive: true });
      }
    },
  };
}

export default defineConfig({
  publicDir: false,
  plugins: [staticFolders()],
  server: { port: 3000, strictPort: true },
  build: {
    target: 'es2022',
    rollupOptions: {
      input: { taskpane: join(here, 'taskpane.html'), support: join(here, 'support.html') },
    },
  },
});
