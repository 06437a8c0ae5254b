import { headers } from "next/headers";
import { getAuth } from "@/lib/auth";
import { SignInLink } from "./sign-in-link";
import { SignOutButton } from "./sign-out-button";
import styles from "./auth.module.css";

/** The header's account corner: "Sign in", or the signed-in email and "Sign out". */
export async function AccountLink() {
  let email: string | null = null;
  try {
    const requestHeaders = await headers();
    if (requestHeaders.get("cookie")) {
      const session = await getAuth().api.getSession({ headers: requestHeaders });
      email = session?.user.email ?? null;
    }
  } catch {
    email = null;
  }
  return (
    <nav className={styles.account} aria-label="Account">
      {email ? (
        <>
          <span data-account-email="">{email}</span>
          <SignOutButton />
        </>
      ) : (
        <SignInLink />
      )}
    </nav>
  );
}
