import { NextResponse, type NextRequest } from "next/server";

const MESSAGE = "The address is not valid: its percent-encoding is malformed or names a NUL character.";

/**
 * Addresses that cannot be decoded (a stray "%", "%FF", a cut-off UTF-8 sequence) or that decode
 * to a NUL character never reach a page or route: they get a 400, JSON for the API, instead of
 * failing inside the framework's parameter decoding or the database.
 */
export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return refuse(path);
  }
  return decoded.includes("\u0000") ? refuse(path) : NextResponse.next();
}

function refuse(path: string) {
  if (path.startsWith("/api/")) return NextResponse.json({ error: { code: "bad_request", message: MESSAGE } }, { status: 400 });
  return new NextResponse(`Bad request. ${MESSAGE}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export const config = { matcher: "/((?!_next/static|_next/image|favicon.ico).*)" };
