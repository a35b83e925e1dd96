import { DASHBOARDS } from '../dashboards/registry.js';

/** Dashboards of the data, from the marts only (through `/api/marts`): one section per dashboard. */
export function DashboardsPage() {
  return (
    <section>
      <h1>Dashboards</h1>
      <nav aria-label="Dashboards" className="dashboard-nav">
        {DASHBOARDS.map((d) => (
          <a key={d.id} href={`#${d.id}`}>
            {d.title}
          </a>
        ))}
      </nav>
      {DASHBOARDS.map((d) => (
        <section key={d.id} id={d.id} aria-labelledby={`${d.id}-title`} className="dashboard">
          <h2 id={`${d.id}-title`}>{d.title}</h2>
          <div className="panels">
            {d.panels.map((Panel, i) => (
              <Panel key={i} />
            ))}
          </div>
        </section>
      ))}
    </section>
  );
}
