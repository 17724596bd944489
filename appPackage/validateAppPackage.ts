// Validates a filled manifest and its icons offline: the bundled Teams JSON schema plus the rules it leaves out.
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import { PNG, type PNGWithMetadata } from 'pngjs';

export const MANIFEST_VERSION = '1.30';
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
// 10, the limit before manifest 1.24 (now 12), so the lists stay valid if the manifest version is ever lowered.
export const MAX_COMMANDS_PER_LIST = 10;

/** Files at the root of the zip, by name. */
export type PackageFiles = ReadonlyMap<string, Buffer>;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every problem with the manifest and its icons; empty when the package can be uploaded to Teams. */
export async function validateAppPackage(manifest: unknown, files: PackageFiles): Promise<string[]> {
  return [...(await validateManifest(manifest)), ...validateIcons(manifest, files)];
}

export async function validateManifest(manifest: unknown): Promise<string[]> {
  if (!isObject(manifest)) return ['manifest.json is not a JSON object.'];
  const problems = [...placeholderProblems(manifest, ''), ...botProblems(manifest)];
  if (!/^\d+\.\d+\.\d+$/.test(String(manifest.version))) {
    problems.push(`version "${String(manifest.version)}" must be MAJOR.MINOR.PATCH, as Teams requires.`);
  }
  // Any other $schema would make the library fetch it over the network, so it is pinned to the bundled copy.
  if (manifest.$schema !== MANIFEST_SCHEMA_URL) {
    problems.push(`$schema must be ${MANIFEST_SCHEMA_URL} (found ${JSON.stringify(manifest.$schema)}).`);
  } else {
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as TeamsManifest);
    problems.push(...errors.map((e) => `schema v${MANIFEST_VERSION}: ${e.trim()}`));
  }
  return problems;
}

export function validateIcons(manifest: unknown, files: PackageFiles): string[] {
  const icons = isObject(manifest) && isObject(manifest.icons) ? manifest.icons : {};
  return [
    ...iconProblems('color', icons.color, files, 192),
    ...iconProblems('outline', icons.outline, files, 32),
  ];
}

function placeholderProblems(value: unknown, path: string): string[] {
  if (typeof value === 'string') {
    return value.includes('${{')
      ? [`${path || 'manifest'} still holds "${value}": a placeholder was not filled.`]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => placeholderProblems(item, `${path}[${i}]`));
  if (isObject(value)) {
    return Object.entries(value).flatMap(([key, item]) =>
      placeholderProblems(item, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

function botProblems(manifest: Json): string[] {
  const bot = Array.isArray(manifest.bots) ? manifest.bots[0] : undefined;
  if (!isObject(bot)) return ['bots is missing: the package must declare the CSP Integration Bot.'];
  const problems: string[] = [];
  const lists: unknown[] = Array.isArray(bot.commandLists) ? bot.commandLists : [];
  lists.forEach((list, i) => {
    const commands = isObject(list) && Array.isArray(list.commands) ? list.commands : [];
    if (commands.length > MAX_COMMANDS_PER_LIST) {
      const scopes = isObject(list) && Array.isArray(list.scopes) ? list.scopes.join(', ') : 'no scope';
      problems.push(
        `bots[0].commandLists[${i}] (${scopes}) has ${commands.length} commands; at most ${MAX_COMMANDS_PER_LIST} are allowed.`,
      );
    }
  });
  const sso = manifest.webApplicationInfo;
  if (isObject(sso) && sso.id !== bot.botId) {
    problems.push(
      "webApplicationInfo.id must equal bots[0].botId: Teams SSO for a bot uses the bot's app registration.",
    );
  }
  return problems;
}

function iconProblems(kind: 'color' | 'outline', name: unknown, files: PackageFiles, size: number): string[] {
  if (typeof name !== 'string') return [`icons.${kind} is missing.`];
  const data = files.get(name);
  if (!data) return [`${name} (icons.${kind}) is missing from the root of the package.`];
  let png: PNGWithMetadata;
  try {
    png = PNG.sync.read(data);
  } catch {
    return [`${name} (icons.${kind}) is not a readable PNG file.`];
  }
  const problems: string[] = [];
  if (png.width !== size || png.height !== size) {
    problems.push(
      `${name} is ${png.width}×${png.height}; Teams requires the ${kind} icon to be ${size}×${size}.`,
    );
  }
  if (kind === 'outline') problems.push(...outlineProblems(name, png));
  return problems;
}

// Teams tints the outline icon itself, so it must be pure white on a transparent background.
function outlineProblems(name: string, png: PNGWithMetadata): string[] {
  if (!png.alpha)
    return [`${name} has no alpha channel; the outline icon must be white on a transparent background.`];
  let visible = 0;
  let coloured = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i + 3] === 0) continue;
    visible++;
    if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured++;
  }
  const pixels = png.width * png.height;
  if (coloured)
    return [`${name} has ${coloured} visible pixels that are not white; use only white and transparent.`];
  if (visible === 0) return [`${name} is fully transparent; draw the symbol in white.`];
  if (visible === pixels) return [`${name} has no transparent pixels; the background must be transparent.`];
  return [];
}
