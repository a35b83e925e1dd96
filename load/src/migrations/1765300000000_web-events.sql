-- Up Migration

-- One row per tracking event (Segment spec), deduplicated by message_id (Segment retries).
create table raw.web_events (
  message_id          text primary key,
  type                text not null,
  event               text,
  event_table         text not null,
  user_id             text,
  anonymous_id        text,
  event_at            timestamptz not null,
  original_timestamp  timestamptz,
  sent_at             timestamptz,
  received_at         timestamptz,
  page_name           text,
  properties          jsonb,
  traits              jsonb,
  context             jsonb,
  source_object       text,
  record              jsonb not null,
  _source_object      text not null,
  _loaded_at          timestamptz not null
);
create index web_events_table_loaded on raw.web_events (event_table, _loaded_at);

-- Down Migration

drop table raw.web_events;
