/**
 * Fastify's validator compiler for the route schemas of src/api/endpoints.ts: TypeBox's compiled
 * checks, and the API's own 400 messages built from the schema that failed.
 *
 * Query and path values arrive as text. Ajv's type coercion (Fastify's default) would read "1e3",
 * " 1" or "0x10" as numbers and would drop unknown parameters instead of refusing them, so integer
 * parameters are decoded here from plain decimal digits only, before the schema check; anything else
 * stays text and fails the check with the parameter's message.
 */
import type { TObject, TSchema } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { ValueErrorType } from "@sinclair/typebox/errors";
import type { ValueError } from "@sinclair/typebox/errors";
import type { FastifySchemaCompiler } from "fastify";
import { badRequest } from "./errors";

/** How an integer is written: a query value is digits; a path id has no leading zero. */
const INTEGER_TEXT: Record<string, RegExp> = {
  querystring: /^\d{1,10}$/,
  params: /^[1-9]\d{0,9}$/,
};

type Fields = Record<string, unknown>;

const isObjectSchema = (schema: TSchema): schema is TObject =>
  schema.type === "object" && typeof schema.properties === "object";

/** The properties whose schema is an integer: decoded from text before the check. */
function integerNames(schema: TSchema): string[] {
  if (!isObjectSchema(schema)) return [];
  return Object.keys(schema.properties).filter((name) => schema.properties[name].type === "integer");
}

/** A JSON pointer's first segment, unescaped (`/a~1b` → `a/b`). */
function nameAt(path: string): string {
  return path.split("/")[1].replace(/~1/g, "/").replace(/~0/g, "~");
}

/** The message a client gets for the first problem: unknown parameters before bad values. */
function message(part: string, schema: TSchema, errors: ValueError[], data: Fields): string {
  const unknown = errors.find((e) => e.type === ValueErrorType.ObjectAdditionalProperties);
  if (unknown) return `unknown parameter "${nameAt(unknown.path)}"`;
  const first = errors[0];
  if (!first.path || !isObjectSchema(schema)) return first.message;
  const name = nameAt(first.path);
  const property: TSchema | undefined = schema.properties[name];
  if (Array.isArray(data[name])) return `"${name}" must be given once`;
  if (property?.type === "integer") {
    if (part === "params") return `${name} must be a positive integer`;
    return `"${name}" must be an integer from ${property.minimum} to ${property.maximum}`;
  }
  if (first.type === ValueErrorType.ObjectRequiredProperty || first.type === ValueErrorType.StringMinLength) {
    return `"${name}" is required${property?.title ? `: ${property.title}` : ""}`;
  }
  if (first.type === ValueErrorType.StringMaxLength) {
    return `"${name}" must be at most ${property?.maxLength} characters`;
  }
  return `"${name}": ${first.message}`;
}

/**
 * Compiles one route part's schema. The check answers `{value}` (integers decoded; the copy keeps
 * every key, `__proto__` included, as an own property) or `{error}`, a 400 with the error body.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart = "" }) => {
  const compiled = TypeCompiler.Compile(schema);
  const integers = integerNames(schema);
  const digits = INTEGER_TEXT[httpPart];
  return (data: unknown) => {
    let value = data;
    if (digits && integers.length > 0 && typeof data === "object" && data !== null) {
      const copy: Fields = Object.create(null);
      for (const [key, raw] of Object.entries(data)) {
        copy[key] = typeof raw === "string" && digits.test(raw) && integers.includes(key) ? Number(raw) : raw;
      }
      value = copy;
    }
    if (compiled.Check(value)) return { value };
    const problems = [...compiled.Errors(value)];
    return { error: badRequest(message(httpPart, schema, problems, (data ?? {}) as Fields)) };
  };
};
