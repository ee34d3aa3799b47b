-- Organisations and their API keys. Keys are stored as sha256 hex digests only.
CREATE TABLE organizations (
  id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  key_hash text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organizations(id),
  user_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('member', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Canonical records, one table per record type, keyed by (organisation, id).
CREATE TABLE users (
  org_id text NOT NULL,
  id text COLLATE "C" NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (org_id, id)
);

CREATE TABLE agents (
  org_id text NOT NULL,
  id text COLLATE "C" NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  PRIMARY KEY (org_id, id)
);

CREATE TABLE sessions (
  org_id text NOT NULL,
  id text COLLATE "C" NOT NULL,
  agent_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C",
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX sessions_by_time ON sessions (org_id, created_at);

CREATE TABLE runs (
  org_id text NOT NULL,
  id text COLLATE "C" NOT NULL,
  agent_id text COLLATE "C" NOT NULL,
  session_id text,
  user_id text COLLATE "C",
  status text NOT NULL,
  model_id text,
  model_provider text,
  tok_input bigint NOT NULL,
  tok_output bigint NOT NULL,
  tok_cached bigint NOT NULL,
  tok_cache_write bigint NOT NULL,
  tok_reasoning bigint NOT NULL,
  tok_audio_input bigint NOT NULL,
  tok_audio_output bigint NOT NULL,
  posts_generated bigint NOT NULL,
  posts_published bigint NOT NULL,
  error text,
  started_at timestamptz NOT NULL,
  completed_at timestamptz,
  PRIMARY KEY (org_id, id)
);
-- The agents module lists an agent's runs newest first, optionally by status.
CREATE INDEX runs_by_agent ON runs (org_id, agent_id, started_at DESC, id);
CREATE INDEX runs_by_agent_status ON runs (org_id, agent_id, status, started_at DESC, id);
CREATE INDEX runs_by_time ON runs (org_id, started_at);

-- Messages carry their session's agent and user (sessions are immutable once stored), so
-- scope filters need no join.
CREATE TABLE messages (
  org_id text NOT NULL,
  id text COLLATE "C" NOT NULL,
  session_id text NOT NULL,
  agent_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C",
  role text NOT NULL,
  tool_calls bigint NOT NULL,
  input_tokens bigint NOT NULL,
  output_tokens bigint NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX messages_by_time ON messages (org_id, created_at);

CREATE TABLE feedback (
  org_id text NOT NULL,
  id text COLLATE "C" NOT NULL,
  session_id text NOT NULL,
  message_id text,
  agent_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C",
  helpful boolean NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX feedback_by_time ON feedback (org_id, created_at);

CREATE TABLE kb_files (
  org_id text NOT NULL,
  id text COLLATE "C" NOT NULL,
  knowledge_base_id text NOT NULL,
  extract_input_tokens bigint NOT NULL,
  extract_output_tokens bigint NOT NULL,
  processed_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX kb_files_by_time ON kb_files (org_id, processed_at);

-- Analytics events, one row per event of docs/semantics.md, written at ingest. `run_completed`
-- marks a tasksInitiated event whose run has status completed (for completionRate).
CREATE TABLE events (
  org_id text NOT NULL,
  id text COLLATE "C" NOT NULL,
  event_type text NOT NULL,
  agent_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C",
  ts timestamptz NOT NULL,
  run_completed boolean NOT NULL DEFAULT false,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX events_by_time ON events (org_id, ts, id);
CREATE INDEX events_by_agent ON events (org_id, agent_id, ts, id);
CREATE INDEX events_by_user ON events (org_id, user_id, ts, id);

-- Rollups, maintained by ingest in the same transaction and rebuilt by POST /metrics/refresh.
-- user_id '' stands for "no user" so it can be part of the key (record ids are never empty).

-- Per organisation, UTC day, agent and user: what the dashboard and analytics modules sum.
CREATE TABLE activity_daily (
  org_id text NOT NULL,
  day date NOT NULL,
  agent_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  sessions bigint NOT NULL DEFAULT 0,
  messages bigint NOT NULL DEFAULT 0,
  tool_calls bigint NOT NULL DEFAULT 0,
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  feedback bigint NOT NULL DEFAULT 0,
  helpful bigint NOT NULL DEFAULT 0,
  incoming bigint NOT NULL DEFAULT 0,
  outgoing bigint NOT NULL DEFAULT 0,
  initiated bigint NOT NULL DEFAULT 0,
  initiated_completed bigint NOT NULL DEFAULT 0,
  completed bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, day, agent_id, user_id)
);

-- Lookups by agent or by user within a range of days.
CREATE INDEX activity_daily_by_agent ON activity_daily (org_id, agent_id, day);
CREATE INDEX activity_daily_by_user ON activity_daily (org_id, user_id, day);

-- The same counters without the user dimension, and without the agent dimension: most reads need
-- only one of the two, and these are far smaller than activity_daily.
CREATE TABLE agent_daily (
  org_id text NOT NULL,
  day date NOT NULL,
  agent_id text COLLATE "C" NOT NULL,
  sessions bigint NOT NULL DEFAULT 0,
  messages bigint NOT NULL DEFAULT 0,
  tool_calls bigint NOT NULL DEFAULT 0,
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  feedback bigint NOT NULL DEFAULT 0,
  helpful bigint NOT NULL DEFAULT 0,
  incoming bigint NOT NULL DEFAULT 0,
  outgoing bigint NOT NULL DEFAULT 0,
  initiated bigint NOT NULL DEFAULT 0,
  initiated_completed bigint NOT NULL DEFAULT 0,
  completed bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, day, agent_id)
);

CREATE TABLE user_daily (
  org_id text NOT NULL,
  day date NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  sessions bigint NOT NULL DEFAULT 0,
  messages bigint NOT NULL DEFAULT 0,
  tool_calls bigint NOT NULL DEFAULT 0,
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  feedback bigint NOT NULL DEFAULT 0,
  helpful bigint NOT NULL DEFAULT 0,
  incoming bigint NOT NULL DEFAULT 0,
  outgoing bigint NOT NULL DEFAULT 0,
  initiated bigint NOT NULL DEFAULT 0,
  initiated_completed bigint NOT NULL DEFAULT 0,
  completed bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, day, user_id)
);

-- Which days of a month a user was active, as bit masks (bit d-1 = day d): one row per
-- organisation, agent ('' = any agent), user and month. Distinct users over a range of whole days
-- then read at most a few rows per user instead of one per user and day.
CREATE TABLE user_month (
  org_id text NOT NULL,
  agent_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  month date NOT NULL,
  incoming_mask bigint NOT NULL DEFAULT 0,
  session_mask bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, agent_id, month, user_id)
);

-- Per organisation, day and knowledge base (the kb figures are organisation-wide).
CREATE TABLE kb_daily (
  org_id text NOT NULL,
  day date NOT NULL,
  knowledge_base_id text NOT NULL,
  files bigint NOT NULL DEFAULT 0,
  extract_input_tokens bigint NOT NULL DEFAULT 0,
  extract_output_tokens bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, day, knowledge_base_id)
);

-- Lifetime figures per agent (agents module).
CREATE TABLE agent_stats (
  org_id text NOT NULL,
  agent_id text COLLATE "C" NOT NULL,
  total_runs bigint NOT NULL DEFAULT 0,
  successful_runs bigint NOT NULL DEFAULT 0,
  failed_runs bigint NOT NULL DEFAULT 0,
  posts_generated bigint NOT NULL DEFAULT 0,
  posts_published bigint NOT NULL DEFAULT 0,
  finished_runs bigint NOT NULL DEFAULT 0,
  finished_duration_ms bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, agent_id)
);

-- AgentOS daily rows. users_count is kept exact with the per-day distinct-user table below.
CREATE TABLE metrics_daily (
  org_id text NOT NULL,
  day date NOT NULL,
  id text COLLATE "C" NOT NULL,
  agent_runs bigint NOT NULL DEFAULT 0,
  team_runs bigint NOT NULL DEFAULT 0,
  workflow_runs bigint NOT NULL DEFAULT 0,
  agent_sessions bigint NOT NULL DEFAULT 0,
  team_sessions bigint NOT NULL DEFAULT 0,
  workflow_sessions bigint NOT NULL DEFAULT 0,
  users_count bigint NOT NULL DEFAULT 0,
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  cached_tokens bigint NOT NULL DEFAULT 0,
  cache_write_tokens bigint NOT NULL DEFAULT 0,
  reasoning_tokens bigint NOT NULL DEFAULT 0,
  input_audio_tokens bigint NOT NULL DEFAULT 0,
  output_audio_tokens bigint NOT NULL DEFAULT 0,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (org_id, day)
);

CREATE TABLE metrics_day_users (
  org_id text NOT NULL,
  day date NOT NULL,
  user_id text NOT NULL,
  PRIMARY KEY (org_id, day, user_id)
);

CREATE TABLE metrics_day_models (
  org_id text NOT NULL,
  day date NOT NULL,
  model_provider text NOT NULL,
  model_id text NOT NULL,
  runs bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, day, model_provider, model_id)
);

-- State of the latest POST /metrics/refresh per organisation.
CREATE TABLE metrics_refresh (
  org_id text PRIMARY KEY,
  status text NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  error text
);
