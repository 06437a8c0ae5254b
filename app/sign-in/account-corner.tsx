"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { getViewer } from "./session-client";
import { SignInLink } from "./sign-in-link";
import { SignOutButton } from "./sign-out-button";
import styles from "./auth.module.css";

/** Who the header names: their email and role, or nobody (null). */
export interface AccountHolder {
  email: string;
  role: string;
}

/**
 * The header's account corner: "Sign in", or the signed-in email and "Sign out" (and, for editors,
 * the moderation page). `holder` is what the server knew; undefined on a page rendered for no one
 * in particular (the reader's kept copy, the same bytes for every reader), where the browser asks
 * the session instead. Until it knows, the corner shows nothing with JavaScript on (no "Sign in"
 * flashes before a signed-in reader's email), and with JavaScript off a link to the account page,
 * which signs in or out.
 */
export function AccountCorner({ holder }: { holder: AccountHolder | null | undefined }) {
  const [asked, setAsked] = useState<AccountHolder | null | undefined>(undefined);
  const known = holder !== undefined;
  useEffect(() => {
    if (known) return;
    let live = true;
    getViewer()
      .catch(() => null)
      .then((viewer) => {
        if (live) setAsked(viewer);
      });
    return () => {
      live = false;
    };
  }, [known]);
  const shown = known ? holder : asked;
  return (
    <nav className={styles.account} aria-label="Account">
      {shown === undefined ? (
        <noscript>
          <SignInLink label="Account" />
        </noscript>
      ) : shown ? (
        <>
          {shown.role === "editor" ? <Link href="/moderation">Moderation</Link> : null}
          <span className={styles.email} data-account-email="" title={shown.email}>
            {shown.email}
          </span>
          <SignOutButton />
        </>
      ) : (
        <SignInLink />
      )}
    </nav>
  );
}
