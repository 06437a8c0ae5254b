import { headers } from "next/headers";
import { sessionUserFrom, type SessionUser } from "@/lib/auth";
import { AccountCorner } from "./account-corner";

/**
 * The header's account corner (account-corner.tsx) with what the server knows of the reader. A
 * page rendered for no request (the reader's kept copy, force-static: its headers are empty, not
 * even a Host) knows no one, and leaves the browser to ask: that copy is served to every reader,
 * signed in or not.
 */
export async function AccountLink() {
  const requested = await headers();
  if (!requested.has("host")) return <AccountCorner holder={undefined} />;
  let user: SessionUser | null = null;
  try {
    user = await sessionUserFrom(requested);
  } catch {
    user = null;
  }
  return <AccountCorner holder={user ? { email: user.email, role: user.role } : null} />;
}
