-- PitStop schema version 2: a role with only the rights the server needs, and
-- an index for reading the latest refresh runs.
--
-- pitstop_app cannot log in. Grant it to the login role the server uses
-- (GRANT pitstop_app TO pitstop_server), so that the server can read and
-- replace parking spots and log refresh runs but cannot change the schema.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pitstop_app') THEN
    CREATE ROLE pitstop_app NOLOGIN;
  END IF;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON parking_spots, refresh_runs TO pitstop_app;
GRANT SELECT ON pitstop_schema_version TO pitstop_app;

CREATE INDEX IF NOT EXISTS refresh_runs_started_at_idx ON refresh_runs (started_at DESC);

INSERT INTO pitstop_schema_version (version, name) VALUES (2, 'application role');
