// Builds the Teams app package (manifest.json, color.png, outline.png) from the template and checks it offline.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';
import { AppPackageError } from './appPackageError.js';
import { readPackageEnv, type Env } from './packageEnv.js';
import { validateAppPackage, type PackageFiles } from './validateAppPackage.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT_DIR = join(HERE, 'build');
export const ZIP_NAME = 'appPackage.zip';

export interface BuildOptions {
  readonly env: Env;
  /** Where appPackage.zip goes; `appPackage/build/` by default. */
  readonly outDir?: string;
}

export interface BuildResult {
  readonly zipPath: string;
  readonly manifest: Record<string, unknown>;
  readonly localTryOut: boolean;
}

export async function buildAppPackage({ env, outDir = DEFAULT_OUT_DIR }: BuildOptions): Promise<BuildResult> {
  const zipPath = join(outDir, ZIP_NAME);
  // A failed build must not leave an older package behind to be uploaded by mistake.
  await rm(zipPath, { force: true });
  const values = readPackageEnv(env);
  const { version } = JSON.parse(await readFile(join(HERE, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const template: unknown = JSON.parse(await readFile(join(HERE, 'manifest.template.json'), 'utf8'));
  const manifest = fillPlaceholders(template, {
    BOT_ID: values.botId,
    BOT_DOMAIN: values.botDomain,
    APP_ID: values.teamsAppId,
    APP_VERSION: version,
  }) as Record<string, unknown>;

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  for (const icon of ['color.png', 'outline.png']) zip.addFile(icon, await readFile(join(HERE, icon)));
  await mkdir(outDir, { recursive: true });
  await zip.writeZipPromise(zipPath);

  // Checks the zip as written, not the objects above, so a packaging slip cannot pass unnoticed.
  const problems = await validateZip(zipPath);
  if (problems.length) {
    await rm(zipPath, { force: true });
    throw new AppPackageError(`The app package is invalid, so ${zipPath} was removed`, problems);
  }
  return { zipPath, manifest, localTryOut: values.localTryOut };
}

/** The files at the root of a package zip, by name. */
export function readPackageFiles(zipPath: string): PackageFiles {
  const entries = new AdmZip(zipPath).getEntries().filter((e) => !e.isDirectory);
  return new Map(entries.map((e) => [e.entryName, e.getData()]));
}

export async function validateZip(zipPath: string): Promise<string[]> {
  const files = readPackageFiles(zipPath);
  const text = files.get('manifest.json')?.toString('utf8');
  if (text === undefined) return ['manifest.json is missing from the root of the package.'];
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    return [`manifest.json is not valid JSON: ${(error as Error).message}`];
  }
  return validateAppPackage(manifest, files);
}

function fillPlaceholders(value: unknown, values: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string')
    return value.replace(/\$\{\{(\w+)\}\}/g, (match, name: string) => values[name] ?? match);
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, values));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, values)]),
    );
  }
  return value;
}

async function main(outDir?: string): Promise<void> {
  try {
    const { zipPath, manifest, localTryOut } = await buildAppPackage({ env: process.env, outDir });
    console.log(
      `Wrote ${zipPath} (Teams app id ${String(manifest.id)}, version ${String(manifest.version)}).`,
    );
    if (localTryOut) {
      console.warn(
        'MicrosoftAppId, BOT_DOMAIN and TEAMS_APP_ID are unset, so this is a local try-out package with the ' +
          'all-zero bot id and domain localhost, for inspection and local tools only: set them to build one for Teams.',
      );
    }
  } catch (error) {
    console.error(
      error instanceof AppPackageError ? error.message : `App package build failed: ${String(error)}`,
    );
    process.exitCode = 1;
  }
}

// Usage: tsx appPackage/build.ts [outDir]
if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) await main(process.argv[2]);
