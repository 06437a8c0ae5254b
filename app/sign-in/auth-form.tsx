"use client";

import { useState, type FormEvent } from "react";
import styles from "./auth.module.css";

interface Props {
  mode: "sign-in" | "sign-up";
  next: string;
}

/** The sign-in or sign-up form: posts to the account endpoints, then returns to `next`. */
export function AuthForm({ mode, next }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const name = String(data.get("name") ?? "").trim() || email.split("@")[0];
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/auth/${mode === "sign-up" ? "sign-up" : "sign-in"}/email`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify(mode === "sign-up" ? { name, email, password } : { email, password }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        setError(body?.message ?? (mode === "sign-up" ? "The account could not be created." : "The email or password is not right."));
        setBusy(false);
        return;
      }
      window.location.assign(next);
    } catch {
      setError("The server could not be reached. Try again.");
      setBusy(false);
    }
  }

  const id = (field: string) => `${mode}-${field}`;
  return (
    <form className={styles.form} method="post" onSubmit={submit} aria-describedby={error ? id("error") : undefined}>
      {mode === "sign-up" ? (
        <p className={styles.field}>
          <label htmlFor={id("name")}>Name (optional)</label>
          <input id={id("name")} name="name" type="text" autoComplete="name" maxLength={100} />
        </p>
      ) : null}
      <p className={styles.field}>
        <label htmlFor={id("email")}>Email</label>
        <input id={id("email")} name="email" type="email" autoComplete="email" required />
      </p>
      <p className={styles.field}>
        <label htmlFor={id("password")}>Password</label>
        <input
          id={id("password")}
          name="password"
          type="password"
          autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
          minLength={8}
          maxLength={256}
          required
          aria-describedby={mode === "sign-up" ? id("password-hint") : undefined}
        />
        {mode === "sign-up" ? (
          <span id={id("password-hint")} className={styles.hint}>
            At least 8 characters.
          </span>
        ) : null}
      </p>
      <div id={id("error")} role="alert" className={styles.error}>
        {error}
      </div>
      <button type="submit" className={styles.submit} disabled={busy}>
        {mode === "sign-up" ? "Create account" : "Sign in"}
      </button>
    </form>
  );
}
