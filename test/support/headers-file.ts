/**
 * Reads a _headers file and answers which headers a path gets, the way Netlify and Cloudflare
 * Pages define it: a block is a path line followed by indented `Name: value` lines; `#` starts
 * a comment; a path matches literally, except that `*` (a splat) matches any run of characters,
 * slashes included, and `:name` one path segment. Every rule that matches applies; a header set
 * by several matching rules is sent once, its values joined with ", ". A line `! Name` (Cloudflare
 * Pages) drops that header from what earlier rules set.
 *
 * The browser tests run against the host's own runtime (src/publish/site/host.ts); this reading of the
 * file stays for the checks of the file itself: every path a page is served under, under any
 * base path, without a build or a runtime per case.
 */

export interface HeaderRule {
  path: string;
  headers: Array<[string, string]>;
  /** Headers this rule drops (`! Name`). */
  drops?: string[];
  /** 1-based line of the path in the file. */
  line: number;
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    if (!/^\s/.test(line)) {
      rules.push({ path: line, headers: [], line: i + 1 });
      return;
    }
    const rule = rules.at(-1);
    const drop = /^\s+!\s*([^:\s]+)$/.exec(line);
    if (rule && drop) {
      (rule.drops ??= []).push(drop[1]!);
      return;
    }
    const m = /^\s+([^:\s]+):\s*(.*)$/.exec(line);
    if (!rule || !m)
      throw new Error(
        `_headers:${i + 1}: expected "  Name: value" under a path, got ${JSON.stringify(raw)}`,
      );
    rule.headers.push([m[1]!, m[2]!]);
  });
  return rules;
}

const patternOf = (path: string): RegExp =>
  new RegExp(
    `^${path
      .split(/(\*|:[A-Za-z_][A-Za-z0-9_]*)/)
      .map((part) =>
        part === '*'
          ? '.*'
          : part.startsWith(':') && part.length > 1
            ? '[^/]+'
            : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('')}$`,
  );

/** The rules whose path matches a request path (pathname only), in file order. */
export function matchingRules(rules: HeaderRule[], pathname: string): HeaderRule[] {
  return rules.filter((r) => patternOf(r.path).test(pathname));
}

/** The headers a request path gets: lower-cased names, values of repeated names joined with ", ". */
export function headersFor(rules: HeaderRule[], pathname: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of matchingRules(rules, pathname)) {
    for (const name of r.drops ?? []) delete out[name.toLowerCase()];
    for (const [name, value] of r.headers) {
      const k = name.toLowerCase();
      out[k] = out[k] === undefined ? value : `${out[k]}, ${value}`;
    }
  }
  return out;
}

/** How many rules set a header for a path (two Content-Security-Policy rules would intersect). */
export function rulesSetting(rules: HeaderRule[], pathname: string, header: string): number {
  return matchingRules(rules, pathname).filter((r) =>
    r.headers.some(([n]) => n.toLowerCase() === header.toLowerCase()),
  ).length;
}
