"use client";

import { useActionState, useState } from "react";
import { usePathname } from "next/navigation";
import { publicPath } from "@/lib/documents/reader-path";
import { signOutAction, type SignOutState } from "./actions";
import styles from "./auth.module.css";

/** What a refused or failed sign-out says, from the endpoint's JSON error or the network error. */
async function failureOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { message?: string; error?: { message?: string } } | null;
  const reason = body?.error?.message ?? body?.message ?? `the server answered ${response.status}`;
  return `Could not sign out (${reason}). You are still signed in.`;
}

/**
 * Signs out and comes back to this page (or to `next`). With JavaScript on, the page then reloads
 * whole (so the notes forget the account); with it off, the form posts to the server action.
 * Either way a sign-out that fails says so, next to the button, instead of leaving the session in
 * place unseen.
 */
export function SignOutButton({ next }: { next?: string }) {
  const pathname = usePathname();
  const [state, action] = useActionState<SignOutState, FormData>(signOutAction, { error: null });
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const message = failure ?? state.error;
  return (
    <form
      action={action}
      className={styles.signOutForm}
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        setFailure(null);
        try {
          const response = await fetch("/api/auth/sign-out", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            credentials: "same-origin",
            body: "{}",
          });
          if (response.ok) {
            if (next) window.location.assign(next);
            else window.location.reload();
            return;
          }
          setFailure(await failureOf(response));
        } catch {
          setFailure("Could not sign out (the server cannot be reached). You are still signed in.");
        }
        setPending(false);
      }}
    >
      <input type="hidden" name="next" value={next ?? (pathname ? publicPath(pathname) : "/")} />
      <button type="submit" className={styles.signOut} disabled={pending}>
        Sign out
      </button>
      <span role="alert" className={styles.error}>
        {message}
      </span>
    </form>
  );
}
