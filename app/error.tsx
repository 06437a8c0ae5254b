"use client";

// Shown when a page cannot be rendered, typically because the database cannot be reached.
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
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
