import { headers } from "next/headers";
import Link from "next/link";
import { sessionUserFrom, type SessionUser } from "@/lib/auth";
import { SignInLink } from "./sign-in-link";
import { SignOutButton } from "./sign-out-button";
import styles from "./auth.module.css";

/** The header's account corner: "Sign in", or the signed-in email and "Sign out" (and, for editors, the moderation page). */
export async function AccountLink() {
  let user: SessionUser | null = null;
  try {
    user = await sessionUserFrom(await headers());
  } catch {
    user = null;
  }
  return (
    <nav className={styles.account} aria-label="Account">
      {user ? (
        <>
          {user.role === "editor" ? <Link href="/moderation">Moderation</Link> : null}
          <span className={styles.email} data-account-email="" title={user.email}>
            {user.email}
          </span>
          <SignOutButton />
        </>
      ) : (
        <SignInLink />
      )}
    </nav>
  );
}
