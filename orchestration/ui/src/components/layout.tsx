import { NavLink, Outlet } from 'react-router';

const LINKS = [
  { to: '/', label: 'Assets', end: true },
  { to: '/lineage', label: 'Lineage' },
  { to: '/runs', label: 'Runs' },
  { to: '/launch', label: 'Launch' },
  { to: '/dashboards', label: 'Dashboards' },
];

/** Page frame: skip link, top navigation, the page. */
export function Layout() {
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand" aria-hidden="true">
          Voyager
        </span>
        <nav aria-label="Main">
          {LINKS.map((l) => (
            <NavLink key={l.to} to={l.to} end={l.end ?? false}>
              {l.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
