//! The background coding job: one worker task per application. Requests are debounced and
//! merged per project, and projects are handled one at a time, so a project never has two
//! runs at once. A run applies the codebooks to every text answer and, when steward decisions
//! or themes changed, retrains the learned coder (on a blocking thread) and replaces its
//! pending suggestions.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::DatabaseConnection;
use tokio::sync::mpsc;

use crate::projects::ProjectId;
use crate::themes::coding::store::{self as cs, Coding};
use crate::themes::engine::Coder;
use crate::themes::model::{
    AnswerId, CodingFact, ThemeId, ThemeStatus, applied_themes, steward_reviewed,
};
use crate::themes::{auto, auto_store, store};

/// How long requests are gathered before a run starts.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// Least time between two runs started by new answers arriving for one project, so a burst of
/// submissions costs one run rather than one each.
pub const NEW_ANSWERS_GAP: Duration = Duration::from_secs(3);
/// Threads for matching, training and prediction (the machine is shared with the web server).
const THREADS: usize = 2;

#[derive(Default)]
struct Shared {
    /// Projects with a requested or running job, with a count of requests so a run only
    /// clears the flag when no request arrived while it ran.
    pending: HashMap<i64, u64>,
    /// Highest answer id each project's codebooks were applied to.
    watermark: HashMap<i64, i64>,
    /// The last trained coder per project, with the theme ids it knows.
    coders: HashMap<i64, Arc<Coder>>,
    /// When each project's last run started.
    last_run: HashMap<i64, Instant>,
    /// Projects with a run already scheduled for newly arrived answers.
    scheduled: HashSet<i64>,
}

/// Handle for requesting coding runs; cheap to clone.
#[derive(Clone)]
pub struct ThemeJobs {
    tx: mpsc::UnboundedSender<(i64, bool)>,
    shared: Arc<Mutex<Shared>>,
}

impl ThemeJobs {
    /// Starts the worker on the current tokio runtime.
    pub fn start(db: DatabaseConnection) -> ThemeJobs {
        let (tx, rx) = mpsc::unbounded_channel();
        let shared = Arc::new(Mutex::new(Shared::default()));
        tokio::spawn(worker(db, rx, shared.clone()));
        ThemeJobs { tx, shared }
    }

    /// Asks for a run for `project`; `retrain` when steward decisions or themes changed.
    pub fn request(&self, project: ProjectId, retrain: bool) {
        if let Ok(mut s) = self.shared.lock() {
            *s.pending.entry(project.0).or_insert(0) += 1;
        }
        let _ = self.tx.send((project.0, retrain));
    }

    /// Whether a run for `project` is waiting or running.
    pub fn pending(&self, project: ProjectId) -> bool {
        self.shared
            .lock()
            .map(|s| s.pending.contains_key(&project.0))
            .unwrap_or(false)
    }

    /// Requests a run because new answers were stored (the response writer calls this after its
    /// commit): at once when the project's last run is older than [`NEW_ANSWERS_GAP`], otherwise
    /// once that gap has passed; further calls meanwhile join the scheduled run.
    pub fn answers_arrived(&self, project: ProjectId) {
        let wait = {
            let Ok(mut s) = self.shared.lock() else {
                return;
            };
            if !s.scheduled.insert(project.0) {
                return;
            }
            s.last_run.get(&project.0).map_or(Duration::ZERO, |at| {
                NEW_ANSWERS_GAP.saturating_sub(at.elapsed())
            })
        };
        let jobs = self.clone();
        tokio::spawn(async move {
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            if let Ok(mut s) = jobs.shared.lock() {
                s.scheduled.remove(&project.0);
            }
            jobs.request(project, false);
        });
    }

    /// Requests a run when answers newer than the last run exist (`newest` answer id).
    pub fn notice_answers(&self, project: ProjectId, newest: Option<i64>) {
        let Some(newest) = newest else { return };
        let seen = self
            .shared
            .lock()
            .map(|s| s.watermark.get(&project.0).copied())
            .unwrap_or(None);
        if !self.pending(project) && seen.is_none_or(|s| newest > s) {
            self.request(project, false);
        }
    }
}

async fn worker(
    db: DatabaseConnection,
    mut rx: mpsc::UnboundedReceiver<(i64, bool)>,
    shared: Arc<Mutex<Shared>>,
) {
    while let Some(first) = rx.recv().await {
        tokio::time::sleep(DEBOUNCE).await;
        let mut jobs: BTreeMap<i64, bool> = BTreeMap::new();
        jobs.insert(first.0, first.1);
        while let Ok((p, r)) = rx.try_recv() {
            *jobs.entry(p).or_insert(false) |= r;
        }
        for (project, retrain) in jobs {
            let seen = shared.lock().ok().and_then(|mut s| {
                s.last_run.insert(project, Instant::now());
                s.pending.get(&project).copied()
            });
            if let Err(e) = run(&db, ProjectId(project), retrain, &shared).await {
                tracing::error!(project, "theme coding run failed: {e:#}");
            }
            if let Ok(mut s) = shared.lock()
                && s.pending.get(&project).copied() == seen
            {
                s.pending.remove(&project);
            }
        }
    }
}

fn facts(codings: &[Coding]) -> HashMap<AnswerId, Vec<CodingFact>> {
    let mut map: HashMap<AnswerId, Vec<CodingFact>> = HashMap::new();
    for c in codings {
        map.entry(c.answer).or_default().push(c.fact());
    }
    map
}

/// One run for one project.
async fn run(
    db: &DatabaseConnection,
    project: ProjectId,
    retrain: bool,
    shared: &Mutex<Shared>,
) -> anyhow::Result<()> {
    let themes = store::list(db, project).await?;
    if themes.is_empty() {
        // Nothing to code with and nothing to learn.
        return Ok(());
    }
    let active: BTreeSet<i64> = themes
        .iter()
        .filter(|t| t.status == ThemeStatus::Active)
        .map(|t| t.id.0)
        .collect();
    let questions = cs::text_questions(db, project).await?;
    let answers = Arc::new(cs::text_answers(db, &questions, None).await?);
    let newest = answers.iter().map(|a| a.id.0).max().unwrap_or(0);
    // Keyword coding.
    let book = auto::codebook(&themes);
    let list = answers.clone();
    let codes = tokio::task::spawn_blocking(move || {
        let pairs: Vec<(i64, &str)> = list.iter().map(|a| (a.id.0, a.text.as_str())).collect();
        auto::keyword_codes(&book, &pairs, THREADS)
    })
    .await?;
    let wanted: BTreeSet<(AnswerId, ThemeId)> = codes
        .into_iter()
        .map(|(a, t)| (AnswerId(a), ThemeId(t)))
        .collect();
    let txn = crate::db::begin_write(db).await?;
    let existing = cs::codings(&txn, project, None).await?;
    auto_store::sync_keyword(&txn, &existing, &wanted).await?;
    txn.commit().await?;
    if let Ok(mut s) = shared.lock() {
        s.watermark.insert(project.0, newest);
    }
    // Learned coding.
    let existing = cs::codings(db, project, None).await?;
    let by_answer = facts(&existing);
    let cached = shared
        .lock()
        .ok()
        .and_then(|s| s.coders.get(&project.0).cloned());
    let coder = match (retrain, cached) {
        (false, Some(c)) => Some(c),
        _ => {
            let examples: Vec<(String, Vec<i64>)> = answers
                .iter()
                .filter_map(|a| {
                    let f = by_answer.get(&a.id)?;
                    steward_reviewed(f).then(|| {
                        let labels = applied_themes(f)
                            .into_iter()
                            .map(|t| t.0)
                            .filter(|t| active.contains(t))
                            .collect();
                        (a.text.clone(), labels)
                    })
                })
                .collect();
            let n = examples.len();
            let trained =
                tokio::task::spawn_blocking(move || auto::train(&examples, THREADS)).await?;
            match trained {
                Some(c) => {
                    let json = serde_json::to_string(&c)?;
                    auto_store::save_model(db, project, n, json).await?;
                    let c = Arc::new(c);
                    if let Ok(mut s) = shared.lock() {
                        s.coders.insert(project.0, c.clone());
                    }
                    Some(c)
                }
                None => None,
            }
        }
    };
    let proposals: Vec<auto_store::Proposal> = match coder {
        Some(coder) => {
            let todo: Vec<(i64, String)> = answers
                .iter()
                .filter(|a| !by_answer.get(&a.id).is_some_and(|f| steward_reviewed(f)))
                .map(|a| (a.id.0, a.text.clone()))
                .collect();
            let applied: BTreeSet<(i64, i64)> = by_answer
                .iter()
                .flat_map(|(a, f)| applied_themes(f).into_iter().map(move |t| (a.0, t.0)))
                .collect();
            let raw = tokio::task::spawn_blocking(move || {
                let pairs: Vec<(i64, &str)> = todo.iter().map(|(i, t)| (*i, t.as_str())).collect();
                auto::learned_proposals(&coder, &pairs, THREADS)
            })
            .await?;
            raw.into_iter()
                .filter(|(a, t, _, _)| active.contains(t) && !applied.contains(&(*a, *t)))
                .map(|(a, t, p, u)| (AnswerId(a), ThemeId(t), p, u))
                .collect()
        }
        None => Vec::new(),
    };
    let txn = crate::db::begin_write(db).await?;
    let existing = cs::codings(&txn, project, None).await?;
    auto_store::replace_learned(&txn, project, &existing, &proposals).await?;
    txn.commit().await?;
    Ok(())
}
