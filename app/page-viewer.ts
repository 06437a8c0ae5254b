import { headers } from "next/headers";
import { cache } from "react";
import { sessionUserFrom, type SessionUser } from "@/lib/auth";

/**
 * Who is reading the page being rendered: the signed-in account, or null (signed out, or the
 * session cannot be read just now, when the page's own queries then say the database is down).
 * Read once per request, so a page and its metadata see the same viewer and the same documents.
 */
export const pageViewer = cache(async (): Promise<SessionUser | null> => sessionUserFrom(await headers()).catch(() => null));
