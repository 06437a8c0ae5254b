/**
 * The HTTP methods a route file can answer (what Next.js dispatches to a route handler). Apart from
 * the route wrapper (api-route.ts) so that proxy.ts can refuse any other method without loading it.
 */
export const API_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type ApiMethod = (typeof API_METHODS)[number];
