"use client";

import styles from "./auth.module.css";

/** Signs out and reloads the page (so the header and the notes forget the account). */
export function SignOutButton() {
  async function signOut() {
    await fetch("/api/auth/sign-out", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: "{}",
    }).catch(() => undefined);
    window.location.reload();
  }
  return (
    <button type="button" className={styles.signOut} onClick={signOut}>
      Sign out
    </button>
  );
}
