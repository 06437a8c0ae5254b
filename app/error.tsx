"use client";

/**
 * Shown when a page cannot be rendered. An error from the server carries a digest (Next.js replaces
 * its message): typically the database could not be reached while the page was made. An error
 * without one happened in the browser, in the page's own script, where the database plays no part:
 * saying it could not be reached would send the reader looking for the wrong cause.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  if (!error.digest) {
    return (
      <div className="message-page" role="alert">
        <h1>This page cannot be shown right now</h1>
        <p>
          Something went wrong in your browser while it was showing this page. Reloading the page usually helps; if it does not, the page
          also works with JavaScript turned off.
        </p>
        <p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className="message-page" role="alert">
      <h1>This page cannot be shown right now</h1>
      <p>Gloss could not load the text. If the database is restarting, this clears up by itself in a moment.</p>
      <p>
        <button type="button" onClick={() => reset()}>
          Try again
        </button>
      </p>
    </div>
  );
}
