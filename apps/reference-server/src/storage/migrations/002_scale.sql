-- Rollup rows are updated by every batch that touches their key. Room on each page lets those
-- updates be HOT (no new index entries; old versions pruned within the page), so rollup reads
-- stay as cheap after heavy ingest as before it. The hottest rows (one per user and day or week,
-- updated by every batch of that day or week) get the most room. (Applies to pages written from
-- now on.)
ALTER TABLE activity_daily SET (fillfactor = 70);
ALTER TABLE agent_daily SET (fillfactor = 50);
ALTER TABLE user_daily SET (fillfactor = 50);
ALTER TABLE user_month SET (fillfactor = 70);
ALTER TABLE kb_daily SET (fillfactor = 70);
ALTER TABLE agent_stats SET (fillfactor = 50);
ALTER TABLE metrics_daily SET (fillfactor = 50);
ALTER TABLE metrics_day_models SET (fillfactor = 70);

-- Events are written only for records a batch inserted, whose ids are unique already: the
-- (org_id, id) key was a fourth index on the largest table, maintained for nothing. The time
-- index becomes the key.
ALTER TABLE events DROP CONSTRAINT events_pkey;
DROP INDEX events_by_time;
ALTER TABLE events ADD PRIMARY KEY (org_id, ts, id);

-- completionRate is tasksCompleted / tasksInitiated (docs/semantics.md): the count of initiated
-- runs that completed, and the flag on events it was summed from, are no longer read.
ALTER TABLE activity_daily DROP COLUMN initiated_completed;
ALTER TABLE agent_daily DROP COLUMN initiated_completed;
ALTER TABLE user_daily DROP COLUMN initiated_completed;
ALTER TABLE events DROP COLUMN run_completed;

-- Runs are read by agent (the agents module) and by id, never by time alone (analytics reads
-- the events): the time index cost every run insert and served no query.
DROP INDEX runs_by_time;

-- Per organisation, ISO week (its Monday) and user: the counters top users ranks by. A window
-- reads its whole weeks here and only the days outside them from user_daily, a third of the
-- rows of a 30-day window and a seventh of a long one.
CREATE TABLE user_week (
  org_id text NOT NULL,
  week date NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  incoming bigint NOT NULL DEFAULT 0,
  outgoing bigint NOT NULL DEFAULT 0,
  initiated bigint NOT NULL DEFAULT 0,
  completed bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, week, user_id)
) WITH (fillfactor = 50);

INSERT INTO user_week (org_id, week, user_id, incoming, outgoing, initiated, completed)
SELECT org_id, date_trunc('week', day)::date, user_id, sum(incoming), sum(outgoing), sum(initiated), sum(completed)
FROM user_daily GROUP BY org_id, date_trunc('week', day)::date, user_id;
