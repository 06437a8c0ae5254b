import { errorResponse } from "@/lib/api/errors";

export const dynamic = "force-dynamic";

// Any other /api path: the contract's JSON 404, whatever the method, rather than the HTML
// not-found page or Next.js's empty 405.
function notFound(request: Request): Response {
  return errorResponse(404, "not_found", `No API route ${new URL(request.url).pathname}.`);
}

export const GET = notFound;
export const HEAD = (request: Request) => new Response(null, { status: 404, headers: notFound(request).headers });
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
