"use client";

import { useEffect, useState } from "react";
import { getViewer, type Viewer } from "./annotation-client";

/** The signed-in reader, null when nobody is, undefined until the session has been asked. */
export function useViewer(): Viewer | null | undefined {
  const [viewer, setViewer] = useState<Viewer | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    getViewer()
      .catch(() => null)
      .then((found) => {
        if (live) setViewer(found);
      });
    return () => {
      live = false;
    };
  }, []);
  return viewer;
}
