// Translation tooling without wp-cli or gettext: extracts clearframe.pot, compiles .po to .mo and
// to the JSON the editor script reads, and checks that all of it is complete and up to date.
//
//   node scripts/i18n.ts pot       write languages/clearframe.pot from the sources
//   node scripts/i18n.ts compile   write languages/*.mo and *.json from languages/*.po
//   node scripts/i18n.ts check     fail when the .pot, a .po, a .mo or a .json is stale or incomplete
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const root = join(import.meta.dirname, '..');
const languages = join(root, 'languages');
const DOMAIN = 'clearframe';
/**
 * The handles of the scripts with translated strings: the block's editor script (as
 * generate_block_asset_handle() names it) and the pre-publish check (Clearframe_Block::GUARD_HANDLE).
 * Each gets the same JSON of every JS string.
 */
const SCRIPT_HANDLES = ['clearframe-image-editor-script', 'clearframe-publish-guard'];

export interface Entry {
  context?: string;
  msgid: string;
  references: string[];
  comment?: string;
  js: boolean;
}

const key = (context: string | undefined, msgid: string) =>
  context === undefined ? msgid : `${context}\u0004${msgid}`;

function walk(dir: string, test: (path: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? walk(path, test) : test(path) ? [path] : [];
    })
    .sort();
}

function unescapePhp(value: string): string {
  return value.replace(/\\(['\\])/g, '$1');
}

function unescapeJs(value: string): string {
  return JSON.parse(`"${value.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

const PHP_CALL =
  /\b(?:__|_e|esc_html__|esc_html_e|esc_attr__|esc_attr_e)\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*'clearframe'\s*\)/g;
const JS_CALL = /\b__\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*'clearframe'\s*,?\s*\)/g;

/** The translator comment on the line before, or at the end of the text before, a call. */
function translatorComment(text: string, index: number): string | undefined {
  const before = text.slice(0, index).split('\n').slice(-2).join('\n');
  const match = before.match(/\/\*\s*translators:\s*(.*?)\s*\*\//);
  return match?.[1];
}

export function extract(): Entry[] {
  const entries = new Map<string, Entry>();
  const add = (entry: Omit<Entry, 'references'>, reference: string) => {
    const id = key(entry.context, entry.msgid);
    const existing = entries.get(id);
    if (existing) {
      existing.references.push(reference);
      existing.js ||= entry.js;
      if (existing.comment === undefined && entry.comment !== undefined) {
        existing.comment = entry.comment;
      }
    } else {
      entries.set(id, { ...entry, references: [reference] });
    }
  };

  // The plugin header: WordPress translates its name and description with the text domain.
  const header = readFileSync(join(root, 'clearframe.php'), 'utf8');
  for (const field of ['Plugin Name', 'Description']) {
    const match = header.match(new RegExp(`^ \\* ${field}:\\s*(.+)$`, 'm'));
    if (match?.[1]) {
      add(
        { msgid: match[1].trim(), comment: `${field} of the plugin`, js: false },
        'clearframe.php',
      );
    }
  }

  const phpFiles = [
    join(root, 'clearframe.php'),
    join(root, 'uninstall.php'),
    ...walk(join(root, 'includes'), (p) => p.endsWith('.php')),
    ...walk(join(root, 'src'), (p) => p.endsWith('.php')),
  ];
  for (const file of phpFiles) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(PHP_CALL)) {
      const comment = translatorComment(text, match.index);
      add(
        { msgid: unescapePhp(match[1] ?? ''), ...(comment ? { comment } : {}), js: false },
        `${relative(root, file)}:${lineOf(text, match.index)}`,
      );
    }
  }

  const shipped = (p: string) => /\.tsx?$/.test(p) && !/\.(d|test)\.ts$/.test(p);
  for (const file of walk(join(root, 'src'), shipped)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(JS_CALL)) {
      const comment = translatorComment(text, match.index);
      add(
        { msgid: unescapeJs(match[1] ?? ''), ...(comment ? { comment } : {}), js: true },
        `${relative(root, file)}:${lineOf(text, match.index)}`,
      );
    }
  }

  // block.json fields, translated by WordPress with these contexts.
  for (const file of walk(join(root, 'src'), (p) => p.endsWith('block.json'))) {
    const block = JSON.parse(readFileSync(file, 'utf8')) as {
      title: string;
      description: string;
      keywords?: string[];
    };
    const reference = relative(root, file);
    add({ context: 'block title', msgid: block.title, js: false }, reference);
    add({ context: 'block description', msgid: block.description, js: false }, reference);
    for (const keyword of block.keywords ?? []) {
      add({ context: 'block keyword', msgid: keyword, js: false }, reference);
    }
  }
  return [...entries.values()];
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

export function renderPot(entries: Entry[]): string {
  const head = [
    '# Copyright (C) Clearframe',
    '# This file is distributed under the GPL-2.0-or-later.',
    'msgid ""',
    'msgstr ""',
    '"Project-Id-Version: Clearframe 0.1.0\\n"',
    '"MIME-Version: 1.0\\n"',
    '"Content-Type: text/plain; charset=UTF-8\\n"',
    '"Content-Transfer-Encoding: 8bit\\n"',
    `"X-Domain: ${DOMAIN}\\n"`,
    '',
  ];
  const body = entries.flatMap((entry) => [
    ...(entry.comment ? [`#. translators: ${entry.comment}`] : []),
    `#: ${entry.references.join(' ')}`,
    ...(entry.js ? ['#, js'] : []),
    ...(entry.context === undefined ? [] : [`msgctxt ${quote(entry.context)}`]),
    `msgid ${quote(entry.msgid)}`,
    'msgstr ""',
    '',
  ]);
  return [...head, ...body].join('\n');
}

export interface PoEntry {
  context?: string;
  msgid: string;
  msgstr: string;
  js: boolean;
}

/** A small .po reader: msgctxt, msgid, msgstr (single or continued lines), `#, js` flags. */
export function parsePo(text: string): { headers: string; entries: PoEntry[] } {
  const entries: PoEntry[] = [];
  let headers = '';
  for (const block of text.split(/\n\s*\n/)) {
    const fields: Record<string, string> = {};
    let current: string | undefined;
    let js = false;
    for (const line of block.split('\n')) {
      if (line.startsWith('#,') && line.includes('js')) {
        js = true;
      }
      const start = line.match(/^(msgctxt|msgid|msgstr) (".*")$/);
      if (start?.[1] && start[2]) {
        current = start[1];
        fields[current] = JSON.parse(start[2]) as string;
      } else if (current && line.startsWith('"')) {
        fields[current] += JSON.parse(line) as string;
      }
    }
    if (fields.msgid === undefined) {
      continue;
    }
    if (fields.msgid === '') {
      headers = fields.msgstr ?? '';
      continue;
    }
    entries.push({
      ...(fields.msgctxt === undefined ? {} : { context: fields.msgctxt }),
      msgid: fields.msgid,
      msgstr: fields.msgstr ?? '',
      js,
    });
  }
  return { headers, entries };
}

/** GNU .mo, little-endian, without a hash table (WordPress does not need one). */
export function compileMo(headers: string, entries: PoEntry[]): Buffer {
  const pairs = [
    ['', headers] as const,
    ...entries
      .filter((entry) => entry.msgstr !== '')
      .map((entry) => [key(entry.context, entry.msgid), entry.msgstr] as const),
  ].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const count = pairs.length;
  const headerSize = 28;
  const tables = headerSize + count * 16;
  const ids = pairs.map(([id]) => Buffer.from(id, 'utf8'));
  const strs = pairs.map(([, str]) => Buffer.from(str, 'utf8'));
  const out = Buffer.alloc(
    tables + [...ids, ...strs].reduce((sum, buffer) => sum + buffer.length + 1, 0),
  );
  out.writeUInt32LE(0x950412de, 0);
  out.writeUInt32LE(0, 4);
  out.writeUInt32LE(count, 8);
  out.writeUInt32LE(headerSize, 12);
  out.writeUInt32LE(headerSize + count * 8, 16);
  out.writeUInt32LE(0, 20);
  out.writeUInt32LE(tables, 24);
  let offset = tables;
  [ids, strs].forEach((list, table) => {
    list.forEach((buffer, index) => {
      const at = headerSize + table * count * 8 + index * 8;
      out.writeUInt32LE(buffer.length, at);
      out.writeUInt32LE(offset, at + 4);
      buffer.copy(out, offset);
      offset += buffer.length + 1;
    });
  });
  return out;
}

/** The Jed 1.x JSON that wp_set_script_translations() hands to the editor script. */
export function compileJson(locale: string, headers: string, entries: PoEntry[]): string {
  const pluralForms =
    headers.match(/Plural-Forms:\s*([^\n]+)/)?.[1] ?? 'nplurals=2; plural=(n != 1);';
  const messages: Record<string, unknown> = {
    '': { domain: 'messages', lang: locale, 'plural-forms': pluralForms },
  };
  for (const entry of entries) {
    if (entry.js && entry.msgstr !== '') {
      messages[key(entry.context, entry.msgid)] = [entry.msgstr];
    }
  }
  return `${JSON.stringify({ domain: 'messages', locale_data: { messages } }, null, 2)}\n`;
}

function poFiles(): { locale: string; path: string }[] {
  return readdirSync(languages)
    .filter((name) => /^clearframe-[a-z]{2}_[A-Z]{2}\.po$/.test(name))
    .sort()
    .map((name) => ({ locale: name.slice(DOMAIN.length + 1, -3), path: join(languages, name) }));
}

function outputs(locale: string, text: string) {
  const { headers, entries } = parsePo(text);
  return {
    entries,
    mo: compileMo(headers, entries),
    json: compileJson(locale, headers, entries),
    moPath: join(languages, `${DOMAIN}-${locale}.mo`),
    jsonPaths: SCRIPT_HANDLES.map((handle) =>
      join(languages, `${DOMAIN}-${locale}-${handle}.json`),
    ),
  };
}

function main(command: string | undefined): number {
  const potPath = join(languages, `${DOMAIN}.pot`);
  if (command === 'pot') {
    writeFileSync(potPath, renderPot(extract()));
    return 0;
  }
  if (command === 'compile') {
    for (const { locale, path } of poFiles()) {
      const out = outputs(locale, readFileSync(path, 'utf8'));
      writeFileSync(out.moPath, out.mo);
      for (const jsonPath of out.jsonPaths) writeFileSync(jsonPath, out.json);
    }
    return 0;
  }
  if (command === 'check') {
    const problems: string[] = [];
    const pot = renderPot(extract());
    if (!existsSync(potPath) || readFileSync(potPath, 'utf8') !== pot) {
      problems.push('languages/clearframe.pot is stale: run `node scripts/i18n.ts pot`');
    }
    const wanted = parsePo(pot).entries;
    const files = poFiles();
    for (const locale of ['sv_SE', 'de_DE', 'nb_NO']) {
      if (!files.some((file) => file.locale === locale)) {
        problems.push(`no translation for ${locale}`);
      }
    }
    for (const { locale, path } of files) {
      const out = outputs(locale, readFileSync(path, 'utf8'));
      const have = new Map(out.entries.map((e) => [key(e.context, e.msgid), e]));
      for (const entry of wanted) {
        const translated = have.get(key(entry.context, entry.msgid));
        if (!translated || translated.msgstr === '') {
          problems.push(`${locale}: untranslated ${JSON.stringify(entry.msgid)}`);
        } else if (translated.js !== entry.js) {
          problems.push(`${locale}: js flag differs for ${JSON.stringify(entry.msgid)}`);
        }
      }
      if (!existsSync(out.moPath) || !readFileSync(out.moPath).equals(out.mo)) {
        problems.push(
          `${relative(root, out.moPath)} is stale: run \`node scripts/i18n.ts compile\``,
        );
      }
      // Compared as data: the committed files are formatted by Prettier.
      for (const jsonPath of out.jsonPaths) {
        if (
          !existsSync(jsonPath) ||
          !isDeepStrictEqual(JSON.parse(readFileSync(jsonPath, 'utf8')), JSON.parse(out.json))
        ) {
          problems.push(
            `${relative(root, jsonPath)} is stale: run \`node scripts/i18n.ts compile\``,
          );
        }
      }
    }
    for (const problem of problems) {
      console.error(`i18n: ${problem}`);
    }
    console.log(
      `i18n: ${wanted.length} strings, ${files.length} translations, ${problems.length} problems`,
    );
    return problems.length === 0 ? 0 : 1;
  }
  console.error('usage: node scripts/i18n.ts pot|compile|check');
  return 2;
}

if (import.meta.filename === process.argv[1]) {
  process.exitCode = main(process.argv[2]);
}
