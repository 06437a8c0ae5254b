import type { Metadata } from "next";
import Link from "next/link";
import { AuthForm } from "../sign-in/auth-form";
import { safeNext } from "../sign-in/safe-next";
import styles from "../sign-in/auth.module.css";

export const metadata: Metadata = { title: "Create an account" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const next = safeNext((await searchParams).next);
  return (
    <div className={styles.page}>
      <h1>Create an account</h1>
      <AuthForm mode="sign-up" next={next} />
      <p>
        Already have one? <Link href={`/sign-in?next=${encodeURIComponent(next)}`}>Sign in</Link>.
      </p>
    </div>
  );
}
