-- PitStop schema version 1: the parking spots and the log of refresh runs.
-- Runs once from the PostGIS image's init folder on a new data volume, or
-- inside one transaction from `pitstop db migrate`.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE IF NOT EXISTS pitstop_schema_version (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- The live set of parking spots. A refresh replaces it in one transaction.
CREATE TABLE parking_spots (
  id          text PRIMARY KEY,  -- stable across refreshes, e.g. lta-3f9a0c12d4e5b6a7
  source      text NOT NULL,     -- lta-datamall, osm, or a file's source name
  source_key  text NOT NULL,     -- the record's key in its source: DataMall's Description, or node/123 in OSM
  description text NOT NULL,
  location    geometry(Point, 4326) NOT NULL,
  rack_type   text NOT NULL,
  rack_count  integer NOT NULL CHECK (rack_count >= 0),
  sheltered   boolean NOT NULL,
  first_seen  timestamptz NOT NULL,  -- start of the refresh that first loaded the spot
  last_seen   timestamptz NOT NULL   -- start of the latest refresh that loaded it
);

CREATE INDEX parking_spots_location_idx ON parking_spots USING gist (location);

-- One row per refresh run. A run killed half-way stays 'running' until the
-- next run marks it 'interrupted'.
CREATE TABLE refresh_runs (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at       timestamptz NOT NULL,
  finished_at      timestamptz,
  source           text NOT NULL,
  records_fetched  integer,
  records_inserted integer,
  records_updated  integer,
  records_removed  integer,
  records_rejected integer,
  outcome          text NOT NULL
                   CHECK (outcome IN ('running', 'succeeded', 'failed', 'rejected', 'interrupted')),
  error_message    text
);

INSERT INTO pitstop_schema_version (version, name) VALUES (1, 'parking store');
