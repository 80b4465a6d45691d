import type { ErrorBody, ErrorCode } from "../api/contract";

/** An error that maps to one HTTP answer with the `{error: {code, message}}` body. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, "bad_request", message);
export const notFound = (message: string): HttpError => new HttpError(404, "not_found", message);

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}
