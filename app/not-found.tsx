import Link from "next/link";

export const metadata = { title: "Not found" };

// Shown for an unknown document slug or any unknown page.
export default function NotFound() {
  return (
    <div className="message-page">
      <h1>Not found</h1>
      <p>There is no page at this address. The document may have been renamed, or the link mistyped.</p>
      <p>
        <Link href="/">Back to the library</Link>
      </p>
    </div>
  );
}
