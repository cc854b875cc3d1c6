//! A short-lived, per-instance cache of surveys and their questions by public slug, for the
//! public submission path: a burst of submissions to one survey reads it once, not once each.
//!
//! Entries live for a second or so. That bounds how long a steward's edit made through another
//! instance goes unseen here; closing is exact regardless, because the response writer checks
//! inside its own transaction that each survey is still taking answers.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use sea_orm::ConnectionTrait;

use crate::surveys::{Question, Slug, Survey, store};

/// How long an entry is trusted.
pub const DEFAULT_TTL: Duration = Duration::from_millis(1000);
/// Most slugs kept; beyond that the cache is emptied (cheap, and bounds memory).
const MAX_ENTRIES: usize = 4096;

/// A survey with its current (not archived) questions, in order.
#[derive(Debug)]
pub struct SurveyWithQuestions {
    /// The survey.
    pub survey: Survey,
    /// Its questions in order, archived ones left out.
    pub questions: Vec<Question>,
}

struct Entry {
    loaded: Instant,
    value: Arc<SurveyWithQuestions>,
}

/// The cache; cheap to share behind an `Arc`.
pub struct SurveyCache {
    ttl: Duration,
    entries: RwLock<HashMap<String, Entry>>,
}

impl Default for SurveyCache {
    fn default() -> Self {
        SurveyCache::new(DEFAULT_TTL)
    }
}

impl SurveyCache {
    /// A cache whose entries are trusted for `ttl`.
    pub fn new(ttl: Duration) -> SurveyCache {
        SurveyCache {
            ttl,
            entries: RwLock::new(HashMap::new()),
        }
    }

    fn fresh(&self, slug: &str) -> Option<Arc<SurveyWithQuestions>> {
        let entries = self.entries.read().ok()?;
        entries
            .get(slug)
            .filter(|e| e.loaded.elapsed() < self.ttl)
            .map(|e| e.value.clone())
    }

    /// The survey with this slug and its questions, from the cache when fresh, otherwise read
    /// (two statements) and kept. `None` when no survey has this slug (not cached, so a survey
    /// created meanwhile is found at once).
    pub async fn get<C: ConnectionTrait>(
        &self,
        db: &C,
        slug: &Slug,
    ) -> Result<Option<Arc<SurveyWithQuestions>>, sea_orm::DbErr> {
        if let Some(hit) = self.fresh(slug.as_str()) {
            return Ok(Some(hit));
        }
        let Some(survey) = store::find_by_slug(db, slug).await? else {
            return Ok(None);
        };
        let questions = store::questions(db, survey.id, false).await?;
        let value = Arc::new(SurveyWithQuestions { survey, questions });
        if let Ok(mut entries) = self.entries.write() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(
                slug.to_string(),
                Entry {
                    loaded: Instant::now(),
                    value: value.clone(),
                },
            );
        }
        Ok(Some(value))
    }

    /// Drops a slug's entry, after a change made through this instance.
    pub fn forget(&self, slug: &str) {
        if let Ok(mut entries) = self.entries.write() {
            entries.remove(slug);
        }
    }
}
