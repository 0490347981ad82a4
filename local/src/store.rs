//! The state, in SQLite: a file by default (it survives a restart, SIGKILL
//! included: every change and the events it fires are one transaction), or
//! memory on request. Objects are stored as the JSON the API returns.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::Value;

/// Any SQLite failure, as text for the log (it never holds a request value).
pub type DbResult<T> = Result<T, rusqlite::Error>;

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS objects (
    kind TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, parent TEXT, name TEXT, body TEXT NOT NULL,
    PRIMARY KEY (kind, id));
CREATE INDEX IF NOT EXISTS objects_by_seq ON objects (kind, seq);
CREATE INDEX IF NOT EXISTS objects_by_parent ON objects (kind, parent);
CREATE INDEX IF NOT EXISTS objects_by_name ON objects (kind, name);
CREATE TABLE IF NOT EXISTS dedupe (key TEXT PRIMARY KEY, order_id TEXT NOT NULL, at_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT, due_ms INTEGER NOT NULL, kind TEXT NOT NULL, target TEXT NOT NULL,
    arg TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS tasks_by_due ON tasks (due_ms);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, target TEXT NOT NULL,
    created_at TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, endpoint TEXT NOT NULL, status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, next_ms INTEGER NOT NULL, last_status INTEGER, last_error TEXT,
    delivered_at TEXT);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_ms);
CREATE TABLE IF NOT EXISTS endpoints (url TEXT PRIMARY KEY);
";

/// The kinds of stored objects.
pub mod kind {
    pub const USER: &str = "user";
    pub const BUNDLE: &str = "bundle";
    pub const ORDER: &str = "order";
    pub const DOMAIN: &str = "domain";
    pub const IMPORT: &str = "import";
    pub const FORWARDING: &str = "forwarding";
    pub const SWAP: &str = "swap";
    pub const ACTION: &str = "action";
}

/// A task of the provisioning clock, due at `due_ms`.
#[derive(Clone, Debug)]
pub struct Task {
    pub id: i64,
    pub kind: String,
    pub target: String,
    pub arg: String,
}

/// A delivery of an event to one endpoint.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub seq: i64,
    pub event_id: String,
    pub endpoint: String,
    pub attempts: i64,
    pub body: String,
}

/// The open database.
pub struct Db {
    conn: Connection,
}

impl Db {
    /// Opens (creating when needed) the state at `path`, or in memory.
    pub fn open(path: Option<&Path>) -> DbResult<Db> {
        let conn = match path {
            Some(path) => Connection::open(path)?,
            None => Connection::open_in_memory()?,
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        // Deliveries in flight when the process died are sent again (at least once).
        conn.execute("UPDATE deliveries SET status = 'pending' WHERE status = 'sending'", [])?;
        Ok(Db { conn })
    }

    /// Runs `f` in one transaction: all of its changes, or none.
    pub fn write<T>(
        &mut self,
        f: impl FnOnce(&Tx<'_>) -> Result<T, crate::error::ApiErr>,
    ) -> Result<T, crate::error::ApiErr> {
        let tx = self.conn.transaction().map_err(crate::error::ApiErr::from)?;
        let out = f(&Tx { tx: &tx })?;
        tx.commit().map_err(crate::error::ApiErr::from)?;
        Ok(out)
    }

    /// Reads without a transaction of its own.
    pub fn read(&self) -> Reader<'_> {
        Reader { conn: &self.conn }
    }
}

/// Reads, on a connection or inside a transaction.
pub struct Reader<'a> {
    pub(crate) conn: &'a Connection,
}

/// A write transaction; it reads too.
pub struct Tx<'a> {
    tx: &'a Transaction<'a>,
}

impl Tx<'_> {
    pub fn read(&self) -> Reader<'_> {
        Reader { conn: self.tx }
    }

    pub fn set_meta(&self, key: &str, value: &str) -> DbResult<()> {
        self.tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", params![key, value])?;
        Ok(())
    }

    /// Inserts or replaces an object (with the object it belongs to and a
    /// name to find it by); a new one goes after every other.
    pub fn put(&self, kind: &str, id: &str, parent: Option<&str>, name: Option<&str>, body: &Value) -> DbResult<()> {
        let text = body.to_string();
        let updated = self.tx.execute(
            "UPDATE objects SET body = ?3, parent = ?4, name = ?5 WHERE kind = ?1 AND id = ?2",
            params![kind, id, text, parent, name],
        )?;
        if updated == 0 {
            self.tx.execute(
                "INSERT INTO objects (kind, id, seq, parent, name, body)
                 VALUES (?1, ?2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM objects WHERE kind = ?1), ?3, ?4, ?5)",
                params![kind, id, parent, name, text],
            )?;
        }
        Ok(())
    }

    /// Replaces the body of a stored object, keeping its parent and name.
    pub fn update(&self, kind: &str, id: &str, body: &Value) -> DbResult<()> {
        self.tx
            .execute("UPDATE objects SET body = ?3 WHERE kind = ?1 AND id = ?2", params![kind, id, body.to_string()])?;
        Ok(())
    }

    pub fn remember_order(&self, key: &str, order_id: &str, at_ms: i64) -> DbResult<()> {
        self.tx.execute(
            "INSERT OR REPLACE INTO dedupe (key, order_id, at_ms) VALUES (?1, ?2, ?3)",
            params![key, order_id, at_ms],
        )?;
        Ok(())
    }

    pub fn schedule(&self, due_ms: i64, kind: &str, target: &str, arg: &str) -> DbResult<()> {
        self.tx.execute(
            "INSERT INTO tasks (due_ms, kind, target, arg) VALUES (?1, ?2, ?3, ?4)",
            params![due_ms, kind, target, arg],
        )?;
        Ok(())
    }

    pub fn finish_task(&self, id: i64) -> DbResult<()> {
        self.tx.execute("DELETE FROM tasks WHERE id = ?1", params![id])?;
        Ok(())
    }

    /// Stores an event and queues one delivery per endpoint.
    pub fn add_event(
        &self,
        id: &str,
        kind: &str,
        target: &str,
        created_at: &str,
        body: &str,
        now: i64,
    ) -> DbResult<()> {
        self.tx.execute(
            "INSERT INTO events (id, type, target, created_at, body) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, kind, target, created_at, body],
        )?;
        self.tx.execute(
            "INSERT INTO deliveries (event_id, endpoint, status, next_ms)
             SELECT ?1, url, 'pending', ?2 FROM endpoints",
            params![id, now],
        )?;
        Ok(())
    }

    /// Queues one more delivery of a stored event (a replay), to every endpoint.
    pub fn redeliver(&self, event_id: &str, now: i64) -> DbResult<usize> {
        self.tx.execute(
            "INSERT INTO deliveries (event_id, endpoint, status, next_ms) SELECT ?1, url, 'pending', ?2 FROM endpoints",
            params![event_id, now],
        )
    }

    pub fn add_endpoint(&self, url: &str) -> DbResult<()> {
        self.tx.execute("INSERT OR IGNORE INTO endpoints (url) VALUES (?1)", params![url])?;
        Ok(())
    }

    pub fn clear_endpoints(&self) -> DbResult<()> {
        self.tx.execute("DELETE FROM endpoints", [])?;
        Ok(())
    }

    /// Claims, for each endpoint not in `busy`, up to `limit` of its
    /// deliveries due at `now`, oldest first (status `sending`).
    pub fn claim_deliveries(&self, now: i64, busy: &[String], limit: usize) -> DbResult<Vec<(String, Vec<Delivery>)>> {
        let mut statement = self
            .tx
            .prepare_cached("SELECT DISTINCT endpoint FROM deliveries WHERE status = 'pending' AND next_ms <= ?1")?;
        let endpoints =
            statement.query_map(params![now], |row| row.get::<_, String>(0))?.collect::<DbResult<Vec<_>>>()?;
        let mut claimed = Vec::new();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        for endpoint in endpoints.into_iter().filter(|e| !busy.contains(e)) {
            let mut statement = self.tx.prepare_cached(
                "SELECT d.seq, d.event_id, d.endpoint, d.attempts, e.body FROM deliveries d
                 JOIN events e ON e.id = d.event_id
                 WHERE d.status = 'pending' AND d.next_ms <= ?1 AND d.endpoint = ?2 ORDER BY d.next_ms, d.seq LIMIT ?3",
            )?;
            let rows = statement.query_map(params![now, endpoint, limit], |row| {
                Ok(Delivery {
                    seq: row.get(0)?,
                    event_id: row.get(1)?,
                    endpoint: row.get(2)?,
                    attempts: row.get(3)?,
                    body: row.get(4)?,
                })
            })?;
            let batch = rows.collect::<DbResult<Vec<_>>>()?;
            for delivery in &batch {
                self.tx.execute("UPDATE deliveries SET status = 'sending' WHERE seq = ?1", params![delivery.seq])?;
            }
            claimed.push((endpoint, batch));
        }
        Ok(claimed)
    }

    /// Records an attempt: `delivered`, `pending` again at `next_ms`, or `failed`.
    pub fn record_attempt(
        &self,
        seq: i64,
        status: &str,
        next_ms: i64,
        http_status: Option<u16>,
        error: Option<&str>,
        delivered_at: Option<&str>,
    ) -> DbResult<()> {
        self.tx.execute(
            "UPDATE deliveries SET status = ?2, attempts = attempts + 1, next_ms = ?3, last_status = ?4,
             last_error = ?5, delivered_at = ?6 WHERE seq = ?1",
            params![seq, status, next_ms, http_status, error, delivered_at],
        )?;
        Ok(())
    }
}

impl Reader<'_> {
    pub fn meta(&self, key: &str) -> DbResult<Option<String>> {
        self.conn.query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| r.get(0)).optional()
    }

    pub fn get(&self, kind: &str, id: &str) -> DbResult<Option<Value>> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT body FROM objects WHERE kind = ?1 AND id = ?2", params![kind, id], |r| r.get(0))
            .optional()?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// The objects of a kind that belong to `parent`, oldest first.
    pub fn children(&self, kind: &str, parent: &str) -> DbResult<Vec<Value>> {
        self.values("SELECT body FROM objects WHERE kind = ?1 AND parent = ?2 ORDER BY seq", params![kind, parent])
    }

    /// The objects of a kind stored under `name`, oldest first.
    pub fn named(&self, kind: &str, name: &str) -> DbResult<Vec<Value>> {
        self.values("SELECT body FROM objects WHERE kind = ?1 AND name = ?2 ORDER BY seq", params![kind, name])
    }

    fn values(&self, sql: &str, params: impl rusqlite::Params) -> DbResult<Vec<Value>> {
        let mut statement = self.conn.prepare_cached(sql)?;
        let rows = statement.query_map(params, |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            if let Ok(value) = serde_json::from_str(&row?) {
                out.push(value);
            }
        }
        Ok(out)
    }

    /// Every object of a kind, newest first, with its position.
    pub fn all(&self, kind: &str) -> DbResult<Vec<(i64, Value)>> {
        let mut statement =
            self.conn.prepare_cached("SELECT seq, body FROM objects WHERE kind = ?1 ORDER BY seq DESC")?;
        let rows = statement.query_map(params![kind], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, text) = row?;
            if let Ok(value) = serde_json::from_str(&text) {
                out.push((seq, value));
            }
        }
        Ok(out)
    }

    /// The order a body was placed as, and when, if it was.
    pub fn remembered_order(&self, key: &str) -> DbResult<Option<(String, i64)>> {
        self.conn
            .query_row("SELECT order_id, at_ms FROM dedupe WHERE key = ?1", params![key], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
    }

    /// Tasks due at `now`, earliest first.
    pub fn due_tasks(&self, now: i64, limit: usize) -> DbResult<Vec<Task>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, kind, target, arg FROM tasks WHERE due_ms <= ?1 ORDER BY due_ms, id LIMIT ?2",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = statement.query_map(params![now, limit], |r| {
            Ok(Task { id: r.get(0)?, kind: r.get(1)?, target: r.get(2)?, arg: r.get(3)? })
        })?;
        rows.collect()
    }

    /// When the next task and the next pending delivery are due.
    pub fn next_due(&self) -> DbResult<(Option<i64>, Option<i64>)> {
        let task = self.conn.query_row("SELECT MIN(due_ms) FROM tasks", [], |r| r.get(0))?;
        let delivery =
            self.conn.query_row("SELECT MIN(next_ms) FROM deliveries WHERE status = 'pending'", [], |r| r.get(0))?;
        Ok((task, delivery))
    }

    pub fn endpoints(&self) -> DbResult<Vec<String>> {
        let mut statement = self.conn.prepare("SELECT url FROM endpoints ORDER BY url")?;
        let rows = statement.query_map([], |r| r.get(0))?;
        rows.collect()
    }

    /// A stored event: `(type, target, body)`.
    pub fn event(&self, id: &str) -> DbResult<Option<(String, String, String)>> {
        self.conn
            .query_row("SELECT type, target, body FROM events WHERE id = ?1", params![id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()
    }
}
