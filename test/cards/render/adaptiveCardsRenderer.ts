// Finds the Adaptive Cards renderer and the Teams host config and styles in their installed packages.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

export type AdaptiveCardsLibrary = typeof AdaptiveCards;

const require = createRequire(import.meta.url);

/** Read from node_modules at run time, so an upgrade of either package shows up here. */
export const RENDERER_FILES = {
  // The package's lib/ is extensionless ESM that Node cannot import; its UMD bundle loads in Node and browser alike.
  bundle: require.resolve('adaptivecards/dist/adaptivecards.min.js'),
  teamsHostConfig: require.resolve('adaptivecards-designer/lib/hostConfigs/microsoft-teams-light.json'),
  teamsCss: require.resolve('adaptivecards-designer/dist/containers/teams-container-light.css'),
  // Teams renders markdown in TextBlocks; the renderer does so only when the page has markdown-it.
  markdown: require.resolve('markdown-it/browser'),
};

let library: AdaptiveCardsLibrary | undefined;

/** The real renderer's parser and validator; parsing and validating need no DOM. */
export function loadAdaptiveCards(): AdaptiveCardsLibrary {
  library ??= require(RENDERER_FILES.bundle) as AdaptiveCardsLibrary;
  return library;
}

export function rendererVersion(): string {
  return (require('adaptivecards/package.json') as { version: string }).version;
}

let hostConfig: object | undefined;

export function teamsHostConfig(): object {
  hostConfig ??= JSON.parse(readFileSync(RENDERER_FILES.teamsHostConfig, 'utf8')) as object;
  return hostConfig;
}
