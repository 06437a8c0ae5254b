"use client";

import { usePathname } from "next/navigation";
import { publicPath } from "@/lib/documents/reader-path";

/** "Sign in" (or another `label` for the same page), returning to the page it was followed from. */
export function SignInLink({ label = "Sign in" }: { label?: string }) {
  const current = usePathname();
  const pathname = current ? publicPath(current) : current;
  const next = pathname && pathname !== "/" && !pathname.startsWith("/sign-") ? `?next=${encodeURIComponent(pathname)}` : "";
  return <a href={`/sign-in${next}`}>{label}</a>;
}
