/**
 * The query string parser of every route (Fastify's router option) and of the list's pre-routing path:
 * fast-querystring, the parser Fastify's router uses by default, behind one function so both paths
 * read a query the same way (a repeated name becomes an array, `__proto__` an own key).
 */
import { parse } from "fast-querystring";

export function parseQuery(query: string): Record<string, unknown> {
  return query.length === 0 ? {} : parse(query);
}
