"use client";

import { usePathname } from "next/navigation";
import { publicPath } from "@/lib/documents/reader-path";
import { signOutAction } from "./actions";
import styles from "./auth.module.css";

/**
 * Signs out and comes back to this page. With JavaScript on, the page then reloads whole (so the
 * notes forget the account); with it off, the form posts to the server action.
 */
export function SignOutButton() {
  const pathname = usePathname();
  return (
    <form
      action={signOutAction}
      className={styles.signOutForm}
      onSubmit={async (event) => {
        event.preventDefault();
        await fetch("/api/auth/sign-out", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          credentials: "same-origin",
          body: "{}",
        }).catch(() => undefined);
        window.location.reload();
      }}
    >
      <input type="hidden" name="next" value={pathname ? publicPath(pathname) : "/"} />
      <button type="submit" className={styles.signOut}>
        Sign out
      </button>
    </form>
  );
}
