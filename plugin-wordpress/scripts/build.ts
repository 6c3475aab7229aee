// `pnpm build`: the block and editor scripts (wp-scripts, webpack.config.js) and widget-picker's
// embed bundle copied to build/embed/cf-embed.js. widget-picker is built first when its dist/ is
// missing or older than its sources (the picker script bundles dist/index.js; pages load cf-embed.js).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const picker = join(root, '../widget-picker');
const outputs = ['dist/index.js', 'dist/cf-embed.js'].map((file) => join(picker, file));

function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
    return Math.max(latest, time);
  }, 0);
}

const built = outputs.every(existsSync)
  ? Math.min(...outputs.map((file) => statSync(file).mtimeMs))
  : 0;
if (built < Math.max(newest(join(picker, 'src')), newest(join(root, '../core/src')))) {
  execFileSync('pnpm', ['--filter', '@clearframe/picker', 'run', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
}

execFileSync(
  'pnpm',
  ['exec', 'wp-scripts', 'build', '--experimental-modules', '--config', 'webpack.config.js'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { NODE_ENV: 'production', ...process.env },
  },
);

mkdirSync(join(root, 'build/embed'), { recursive: true });
copyFileSync(join(picker, 'dist/cf-embed.js'), join(root, 'build/embed/cf-embed.js'));
console.log('build: widget-picker/dist/cf-embed.js → build/embed/cf-embed.js');
