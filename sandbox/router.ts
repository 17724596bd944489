// A route table: method plus a path template with `:name` segments, matched case-insensitively like Graph and Entra do.
export interface Route<H> {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: H;
}

export type RouteMatch<H> =
  { kind: 'found'; handler: H; params: Record<string, string> } | { kind: 'wrongMethod' } | { kind: 'none' };

export function route<H>(method: string, template: string, handler: H): Route<H> {
  const keys: string[] = [];
  const source = template
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      keys.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { method, pattern: new RegExp(`^${source}/?$`, 'i'), keys, handler };
}

export function matchRoute<H>(routes: readonly Route<H>[], method: string, pathname: string): RouteMatch<H> {
  let pathMatched = false;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(pathname);
    if (!match) continue;
    pathMatched = true;
    if (candidate.method !== method) continue;
    const params: Record<string, string> = {};
    candidate.keys.forEach((key, i) => {
      params[key] = decodeURIComponent(match[i + 1]);
    });
    return { kind: 'found', handler: candidate.handler, params };
  }
  return pathMatched ? { kind: 'wrongMethod' } : { kind: 'none' };
}
