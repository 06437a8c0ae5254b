import type { Metadata } from "next";
import { pageViewer } from "@/app/page-viewer";
import { ReaderView, readerMetadata } from "./_text/reader-view";

// Requests with a query (a chosen claim, a quote link) and client navigations render here, per
// request. A plain request for the reader is sent by the proxy to the kept copy (app/reader-cache).
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return readerMetadata((await params).slug, await pageViewer());
}

export default async function ReaderPage({ params, searchParams }: Props) {
  return <ReaderView slug={(await params).slug} query={await searchParams} viewer={await pageViewer()} />;
}
