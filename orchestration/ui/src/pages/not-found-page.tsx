import { Link } from 'react-router';

/** Any unknown path. */
export function NotFoundPage() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        No page here. <Link to="/">Back to the assets</Link>.
      </p>
    </section>
  );
}
