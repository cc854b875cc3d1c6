//! Appending to the audit log and reading it. Appends are serialised so two at once cannot both
//! follow the same entry: on SQLite the write transaction (IMMEDIATE) holds the one write lock
//! from its start; on PostgreSQL a transaction-level advisory lock is taken before the last
//! entry is read. There is no update and no delete here, nor anywhere else in Chorus.

use chrono::Utc;
use entity::{audit_entry, experiment, project, survey};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Select, Set, Statement, TransactionSession, TransactionTrait,
};

use crate::audit::filter::Filter;
use crate::audit::model::{Entry, Fields, GENESIS, chain_hash, log_time};
use crate::audit::rule::param;
use crate::db;
use crate::paging::Paging;

/// Any number, the same everywhere: the advisory lock appends take on PostgreSQL.
const APPEND_LOCK: i64 = 0x0000_C40A_0D17;

/// What the appender is told; the number, time and hashes it works out itself.
#[derive(Clone, Debug)]
pub struct NewEntry {
    /// Who acted.
    pub steward: Option<i64>,
    /// The method.
    pub method: String,
    /// The route pattern.
    pub route: String,
    /// The route's id parameters.
    pub object: String,
    /// The answer's status code.
    pub status: i32,
}

/// An entry with the name of who acted, for people to read.
#[derive(Clone, Debug)]
pub struct Shown {
    /// The entry.
    pub entry: Entry,
    /// The steward's name, if they still have an account.
    pub name: Option<String>,
}

fn entry(r: audit_entry::Model) -> Entry {
    Entry {
        fields: Fields {
            id: r.id,
            at: r.at,
            steward: r.steward_id,
            method: r.method,
            route: r.route,
            object: r.object,
            project: r.project_id,
            status: r.status,
        },
        prev_hash: r.prev_hash,
        hash: r.hash,
    }
}

/// The project an object belongs to: the `{id}` of a `/projects/{id}` route, or the project of
/// the survey or experiment a `/surveys/{id}` or `/experiments/{id}` route names.
pub async fn project_of<C: ConnectionTrait>(
    db: &C,
    route: &str,
    object: &str,
) -> Result<Option<i64>, DbErr> {
    let route = route.strip_prefix("/api/v1").unwrap_or(route);
    let Some(id) = param(object, "id") else {
        return Ok(None);
    };
    if route.starts_with("/projects/{id}") {
        Ok(Some(id))
    } else if route.starts_with("/surveys/{id}") {
        Ok(survey::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|s| s.project_id))
    } else if route.starts_with("/experiments/{id}") {
        Ok(experiment::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|e| e.project_id))
    } else {
        Ok(None)
    }
}

/// Appends one entry after the newest, in its own write transaction.
pub async fn append<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    new: NewEntry,
) -> Result<Entry, DbErr> {
    let project = project_of(db, &new.route, &new.object).await?;
    let tx = db::begin_write(db).await?;
    if tx.get_database_backend() == DatabaseBackend::Postgres {
        tx.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [APPEND_LOCK.into()],
        ))
        .await?;
    }
    let last = audit_entry::Entity::find()
        .order_by_desc(audit_entry::Column::Id)
        .one(&tx)
        .await?;
    let (id, prev_hash) = match last {
        Some(l) => (l.id + 1, l.hash),
        None => (1, GENESIS.to_owned()),
    };
    let fields = Fields {
        id,
        at: log_time(Utc::now()),
        steward: new.steward,
        method: new.method,
        route: new.route,
        object: new.object,
        project,
        status: new.status,
    };
    let hash = chain_hash(&prev_hash, &fields);
    audit_entry::Entity::insert(audit_entry::ActiveModel {
        id: Set(fields.id),
        at: Set(fields.at),
        steward_id: Set(fields.steward),
        method: Set(fields.method.clone()),
        route: Set(fields.route.clone()),
        object: Set(fields.object.clone()),
        project_id: Set(fields.project),
        status: Set(fields.status),
        prev_hash: Set(prev_hash.clone()),
        hash: Set(hash.clone()),
    })
    .exec_without_returning(&tx)
    .await?;
    tx.commit().await?;
    Ok(Entry {
        fields,
        prev_hash,
        hash,
    })
}

fn filtered(f: &Filter) -> Select<audit_entry::Entity> {
    let mut q = audit_entry::Entity::find();
    if let Some(who) = f.who {
        q = q.filter(audit_entry::Column::StewardId.eq(who));
    }
    if let Some(action) = &f.action {
        q = q.filter(audit_entry::Column::Route.eq(action.as_str()));
    }
    if let Some(p) = f.project {
        q = q.filter(audit_entry::Column::ProjectId.eq(p));
    }
    if let Some(from) = f.from {
        q = q.filter(audit_entry::Column::At.gte(from));
    }
    if let Some(before) = f.before {
        q = q.filter(audit_entry::Column::At.lt(before));
    }
    q
}

async fn named<C: ConnectionTrait>(
    db: &C,
    rows: Vec<audit_entry::Model>,
) -> Result<Vec<Shown>, DbErr> {
    // Every steward (a short list), rather than a query per page of ids.
    let names: std::collections::HashMap<i64, String> = crate::accounts::store::list(db)
        .await?
        .into_iter()
        .map(|s| (s.id.0, s.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| Shown {
            name: r.steward_id.and_then(|s| names.get(&s).cloned()),
            entry: entry(r),
        })
        .collect())
}

/// How many entries the filter lets through.
pub async fn count<C: ConnectionTrait>(db: &C, f: &Filter) -> Result<u64, DbErr> {
    filtered(f).count(db).await
}

/// One page of the entries the filter lets through, newest first, and how many there are.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    f: &Filter,
    paging: Paging,
) -> Result<(Vec<Shown>, u64), DbErr> {
    let total = count(db, f).await?;
    let rows = filtered(f)
        .order_by_desc(audit_entry::Column::Id)
        .offset(paging.offset())
        .limit(paging.per_page())
        .all(db)
        .await?;
    Ok((named(db, rows).await?, total))
}

/// Every entry the filter lets through, newest first (for the CSV).
pub async fn all<C: ConnectionTrait>(db: &C, f: &Filter) -> Result<Vec<Shown>, DbErr> {
    let rows = filtered(f)
        .order_by_desc(audit_entry::Column::Id)
        .all(db)
        .await?;
    named(db, rows).await
}

/// Up to `n` entries after number `after`, oldest first: the chain, a batch at a time.
pub async fn after<C: ConnectionTrait>(db: &C, after: i64, n: u64) -> Result<Vec<Entry>, DbErr> {
    Ok(audit_entry::Entity::find()
        .filter(audit_entry::Column::Id.gt(after))
        .order_by_asc(audit_entry::Column::Id)
        .limit(n)
        .all(db)
        .await?
        .into_iter()
        .map(entry)
        .collect())
}

/// The choices for the filters: every steward and every project by name, and every route the
/// log holds.
pub async fn choices<C: ConnectionTrait>(
    db: &C,
) -> Result<(Vec<(i64, String)>, Vec<(i64, String)>, Vec<String>), DbErr> {
    let people = crate::accounts::store::list(db)
        .await?
        .into_iter()
        .map(|s| (s.id.0, s.name))
        .collect();
    let projects = project::Entity::find()
        .order_by_asc(project::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let routes = audit_entry::Entity::find()
        .select_only()
        .column(audit_entry::Column::Route)
        .distinct()
        .order_by_asc(audit_entry::Column::Route)
        .into_tuple::<String>()
        .all(db)
        .await?;
    Ok((people, projects, routes))
}
