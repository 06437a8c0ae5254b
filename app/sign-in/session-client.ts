// The browser's one way of asking who is signed in: the account corner of a page kept for everyone
// (account-corner.tsx) and the reader's own layer (the annotator's useViewer) both ask here.

/** The signed-in reader, as the session endpoint reports them. */
export interface Viewer {
  id: string;
  email: string;
  name: string;
  role: "annotator" | "editor";
}

let asking: Promise<Viewer | null> | null = null;

/**
 * The signed-in reader, or null when nobody is (better-auth's session endpoint). Callers asking
 * while a request is under way share it (a page's header and its reader ask as they mount); a
 * later call asks again, since a sign-in or sign-out may have happened since. Rejects when the
 * server cannot be reached.
 */
export function getViewer(): Promise<Viewer | null> {
  asking ??= askSession().finally(() => {
    asking = null;
  });
  return asking;
}

async function askSession(): Promise<Viewer | null> {
  const response = await fetch("/api/auth/get-session", { credentials: "same-origin" });
  const session = (response.ok ? await response.json() : null) as {
    user?: { id: string; email: string; name?: string; role?: string };
  } | null;
  const user = session?.user;
  return user
    ? { id: user.id, email: user.email, name: user.name ?? user.email, role: user.role === "editor" ? "editor" : "annotator" }
    : null;
}
