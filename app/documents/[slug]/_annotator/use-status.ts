"use client";

import { useEffect, useState } from "react";

/** A message for the reader's live region; it clears itself after five seconds. */
export function useStatus() {
  const [status, setStatus] = useState("");
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(""), 5000);
    return () => clearTimeout(timer);
  }, [status]);
  return [status, setStatus] as const;
}
