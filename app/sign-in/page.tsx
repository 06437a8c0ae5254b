import type { Metadata } from "next";
import Link from "next/link";
import { pageViewer } from "@/app/page-viewer";
import { AuthForm } from "./auth-form";
import { safeNext } from "./safe-next";
import { SignOutButton } from "./sign-out-button";
import styles from "./auth.module.css";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Signing in; for a reader already signed in, also who they are and signing out (a page kept for
 * every reader, the reader's kept copy, links here for both when JavaScript is off, since its
 * header cannot name anyone).
 */
export default async function SignInPage({ searchParams }: Props) {
  const next = safeNext((await searchParams).next);
  const viewer = await pageViewer();
  return (
    <div className={styles.page}>
      <h1>Sign in</h1>
      {viewer ? (
        <div className={styles.signedIn} data-signed-in="">
          <p>
            You are signed in as <strong>{viewer.email}</strong>. <Link href={next}>Go back</Link>, sign out, or sign in as someone else
            below.
          </p>
          <SignOutButton next={next} />
        </div>
      ) : null}
      <AuthForm mode="sign-in" next={next} />
      <p>
        No account yet? <Link href={`/sign-up?next=${encodeURIComponent(next)}`}>Create one</Link>.
      </p>
    </div>
  );
}
