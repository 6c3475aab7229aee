// Two builds: the ESM library hosts import (`vite build`) and the self-registering embed bundle
// for any web page (`vite build --mode embed` → dist/cf-embed.js, everything inlined, minified).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { UserConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Settings both bundles and the size benchmark share, so sizes compare like with like. */
export const BUNDLE_SETTINGS = {
  target: 'es2022',
  minify: true,
} as const;

/**
 * Vite keeps whitespace in ES library builds (for the tree-shaking of whoever bundles them); the
 * embed is loaded by pages as it is, so it is minified whole, and so is the benchmark's Lit.
 */
export const WHOLE_MINIFY = { output: { minify: true, comments: { annotation: false } } } as const;

export function embedConfig(): UserConfig {
  return {
    publicDir: false,
    build: {
      ...BUNDLE_SETTINGS,
      emptyOutDir: false,
      lib: {
        entry: here('src/embed/cf-embed.ts'),
        formats: ['es'],
        fileName: () => 'cf-embed.js',
      },
      rolldownOptions: WHOLE_MINIFY,
    },
  };
}

export function libraryConfig(): UserConfig {
  return {
    publicDir: false,
    build: {
      ...BUNDLE_SETTINGS,
      minify: false,
      sourcemap: true,
      lib: { entry: here('src/index.ts'), formats: ['es'], fileName: () => 'index.js' },
      rolldownOptions: {
        // Hosts bring their own copies, so one page holds one Lit and one core.
        external: [/^lit(\/|$)/, /^@lit(-labs)?\//, /^@clearframe\/core(\/public)?$/],
      },
    },
  };
}

export default defineConfig(({ mode }) => (mode === 'embed' ? embedConfig() : libraryConfig()));
