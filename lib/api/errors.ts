import { ZodError } from "zod";

/** An error an API route answers with a 4xx status and a JSON body of the contract's shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The contract's error body: `{ error: { code, message, details? } }`. */
export function errorResponse(status: number, code: string, message: string, details?: unknown): Response {
  return Response.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, { status });
}

/**
 * Turns anything a route handler threw into a response: ApiError and ZodError become 4xx JSON;
 * anything else is logged with its context and answered with a generic 500 carrying no internals.
 */
export function handleApiError(error: unknown, context: string): Response {
  if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message, error.details);
  if (error instanceof ZodError) {
    return errorResponse(
      422,
      "invalid",
      "The request is invalid.",
      error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  console.error(`[api] ${context}:`, error);
  return errorResponse(500, "internal", "Something went wrong on our side.");
}

/** Wraps a route handler so every failure is answered by handleApiError. */
export function apiRoute<A extends unknown[]>(context: string, handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return handleApiError(error, context);
    }
  };
}
