/** One file of the DAG bundle: a POSIX path relative to the output folder and its UTF-8 content. */
export interface GeneratedFile {
  /** `dags/strava_daily.py`, `dags/voyager_airflow/ecs.py`, `requirements.txt`, `README.md`. */
  readonly path: string;
  readonly content: string;
}
