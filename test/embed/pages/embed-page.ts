// The plain HTML pages the embed tests load: one module script, <cf-image> elements and one
// `img[data-cf-asset]` for the upgrade script, as a site would write them.
import { fileURLToPath } from 'node:url';

/** The self-registering embed bundle `pnpm --filter @clearframe/picker build` makes. */
export const EMBED_BUNDLE = fileURLToPath(
  new URL('../../../widget-picker/dist/cf-embed.js', import.meta.url),
);

export interface EmbedPageOptions {
  /** The registry's base URL. */
  registry: string;
  /** The publishable key. */
  publishableKey: string;
  /** One <cf-image> each. */
  images: readonly string[];
  /** One `<img data-cf-asset>` without src (it comes from the verdict), if given. */
  upgrade?: string;
  channel?: string;
  /** More attributes of every <cf-image> (`refresh-interval`, `max-staleness`). */
  imageAttributes?: Record<string, string>;
  /** More attributes of the `<img data-cf-asset>` (`data-cf-refresh-interval`, …). */
  upgradeAttributes?: Record<string, string>;
  /** More `<meta name="clearframe:…">` of the page, by the name after `clearframe:`. */
  metas?: Record<string, string>;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const attributes = (extra: Record<string, string> = {}) =>
  Object.entries(extra)
    .map(([name, value]) => ` ${escape(name)}="${escape(value)}"`)
    .join('');

export function embedPage(options: EmbedPageOptions): string {
  const channel = escape(options.channel ?? 'web');
  const registry = escape(`${options.registry}/`);
  const key = escape(options.publishableKey);
  const images = options.images.map(
    (
      id,
    ) => `    <cf-image registry="${registry}" key="${key}" asset-id="${escape(id)}" channel="${channel}" sizes="320px"${attributes(options.imageAttributes)}>
      <span slot="placeholder">Not available</span>
    </cf-image>`,
  );
  const upgrade =
    options.upgrade === undefined
      ? ''
      : `    <img data-cf-asset="${escape(options.upgrade)}" data-cf-channel="${channel}"${attributes(options.upgradeAttributes)} hidden alt="" />`;
  const metas = Object.entries(options.metas ?? {}).map(
    ([name, content]) =>
      `\n    <meta name="clearframe:${escape(name)}" content="${escape(content)}" />`,
  );
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Clearframe embed test</title>
    <meta name="clearframe:registry" content="${registry}" />
    <meta name="clearframe:key" content="${key}" />${metas.join('')}
    <script type="module" src="/cf-embed.js"></script>
  </head>
  <body>
    <main>
${images.join('\n')}
${upgrade}
    </main>
  </body>
</html>
`;
}

export function pickerPage(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Clearframe picker test</title>
    <script type="module" src="/picker.js"></script>
  </head>
  <body>
    <main>
      <h1>Pick a picture</h1>
      <cf-picker channel="web" mode="disable" lang="en" time-zone="Europe/Stockholm"></cf-picker>
    </main>
  </body>
</html>
`;
}
