import { errorResponse } from "@/lib/api/errors";

export const dynamic = "force-dynamic";

// Any other /api path: the contract's JSON 404 rather than the HTML not-found page.
function notFound(request: Request): Response {
  return errorResponse(404, "not_found", `No API route ${new URL(request.url).pathname}.`);
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
