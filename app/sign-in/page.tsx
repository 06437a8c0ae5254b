import type { Metadata } from "next";
import Link from "next/link";
import { AuthForm } from "./auth-form";
import { safeNext } from "./safe-next";
import styles from "./auth.module.css";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const next = safeNext((await searchParams).next);
  return (
    <div className={styles.page}>
      <h1>Sign in</h1>
      <AuthForm mode="sign-in" next={next} />
      <p>
        No account yet? <Link href={`/sign-up?next=${encodeURIComponent(next)}`}>Create one</Link>.
      </p>
    </div>
  );
}
