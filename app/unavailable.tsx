// Shown in place of a page whose data cannot be loaded because the database cannot be reached.
export function Unavailable() {
  return (
    <div className="message-page" role="alert">
      <h1>This page cannot be shown right now</h1>
      <p>
        Gloss cannot reach its database, so the text cannot be loaded. If the database is restarting, this clears up by itself in a moment:
        reload the page.
      </p>
    </div>
  );
}
