//! The audit log as CSV: one row per entry, newest first, with the hashes so a copy kept
//! elsewhere can be checked against the chain later.

use actix_web::HttpResponse;
use chrono::SecondsFormat;

use crate::audit::rule::describe;
use crate::audit::store::Shown;
use crate::error::AppError;
use crate::export;

const HEADER: [&str; 12] = [
    "number",
    "at_utc",
    "steward_id",
    "steward_name",
    "action",
    "method",
    "route",
    "object",
    "project_id",
    "status",
    "prev_hash",
    "hash",
];

/// The download `audit-log.csv`.
pub fn csv(entries: &[Shown]) -> Result<HttpResponse, AppError> {
    let mut out = Vec::new();
    let fail = |e: ::csv::Error| AppError::Unexpected(e.into());
    export::record(&mut out, &HEADER.map(str::to_owned)).map_err(fail)?;
    let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    for s in entries {
        let f = &s.entry.fields;
        export::record(
            &mut out,
            &[
                f.id.to_string(),
                f.at.to_rfc3339_opts(SecondsFormat::Micros, true),
                opt(f.steward),
                s.name.clone().unwrap_or_default(),
                describe(&f.method, &f.route),
                f.method.clone(),
                f.route.clone(),
                f.object.clone(),
                opt(f.project),
                f.status.to_string(),
                s.entry.prev_hash.clone(),
                s.entry.hash.clone(),
            ],
        )
        .map_err(fail)?;
    }
    Ok(export::download("audit-log.csv".into(), out))
}
