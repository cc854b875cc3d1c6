//! The demo's themes, made from what the children wrote, and their keyword codings.

use std::collections::BTreeSet;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};

use crate::accounts::StewardId;
use crate::projects::ProjectId;
use crate::themes::coding::store as cs;
use crate::themes::model::{AnswerId, NewTheme, ThemeId};
use crate::themes::{auto, auto_store};

const THEMES: [(&str, &str, &[&str]); 3] = [
    (
        "Somewhere quiet",
        "Children want a calm space, for homework or to be alone.",
        &["quiet", "noisy", "homework"],
    ),
    (
        "Waiting and getting here",
        "Waiting a long time, and travel to the hub.",
        &["wait", "bus", "ages"],
    ),
    (
        "Older children",
        "Things for teenagers and older children.",
        &["older kids", "teenagers"],
    ),
];

/// Makes the themes (with their "created" history when a steward exists) and codes the
/// project's written answers with their codebooks.
pub async fn load<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    by: Option<StewardId>,
) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for (name, description, book) in THEMES {
        let new = NewTheme {
            name: name.into(),
            description: description.into(),
            codebook: book.iter().map(|s| (*s).to_owned()).collect(),
        };
        let id = match by {
            Some(by) => crate::themes::store::create(db, project, &new, by).await?.0,
            None => {
                let now = Utc::now();
                entity::theme::ActiveModel {
                    project_id: Set(project.0),
                    name: Set(new.name.clone()),
                    description: Set(new.description.clone()),
                    codebook: Set(serde_json::json!(new.codebook).to_string()),
                    status: Set("active".into()),
                    merged_into: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?
                .id
            }
        };
        ids.push(id);
    }
    let themes = crate::themes::store::list(db, project).await?;
    let questions = cs::text_questions(db, project).await?;
    let answers = cs::text_answers(db, &questions, None).await?;
    let pairs: Vec<(i64, &str)> = answers.iter().map(|a| (a.id.0, a.text.as_str())).collect();
    let wanted: BTreeSet<(AnswerId, ThemeId)> =
        auto::keyword_codes(&auto::codebook(&themes), &pairs, 1)
            .into_iter()
            .map(|(a, t)| (AnswerId(a), ThemeId(t)))
            .collect();
    auto_store::sync_keyword(db, &[], &wanted).await?;
    Ok(ids)
}
