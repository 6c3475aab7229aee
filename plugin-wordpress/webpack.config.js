// wp-scripts' own configuration (block.json entries: the block's editor script and view module)
// plus two plain scripts: the picker (widget-picker's <cf-picker> with core's editor cache) and
// the pre-publish check. PHP registers both from build/<entry>.asset.php.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const [scriptConfig, moduleConfig] = require('@wordpress/scripts/config/webpack.config');

const extraEntries = {
  'picker/index': './src/picker/index.ts',
  'editor/publish-guard': './src/editor/publish-guard.tsx',
};

export default [
  {
    ...scriptConfig,
    entry: async () => ({
      ...(typeof scriptConfig.entry === 'function'
        ? await scriptConfig.entry()
        : scriptConfig.entry),
      ...extraEntries,
    }),
    resolve: {
      ...scriptConfig.resolve,
      // core is TypeScript that imports its siblings as `./x.js`.
      extensionAlias: { '.js': ['.ts', '.js'] },
      alias: {
        ...scriptConfig.resolve?.alias,
        // widget-picker's library build: Lit decorators already compiled, Lit and core external.
        '@clearframe/picker$': join(import.meta.dirname, '../widget-picker/dist/index.js'),
      },
    },
  },
  moduleConfig,
];
