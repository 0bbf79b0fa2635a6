import type { HttpMethod, Route } from './route.js';
import { routeKey } from './route.js';

/** What the router needs of a route: the route table's entries, or the fallback's manifest entries. */
export type RoutePattern = Pick<Route, 'method' | 'path'>;

export type RouteMatch<R extends RoutePattern = Route> =
  | { kind: 'route'; route: R; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: HttpMethod[] }
  | { kind: 'not_found' };

interface Compiled<R extends RoutePattern> {
  route: R;
  regex: RegExp;
  names: string[];
}

/** Matches method + path against a route table the way API Gateway does ({param} = one segment, exact paths). */
export class Router<R extends RoutePattern = Route> {
  private readonly byKey = new Map<string, R>();
  private readonly compiled: Compiled<R>[];

  constructor(routes: readonly R[]) {
    for (const r of routes) {
      if (this.byKey.has(routeKey(r))) throw new Error(`Duplicate route ${routeKey(r)}`);
      this.byKey.set(routeKey(r), r);
    }
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const pattern = route.path
        .split('/')
        .map((seg) => {
          const m = /^\{(\w+)\}$/.exec(seg);
          if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(m[1]!);
          return '([^/]+)';
        })
        .join('/');
      return { route, regex: new RegExp(`^${pattern}$`), names };
    });
    // Like API Gateway, a literal segment beats a {param}: try routes with fewer params first.
    this.compiled.sort((a, b) => a.names.length - b.names.length);
  }

  byRouteKey(key: string): R | undefined {
    return this.byKey.get(key);
  }

  match(method: string, path: string): RouteMatch<R> {
    const allowed: HttpMethod[] = [];
    for (const c of this.compiled) {
      const m = c.regex.exec(path);
      if (!m) continue;
      if (c.route.method !== method.toUpperCase()) {
        if (!allowed.includes(c.route.method)) allowed.push(c.route.method);
        continue;
      }
      const params: Record<string, string> = {};
      try {
        c.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)));
      } catch {
        continue; // malformed percent-encoding: no route's param, so a 404 rather than a 500
      }
      return { kind: 'route', route: c.route, params };
    }
    return allowed.length ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' };
  }
}
