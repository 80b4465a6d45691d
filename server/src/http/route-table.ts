/**
 * The routes registered on a Fastify instance, as they are added (Fastify's `onRoute` hook), however
 * they were added (a route module, a plugin such as the docs page). The not-found handler asks it
 * whether a path is known with another method (405 with `Allow`) or unknown (404), and tests walk it
 * to hold every route to having a schema.
 */
import type { FastifyInstance, FastifySchema, HTTPMethods } from "fastify";

export interface RegisteredRoute {
  methods: HTTPMethods[];
  url: string;
  schema?: FastifySchema & { hide?: boolean };
}

/** Turns a route pattern (`/api/rooms/:roomId`, `/docs/*`) into a test for concrete paths. */
function pathPattern(url: string): RegExp {
  const source = url
    .split("/")
    .map((part) => {
      if (part.startsWith(":")) return "[^/]+";
      if (part === "*") return ".*";
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${source}$`);
}

export class RouteTable {
  private readonly routes: RegisteredRoute[] = [];
  private readonly getPaths: RegExp[] = [];

  /** Starts recording; call before any route is added. */
  constructor(app: FastifyInstance) {
    app.addHook("onRoute", (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      this.routes.push({ methods, url: route.url, schema: route.schema });
      if (methods.includes("GET")) this.getPaths.push(pathPattern(route.url));
    });
  }

  /** Every route so far, HEAD routes Fastify adds for GET ones included. */
  all(): readonly RegisteredRoute[] {
    return this.routes;
  }

  /** Whether some GET route answers this path (so another method on it is a 405, not a 404). */
  hasGet(pathname: string): boolean {
    return this.getPaths.some((re) => re.test(pathname));
  }
}
