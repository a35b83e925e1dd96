-- Up Migration

-- One row per set of a lifting log (Strong / Hevy CSV, .xlsx); a workout's sets replaced as a whole.
create table raw.lifting_sets (
  workout_id               text not null,
  set_number               integer not null,
  source_app               text not null,
  source_file              text,
  source_line              integer,
  workout_name             text,
  started_at               timestamp not null,
  ended_at                 timestamp,
  workout_duration_s       double precision,
  workout_notes            text,
  exercise_name            text not null,
  exercise_notes           text,
  muscle_group             text,
  superset_id              text,
  set_order                integer,
  set_type                 text,
  weight_kg                double precision,
  weight                   double precision,
  weight_unit              text,
  is_bodyweight            boolean,
  reps                     integer,
  rpe                      double precision,
  distance_m               double precision,
  set_duration_s           double precision,
  record                   jsonb not null,
  _source_object           text not null,
  _loaded_at               timestamptz not null,
  primary key (workout_id, set_number)
);

-- Down Migration

drop table raw.lifting_sets;
