// The part of every generated TypeScript module that does not depend on the schema.
// eventsmith appends it verbatim after the interfaces and their checkers.

/** Thrown by the `parse...` functions; `path` is the JSON path of the first mismatch. */
export class EventParseError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path}: expected ${expected}`);
    this.name = "EventParseError";
  }
}

type Mismatch = { path: string; expected: string } | null;

const _RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function _isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function _hasKey(value: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

function _member(path: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function _primitive(value: unknown, path: string, kind: string): Mismatch {
  switch (kind) {
    case "string":
      return typeof value === "string" ? null : { path, expected: "a string" };
    case "date-time":
      return typeof value === "string" && _RFC3339.test(value) && !isNaN(Date.parse(value))
        ? null
        : { path, expected: "an RFC 3339 date-time string" };
    case "integer":
      return typeof value === "number" && isFinite(value) && Math.floor(value) === value ? null : { path, expected: "an integer" };
    case "number":
      return typeof value === "number" && isFinite(value) ? null : { path, expected: "a number" };
    case "boolean":
      return typeof value === "boolean" ? null : { path, expected: "a boolean" };
    case "null":
      return value === null ? null : { path, expected: "null" };
    default:
      return null;
  }
}

function _array(value: unknown, path: string, check: (item: unknown, path: string) => Mismatch): Mismatch {
  if (!Array.isArray(value)) return { path, expected: "an array" };
  for (let index = 0; index < value.length; index++) {
    const problem = check(value[index], `${path}[${index}]`);
    if (problem !== null) return problem;
  }
  return null;
}

function _map(value: unknown, path: string, check: (item: unknown, path: string) => Mismatch): Mismatch {
  if (!_isObject(value)) return { path, expected: "an object" };
  for (const key of Object.keys(value)) {
    const problem = check(value[key], _member(path, key));
    if (problem !== null) return problem;
  }
  return null;
}

function _anyOf(
  value: unknown,
  path: string,
  expected: string,
  checks: ReadonlyArray<(item: unknown, path: string) => Mismatch>,
): Mismatch {
  return checks.some((check) => check(value, path) === null) ? null : { path, expected };
}

function _parseWith<T>(json: string, check: (value: unknown, path: string) => Mismatch): T {
  const value: unknown = JSON.parse(json);
  const problem = check(value, "$");
  if (problem !== null) throw new EventParseError(problem.path, problem.expected);
  return value as T;
}
