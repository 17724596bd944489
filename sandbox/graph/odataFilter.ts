// The $filter subset Graph offers on these resources: eq, ne, in, startswith(), and, or, not and parentheses.
import { badRequest } from './graphError.js';

export type Filter = (item: Record<string, unknown>) => boolean;
type Literal = string | number | boolean | null;

const TOKEN = /\s*(\(|\)|,|'(?:[^']|'')*'|[^\s(),']+)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(text);
    if (!match) throw badRequest(`Invalid filter clause: syntax error at position ${TOKEN.lastIndex}.`);
    tokens.push(match[1]);
  }
  return tokens;
}

function valueAt(item: Record<string, unknown>, path: string): unknown {
  return path
    .split('/')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], item);
}

// Graph compares directory strings without regard to case.
function equals(actual: unknown, expected: Literal): boolean {
  if (typeof actual === 'string' && typeof expected === 'string')
    return actual.toLowerCase() === expected.toLowerCase();
  return (actual ?? null) === expected;
}

export function parseFilter(text: string, resource: string, properties: readonly string[]): Filter {
  const tokens = tokenize(text);
  let position = 0;
  const peek = () => tokens[position]?.toLowerCase();
  const next = () => tokens[position++];
  const expect = (token: string) => {
    if (peek() !== token)
      throw badRequest(`Invalid filter clause: expected '${token}' near '${tokens[position] ?? 'end'}'.`);
    position++;
  };
  const property = (): string => {
    const name = next() ?? '';
    const known = properties.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (!known)
      throw badRequest(
        `Unsupported or invalid query filter clause specified for property '${name}' of resource '${resource}'.`,
      );
    return known;
  };
  const literal = (): Literal => {
    const token = next();
    if (token === undefined) throw badRequest('Invalid filter clause: a value is missing.');
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    return /^-?\d+(\.\d+)?$/.test(token) ? Number(token) : token;
  };

  const primary = (): Filter => {
    if (peek() === '(') {
      next();
      const inner = or();
      expect(')');
      return inner;
    }
    if (peek() === 'startswith' && tokens[position + 1] === '(') {
      position += 2;
      const path = property();
      expect(',');
      const prefix = String(literal()).toLowerCase();
      expect(')');
      return (item) =>
        String(valueAt(item, path) ?? '')
          .toLowerCase()
          .startsWith(prefix);
    }
    const path = property();
    const operator = next()?.toLowerCase();
    if (operator === 'eq' || operator === 'ne') {
      const value = literal();
      return operator === 'eq'
        ? (item) => equals(valueAt(item, path), value)
        : (item) => !equals(valueAt(item, path), value);
    }
    if (operator === 'in') {
      expect('(');
      const values = [literal()];
      while (peek() === ',') {
        next();
        values.push(literal());
      }
      expect(')');
      return (item) => values.some((value) => equals(valueAt(item, path), value));
    }
    throw badRequest(`Invalid filter clause: unsupported operator '${operator ?? ''}'.`);
  };
  const unary = (): Filter => {
    if (peek() !== 'not') return primary();
    next();
    const inner = unary();
    return (item) => !inner(item);
  };
  const and = (): Filter => {
    let left = unary();
    while (peek() === 'and') {
      next();
      const [l, r] = [left, unary()];
      left = (item) => l(item) && r(item);
    }
    return left;
  };
  const or = (): Filter => {
    let left = and();
    while (peek() === 'or') {
      next();
      const [l, r] = [left, and()];
      left = (item) => l(item) || r(item);
    }
    return left;
  };

  const filter = or();
  if (position < tokens.length) throw badRequest(`Invalid filter clause: unexpected '${tokens[position]}'.`);
  return filter;
}
