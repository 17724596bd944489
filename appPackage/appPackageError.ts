// The one error the app package build throws: every problem found, so a single run shows them all.
export class AppPackageError extends Error {
  constructor(
    summary: string,
    readonly problems: readonly string[],
  ) {
    super(`${summary}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AppPackageError';
  }
}
