"use client";

import { useActionState } from "react";
import { signInAction, signUpAction, type AuthState } from "./actions";
import styles from "./auth.module.css";

interface Props {
  mode: "sign-in" | "sign-up";
  next: string;
}

/**
 * The sign-in or sign-up form. It posts to a server action, so it works with JavaScript off as
 * well as on; on success the action returns to `next`.
 */
export function AuthForm({ mode, next }: Props) {
  const [state, action, pending] = useActionState<AuthState, FormData>(mode === "sign-up" ? signUpAction : signInAction, {
    error: null,
    email: "",
  });
  const id = (field: string) => `${mode}-${field}`;
  return (
    <form className={styles.form} action={action} aria-describedby={state.error ? id("error") : undefined}>
      <input type="hidden" name="next" value={next} />
      {mode === "sign-up" ? (
        <p className={styles.field}>
          <label htmlFor={id("name")}>Name (optional)</label>
          <input id={id("name")} name="name" type="text" autoComplete="name" maxLength={100} aria-describedby={id("name-hint")} />
          <span id={id("name-hint")} className={styles.hint}>
            Shown with your public notes.
          </span>
        </p>
      ) : null}
      <p className={styles.field}>
        <label htmlFor={id("email")}>Email</label>
        <input id={id("email")} name="email" type="email" autoComplete="email" required defaultValue={state.email} key={state.email} />
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
        {state.error}
      </div>
      <button type="submit" className={styles.submit} disabled={pending}>
        {mode === "sign-up" ? "Create account" : "Sign in"}
      </button>
    </form>
  );
}
