import type { Metadata } from "next";
import { ReaderView, readerMetadata } from "@/app/documents/[slug]/_text/reader-view";

// The reader's kept copy: rendered on the first request for a document's version and reader
// revision, then served as stored (HTML and payload) until either changes, which changes the key.
// Only the proxy sends requests here (a direct request is answered 404 there), and only for a
// public document: the copy is rendered for nobody in particular, so a private one is not found.
export const dynamic = "force-static";
export const revalidate = false;
export const dynamicParams = true;

export async function generateStaticParams(): Promise<Array<{ slug: string; key: string }>> {
  return [];
}

type Props = { params: Promise<{ slug: string; key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return readerMetadata((await params).slug, null);
}

export default async function CachedReaderPage({ params }: Props) {
  return <ReaderView slug={(await params).slug} query={{}} viewer={null} cached />;
}
