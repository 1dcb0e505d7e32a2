import type http from "node:http";
import type { FormObject } from "../wire/form";
import type { World } from "./world";

export type Auth = "secret" | "publishable";

export type ApiRequest = {
  world: World;
  method: string;
  path: string;
  params: Record<string, string>;
  /** Form body for POST, query string for GET/DELETE (Stripe reads both the same way). */
  input: FormObject;
  auth: Auth;
  raw: http.IncomingMessage;
  rawBody: Buffer;
};

/** A handler result with a status other than 200. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** Raw bytes instead of JSON (file contents). */
export class RawReply {
  constructor(
    readonly contentType: string,
    readonly data: Buffer,
  ) {}
}

export type Handler = (req: ApiRequest) => unknown;

export type RouteOptions = {
  /** Stripe.js may call this with a publishable key. */
  publishable?: boolean;
  /** The handler reads the raw body itself (multipart uploads). */
  rawBody?: boolean;
};

type Route = RouteOptions & { method: string; path: string; pattern: RegExp; keys: string[]; handler: Handler };

export class Router {
  private routes: Route[] = [];

  add(method: string, path: string, handler: Handler, options: RouteOptions = {}): void {
    const keys: string[] = [];
    const source = path.replace(/:(\w+)/g, (_m, key: string) => {
      keys.push(key);
      return "([^/]+)";
    });
    this.routes.push({ method, path, pattern: new RegExp(`^${source}/?$`), keys, handler, ...options });
  }

  get(path: string, handler: Handler, options?: RouteOptions): void {
    this.add("GET", path, handler, options);
  }
  post(path: string, handler: Handler, options?: RouteOptions): void {
    this.add("POST", path, handler, options);
  }
  delete(path: string, handler: Handler, options?: RouteOptions): void {
    this.add("DELETE", path, handler, options);
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        params[key] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { route, params };
    }
    return null;
  }

  pathExists(path: string): boolean {
    return this.routes.some((r) => r.pattern.test(path));
  }
}
