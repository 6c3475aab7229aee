// Runs `php -l` over every PHP file of the plugin and checks that each shipped file refuses
// direct access (`defined( 'ABSPATH' ) || exit;`).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const skip = new Set(['node_modules', 'dist', 'vendor']);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skip.has(entry.name)) {
      return [];
    }
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : entry.name.endsWith('.php') ? [path] : [];
  });
}

const files = walk(root).sort();
const problems: string[] = [];
for (const file of files) {
  const name = relative(root, file);
  try {
    execFileSync('php', ['-l', '-d', 'display_errors=1', file], { stdio: 'pipe' });
  } catch (error) {
    problems.push(`${name}: ${String((error as { stdout?: Buffer }).stdout ?? error).trim()}`);
  }
  // Tooling run from the command line (scripts/, tests/) and generated asset files are not shipped as is.
  const shipped = !/^(scripts|tests)\//.test(name) && !name.endsWith('.asset.php');
  if (shipped && !readFileSync(file, 'utf8').includes("defined( 'ABSPATH' ) || exit;")) {
    problems.push(`${name}: no direct-access guard`);
  }
}
for (const problem of problems) {
  console.error(`php-lint: ${problem}`);
}
console.log(`php-lint: ${files.length} files, ${problems.length} problems`);
process.exitCode = problems.length === 0 ? 0 : 1;
