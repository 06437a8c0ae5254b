"use client";

import { usePathname } from "next/navigation";

/** "Sign in", returning to the page it was followed from. */
export function SignInLink() {
  const pathname = usePathname();
  const next = pathname && pathname !== "/" && !pathname.startsWith("/sign-") ? `?next=${encodeURIComponent(pathname)}` : "";
  return <a href={`/sign-in${next}`}>Sign in</a>;
}
