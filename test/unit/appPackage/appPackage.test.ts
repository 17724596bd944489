// Tests the Teams app package build: filled ids, offline validation, and env problems reported all at once.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { AppPackageError } from '../../../appPackage/appPackageError.js';
import { buildAppPackage, readPackageFiles, ZIP_NAME } from '../../../appPackage/build.js';
import { deriveTeamsAppId, LOCAL_TRYOUT_BOT_ID, readPackageEnv } from '../../../appPackage/packageEnv.js';
import { validateAppPackage, type PackageFiles } from '../../../appPackage/validateAppPackage.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BOT_ID = '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const TEAMS_APP_ID = '0d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70';
const GOOD_ENV = { MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'csp-bot.contoso.com', TEAMS_APP_ID };

type Manifest = Record<string, unknown> & { bots: Array<Record<string, unknown>> };

function pngOf(width: number, height: number, rgba: [number, number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) png.data.set(rgba, i);
  return PNG.sync.write(png, { colorType: 6 });
}

async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<AppPackageError> {
  const error = await promise.then(
    () => assert.fail('expected the build to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppPackageError, String(error));
  assert.match(error.message, pattern);
  return error;
}

describe('Teams app package', () => {
  let outDir: string;
  let manifest: Manifest;
  let files: PackageFiles;

  before(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'app-package-'));
    const built = await buildAppPackage({ env: GOOD_ENV, outDir });
    files = readPackageFiles(built.zipPath);
    manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
  });

  after(() => rmSync(outDir, { recursive: true, force: true }));

  const broken = (change: (m: Manifest) => void): Manifest => {
    const copy = structuredClone(manifest);
    change(copy);
    return copy;
  };

  describe('with a complete environment', () => {
    it('zips exactly manifest.json, color.png and outline.png at the root', () => {
      assert.ok(existsSync(join(outDir, ZIP_NAME)));
      assert.deepEqual([...files.keys()].sort(), ['color.png', 'manifest.json', 'outline.png']);
    });

    it('fills the bot id, Teams app id, domain and package version', () => {
      const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.equal(manifest.id, TEAMS_APP_ID);
      assert.equal(manifest.version, version);
      assert.equal(manifest.bots[0].botId, BOT_ID);
      assert.deepEqual(manifest.webApplicationInfo, {
        id: BOT_ID,
        resource: `api://csp-bot.contoso.com/botid-${BOT_ID}`,
      });
      assert.ok((manifest.validDomains as string[]).includes('csp-bot.contoso.com'));
      assert.doesNotMatch(files.get('manifest.json')!.toString('utf8'), /\$\{\{/);
    });

    it('offers the ten commands in personal chat, teams and group chats', () => {
      const lists = manifest.bots[0].commandLists as Array<{
        scopes: string[];
        commands: { title: string }[];
      }>;
      assert.deepEqual(lists.map((l) => l.scopes).flat(), ['personal', 'team', 'groupChat']);
      for (const list of lists) {
        assert.deepEqual(
          list.commands.map((c) => c.title),
          [
            'setup',
            'map',
            'mappings',
            'sync',
            'consent',
            'alerts',
            'conflicts',
            'troubleshoot',
            'status',
            'help',
          ],
        );
      }
    });

    it('passes the bundled schema and the icon rules', async () => {
      assert.deepEqual(await validateAppPackage(manifest, files), []);
    });
  });

  describe('a broken package', () => {
    it('without bots', async () => {
      const problems = await validateAppPackage(
        broken((m) => delete (m as Partial<Manifest>).bots),
        files,
      );
      assert.ok(
        problems.some((p) => /^bots is missing/.test(p)),
        problems.join('\n'),
      );
    });

    it('with an app id that is not a GUID', async () => {
      const problems = await validateAppPackage(
        broken((m) => (m.id = 'csp-bot')),
        files,
      );
      assert.ok(
        problems.some((p) => /\/id must match pattern/.test(p)),
        problems.join('\n'),
      );
    });

    it('with 11 commands in one list', async () => {
      const problems = await validateAppPackage(
        broken((m) => {
          const [personal] = m.bots[0].commandLists as Array<{ commands: object[] }>;
          personal.commands.push({ title: 'export', description: 'Export the mappings as CSV' });
        }),
        files,
      );
      assert.deepEqual(problems, [
        'bots[0].commandLists[0] (personal) has 11 commands; at most 10 are allowed.',
      ]);
    });

    it('with an unfilled placeholder', async () => {
      const problems = await validateAppPackage(
        broken((m) => (m.validDomains = ['${{BOT_DOMAIN}}'])),
        files,
      );
      assert.ok(
        problems.includes('validDomains[0] still holds "${{BOT_DOMAIN}}": a placeholder was not filled.'),
      );
    });

    it('with a colour icon of the wrong size', async () => {
      const wrong = new Map(files).set('color.png', pngOf(64, 64, [20, 90, 180, 255]));
      assert.deepEqual(await validateAppPackage(manifest, wrong), [
        'color.png is 64×64; Teams requires the color icon to be 192×192.',
      ]);
    });

    it('with a coloured or opaque outline icon', async () => {
      const blue = new Map(files).set('outline.png', pngOf(32, 32, [20, 90, 180, 255]));
      assert.match(
        (await validateAppPackage(manifest, blue)).join('\n'),
        /outline\.png has 1024 visible pixels that are not white/,
      );
      const opaque = new Map(files).set('outline.png', pngOf(32, 32, [255, 255, 255, 255]));
      assert.match(
        (await validateAppPackage(manifest, opaque)).join('\n'),
        /outline\.png has no transparent pixels/,
      );
    });

    it('with an icon missing from the zip', async () => {
      const missing = new Map(files);
      missing.delete('outline.png');
      assert.deepEqual(await validateAppPackage(manifest, missing), [
        'outline.png (icons.outline) is missing from the root of the package.',
      ]);
    });
  });

  describe('the environment', () => {
    it('reports every missing or invalid variable at once, and writes no zip', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'app-package-'));
      try {
        const error = await rejectsWith(
          buildAppPackage({
            env: {
              MicrosoftAppId: 'not-a-guid',
              BOT_DOMAIN: 'https://bot.contoso.com/api',
              TEAMS_APP_ID: '42',
            },
            outDir: dir,
          }),
          /environment is incomplete/,
        );
        assert.equal(error.problems.length, 3);
        assert.match(error.problems[0], /^MicrosoftAppId "not-a-guid" is not a GUID/);
        assert.match(
          error.problems[1],
          /^BOT_DOMAIN "https:\/\/bot.contoso.com\/api" must be a host name only/,
        );
        assert.match(error.problems[2], /^TEAMS_APP_ID "42" is not a GUID/);
        assert.equal(existsSync(join(dir, ZIP_NAME)), false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('names the missing variables when only some are set', () => {
      assert.throws(
        () => readPackageEnv({ TEAMS_APP_ID }),
        (e: AppPackageError) =>
          e.problems.length === 2 &&
          /^MicrosoftAppId is missing/.test(e.problems[0]) &&
          /^BOT_DOMAIN is missing/.test(e.problems[1]),
      );
    });

    it('derives a stable Teams app id from the bot id when TEAMS_APP_ID is unset', () => {
      const { teamsAppId } = readPackageEnv({ MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'csp-bot.contoso.com' });
      assert.equal(teamsAppId, deriveTeamsAppId(BOT_ID));
      assert.equal(deriveTeamsAppId(BOT_ID.toUpperCase()), teamsAppId);
      assert.notEqual(deriveTeamsAppId('11111111-2222-4333-8444-555555555555'), teamsAppId);
      assert.match(teamsAppId, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it('falls back to the local try-out defaults only when nothing is set', () => {
      assert.deepEqual(readPackageEnv({}), {
        botId: LOCAL_TRYOUT_BOT_ID,
        botDomain: 'localhost',
        teamsAppId: deriveTeamsAppId(LOCAL_TRYOUT_BOT_ID),
        localTryOut: true,
      });
      assert.throws(
        () => readPackageEnv({ MicrosoftAppId: LOCAL_TRYOUT_BOT_ID, BOT_DOMAIN: 'x.contoso.com' }),
        /all-zero/,
      );
    });

    it('makes `npm run package` exit non-zero and list the problems', () => {
      const dir = mkdtempSync(join(tmpdir(), 'app-package-'));
      try {
        const run = spawnSync(
          process.execPath,
          ['--import', 'tsx', join(ROOT, 'appPackage', 'build.ts'), dir],
          {
            cwd: ROOT,
            env: { PATH: process.env.PATH, MicrosoftAppId: 'nope', BOT_DOMAIN: 'bot.contoso.com:3978' },
            encoding: 'utf8',
          },
        );
        assert.equal(run.status, 1);
        assert.match(run.stderr, /MicrosoftAppId "nope" is not a GUID/);
        assert.match(run.stderr, /BOT_DOMAIN "bot.contoso.com:3978" must be a host name only/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
