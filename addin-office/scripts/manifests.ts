// Reads both manifests into one comparable summary, validates the unified one offline, and
// converts the XML one with Microsoft's converter (the XML validator needs an online service).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { validateManifest } from 'office-addin-manifest';
import { convert } from 'office-addin-manifest-converter';

/** The newest unified-manifest schema the bundled validator carries offline. */
export const UNIFIED_SCHEMA = {
  url: 'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json',
  version: '1.30',
} as const;

/** The words a user reads: the add-in's name and description, the ribbon group and button. */
export interface ManifestTexts {
  name: string;
  description: string;
  group: string;
  button: string;
  tooltip: string;
}

/** What both manifests must agree on. */
export interface ManifestSummary {
  id: string;
  version: string;
  hosts: string[];
  sourceLocation: string;
  icon: string;
  highResolutionIcon: string;
  ribbonIcons: Record<string, string>;
  permissions: string;
  supportUrl: string;
  /** en-US. */
  texts: ManifestTexts;
  /** sv-SE, where translated (the group label is a name, the same in every language). */
  swedish: Omit<ManifestTexts, 'group'>;
}

/** XML <Host Name> and permission names in unified-manifest words. */
const HOST_SCOPES: Record<string, string> = { Document: 'document', Presentation: 'presentation' };
const PERMISSIONS: Record<string, string> = {
  Restricted: 'Document.Restricted.User',
  ReadDocument: 'Document.Read.User',
  ReadWriteDocument: 'Document.ReadWrite.User',
  ReadAllDocument: 'Document.ReadAll.User',
  WriteDocument: 'Document.Write.User',
};

/** Errors from the offline schema validation; empty when the manifest is valid. */
export async function validateUnifiedManifest(path: string): Promise<string[]> {
  try {
    const result = await validateManifest(path);
    if (result.isValid) return [];
    return (result.report?.errors ?? []).map((issue) => issue.content ?? issue.title ?? 'invalid');
  } catch (error) {
    // The reader rejects structurally wrong manifests before the schema sees them.
    return [error instanceof Error ? error.message : String(error)];
  }
}

/** Converts manifest.xml into `outDir`, for the schema the validator knows; returns the JSON path. */
export async function convertXmlManifest(xmlPath: string, outDir: string): Promise<string> {
  await convert(xmlPath, outDir, false, UNIFIED_SCHEMA.url, UNIFIED_SCHEMA.version, false);
  return join(outDir, 'manifest.json');
}

interface UnifiedManifest {
  id: string;
  name: { short: string };
  description: { short: string };
  localizationInfo?: { additionalLanguages?: { languageTag: string; file: string }[] };
  /** Not in the file: its localization files' strings by language tag, read next to it. */
  localizations?: Record<string, Record<string, string>>;
  version: string;
  developer: { websiteUrl: string };
  authorization?: { permissions?: { resourceSpecific?: { name: string }[] } };
  extensions: {
    requirements: { scopes: string[] };
    runtimes: { code: { page: string } }[];
    ribbons?: {
      requirements?: { scopes?: string[] };
      tabs: {
        groups: {
          label: string;
          icons: { size: number; url: string }[];
          controls: { label: string; supertip: { description: string } }[];
        }[];
      }[];
    }[];
    alternates?: {
      alternateIcons?: { icon: { url: string }; highResolutionIcon: { url: string } };
    }[];
  }[];
}

/** The manifest, with the strings of its localization files (read from its folder). */
export function readUnifiedManifest(path: string): UnifiedManifest {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as UnifiedManifest;
  const localizations: Record<string, Record<string, string>> = {};
  for (const { languageTag, file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    const localized = join(dirname(path), file);
    if (existsSync(localized)) {
      localizations[languageTag.toLowerCase()] = JSON.parse(
        readFileSync(localized, 'utf8'),
      ) as Record<string, string>;
    }
  }
  return { ...manifest, localizations };
}

export function summarizeUnified(manifest: UnifiedManifest): ManifestSummary {
  const [extension] = manifest.extensions;
  if (!extension) throw new Error('the manifest has no extension');
  const icons = extension.alternates?.[0]?.alternateIcons;
  const group = extension.ribbons?.[0]?.tabs[0]?.groups[0];
  const button = group?.controls[0];
  const sv = manifest.localizations?.['sv-se'] ?? {};
  const control = 'extensions[0].ribbons[0].tabs[0].groups[0].controls[0]';
  return {
    id: manifest.id,
    version: manifest.version,
    hosts: [...extension.requirements.scopes].sort(),
    sourceLocation: extension.runtimes[0]?.code.page ?? '',
    icon: icons?.icon.url ?? '',
    highResolutionIcon: icons?.highResolutionIcon.url ?? '',
    ribbonIcons: Object.fromEntries(
      (group?.icons ?? []).map(({ size, url }) => [String(size), url]),
    ),
    permissions: (manifest.authorization?.permissions?.resourceSpecific ?? [])
      .map((p) => p.name)
      .join(','),
    supportUrl: manifest.developer.websiteUrl,
    texts: {
      name: manifest.name.short,
      description: manifest.description.short,
      group: group?.label ?? '',
      button: button?.label ?? '',
      tooltip: button?.supertip.description ?? '',
    },
    swedish: {
      name: sv['name.short'] ?? '',
      description: sv['description.short'] ?? '',
      button: sv[`${control}.label`] ?? '',
      tooltip: sv[`${control}.supertip.description`] ?? '',
    },
  };
}

/** Hosts on which the unified manifest puts the ribbon button. */
export function unifiedRibbonHosts(manifest: UnifiedManifest): string[] {
  return (manifest.extensions[0]?.ribbons ?? [])
    .flatMap((ribbon) => ribbon.requirements?.scopes ?? [])
    .sort();
}

function elements(
  parent: { getElementsByTagNameNS(ns: string, name: string): ArrayLike<Element> },
  name: string,
): Element[] {
  return Array.from(parent.getElementsByTagNameNS('*', name));
}

function first(parent: Element, name: string): Element | undefined {
  return elements(parent, name)[0];
}

export interface XmlManifest {
  summary: ManifestSummary;
  /** Hosts whose VersionOverrides put a ShowTaskpane button on the ribbon. */
  ribbonHosts: string[];
  /** The page each ribbon button opens. */
  ribbonPages: string[];
}

export function readXmlManifest(path: string): XmlManifest {
  const root = new DOMParser().parseFromString(
    readFileSync(path, 'utf8'),
    'text/xml',
  ).documentElement;
  if (!root) throw new Error(`${path} is not XML`);
  const text = (name: string): string => first(root, name)?.textContent?.trim() ?? '';
  const value = (element: Element | undefined): string =>
    element?.getAttribute('DefaultValue') ?? '';
  const resources = new Map(
    [...elements(root, 'Image'), ...elements(root, 'Url'), ...elements(root, 'String')]
      .filter((element) => element.hasAttribute('id'))
      .map((element) => [element.getAttribute('id') ?? '', element]),
  );
  const swedishOf = (element: Element | undefined): string =>
    (element ? elements(element, 'Override') : [])
      .find((override) => override.getAttribute('Locale') === 'sv-SE')
      ?.getAttribute('Value') ?? '';
  /** The resource a `<X resid="…"/>` child of `parent` names. */
  const resource = (parent: Element | undefined, name: string): Element | undefined =>
    resources.get((parent && first(parent, name)?.getAttribute('resid')) ?? '');
  const officeHosts = elements(root, 'Hosts')[0];
  const overrides = first(root, 'VersionOverrides');
  const ribbonHosts = overrides
    ? elements(overrides, 'Host')
        .filter((host) =>
          elements(host, 'Action').some((a) => a.getAttribute('xsi:type') === 'ShowTaskpane'),
        )
        .map((host) => HOST_SCOPES[host.getAttribute('xsi:type') ?? ''] ?? '?')
        .sort()
    : [];
  const ribbonPages = overrides
    ? elements(overrides, 'Action').map((action) => {
        return value(resource(action, 'SourceLocation'));
      })
    : [];
  const group = overrides && first(overrides, 'Group');
  const ribbonIconIds = group ? elements(group, 'Image').slice(0, 3) : [];
  const button = group && first(group, 'Control');
  const supertip = button && first(button, 'Supertip');
  const displayName = first(root, 'DisplayName');
  const description = first(root, 'Description');
  const version = text('Version').replace(/\.0$/, '');
  return {
    summary: {
      id: text('Id'),
      version,
      hosts: officeHosts
        ? elements(officeHosts, 'Host')
            .filter((host) => host.hasAttribute('Name'))
            .map((host) => HOST_SCOPES[host.getAttribute('Name') ?? ''] ?? '?')
            .sort()
        : [],
      sourceLocation: value(first(first(root, 'DefaultSettings') ?? root, 'SourceLocation')),
      icon: value(first(root, 'IconUrl')),
      highResolutionIcon: value(first(root, 'HighResolutionIconUrl')),
      ribbonIcons: Object.fromEntries(
        ribbonIconIds.map((image) => [
          image.getAttribute('size') ?? '',
          value(resources.get(image.getAttribute('resid') ?? '')),
        ]),
      ),
      permissions: PERMISSIONS[text('Permissions')] ?? text('Permissions'),
      supportUrl: value(first(root, 'SupportUrl')),
      texts: {
        name: value(displayName),
        description: value(description),
        group: value(resource(group, 'Label')),
        button: value(resource(button, 'Label')),
        tooltip: value(resource(supertip, 'Description')),
      },
      swedish: {
        name: swedishOf(displayName),
        description: swedishOf(description),
        button: swedishOf(resource(button, 'Label')),
        tooltip: swedishOf(resource(supertip, 'Description')),
      },
    },
    ribbonHosts,
    ribbonPages,
  };
}
