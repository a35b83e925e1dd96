import { TrainingVolume } from '../dashboards/training-volume.js';
import { ActivityCalendar } from '../dashboards/activity-calendar.js';
import { HeartRateZones } from '../dashboards/heart-rate-zones.js';
import { HourlyMaxHeartRate } from '../dashboards/hourly-max-heart-rate.js';
import { PersonalRecords } from '../dashboards/personal-records.js';
import { ActivityList } from '../dashboards/activity-list.js';

/** Dashboards of the data, from the marts only (through `/api/marts`). */
export function DashboardsPage() {
  return (
    <section>
      <h1>Dashboards</h1>
      <div className="panels">
        <TrainingVolume />
        <ActivityCalendar />
        <HeartRateZones />
        <HourlyMaxHeartRate />
        <PersonalRecords />
        <ActivityList />
      </div>
    </section>
  );
}
