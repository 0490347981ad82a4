//! The event and delivery log of `/_local/events` and `/_local/stats`.

use rusqlite::params;
use serde_json::Value;

use crate::store::{DbResult, Reader};

impl Reader<'_> {
    /// Events, oldest first, with the deliveries of each, as the log endpoint shows them.
    pub fn event_log(&self, event_type: Option<&str>, target: Option<&str>) -> DbResult<Vec<Value>> {
        let mut statement = self.conn.prepare(
            "SELECT id, type, target, created_at, body FROM events
             WHERE (?1 IS NULL OR type = ?1) AND (?2 IS NULL OR target = ?2) ORDER BY seq",
        )?;
        let rows = statement.query_map(params![event_type, target], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, kind, target, created_at) = row?;
            let deliveries = self.deliveries_of(&id)?;
            out.push(serde_json::json!({"id": id, "type": kind, "target": target, "created_at": created_at,
                                        "deliveries": deliveries}));
        }
        Ok(out)
    }

    fn deliveries_of(&self, event_id: &str) -> DbResult<Vec<Value>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT seq, endpoint, status, attempts, last_status, last_error, delivered_at FROM deliveries
             WHERE event_id = ?1 ORDER BY seq",
        )?;
        let rows = statement.query_map(params![event_id], |r| {
            Ok(serde_json::json!({
                "id": r.get::<_, i64>(0)?, "endpoint": r.get::<_, String>(1)?, "status": r.get::<_, String>(2)?,
                "attempts": r.get::<_, i64>(3)?, "last_status": r.get::<_, Option<i64>>(4)?,
                "last_error": r.get::<_, Option<String>>(5)?, "delivered_at": r.get::<_, Option<String>>(6)?,
            }))
        })?;
        rows.collect()
    }

    /// Counts of deliveries by status.
    pub fn delivery_counts(&self) -> DbResult<Value> {
        let mut statement = self.conn.prepare("SELECT status, COUNT(*) FROM deliveries GROUP BY status")?;
        let rows = statement.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut out = serde_json::Map::new();
        for row in rows {
            let (status, count) = row?;
            out.insert(status, count.into());
        }
        Ok(Value::Object(out))
    }
}
