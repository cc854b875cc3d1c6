//! Writing the demo into the database in one transaction: the project, its surveys, and
//! responses spread over the last eight weeks.

use chrono::{Duration, Utc};
use entity::{answer, project, response};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

use crate::accounts::{self, Role};
use crate::demo::content::{self, Seeded};
use crate::projects::{self, MemberRole, ProjectId};
use crate::responses::Receipt;
use crate::responses::tally::{self, Tallies};
use crate::surveys::question::Question;
use crate::surveys::{self, AnswerValue, QuestionKind, Status, Survey};

/// What `chorus demo` did.
#[derive(Debug, PartialEq, Eq)]
pub enum DemoOutcome {
    /// The demo project was already there; nothing changed.
    AlreadyLoaded(ProjectId),
    /// Loaded now.
    Loaded {
        project: ProjectId,
        surveys: Vec<Survey>,
        responses: usize,
    },
}

/// Loads the demo unless it is already there.
pub async fn load(db: &DatabaseConnection) -> anyhow::Result<DemoOutcome> {
    if let Some(existing) = project::Entity::find()
        .filter(project::Column::Title.eq(content::PROJECT_TITLE))
        .one(db)
        .await?
    {
        return Ok(DemoOutcome::AlreadyLoaded(ProjectId(existing.id)));
    }
    let txn = crate::db::begin_write(db).await?;
    let people = accounts::store::list(&txn).await?;
    let creator = people
        .iter()
        .find(|p| p.role == Role::Admin)
        .or(people.first());
    let project_id = match creator {
        Some(c) => projects::store::create(&txn, &content::project(), c.id).await?,
        None => create_without_members(&txn).await?,
    };
    crate::help::store::save(&txn, project_id, content::help_contact().as_ref()).await?;
    for person in &people {
        let role = match person.role {
            Role::Admin | Role::Steward => MemberRole::Steward,
            Role::Practitioner => MemberRole::Practitioner,
        };
        projects::store::set_member(&txn, project_id, person.id, role).await?;
    }
    let mut rng = Seeded::new(20261128);
    let mut made: Vec<Survey> = Vec::new();
    let mut questions_of = Vec::new();
    let mut total = 0;
    for (new, count) in [
        (content::childrens_questionnaire(), 320),
        (content::feedback_form(), 180),
    ] {
        let survey = surveys::store::create(&txn, project_id, &new).await?;
        surveys::store::set_status(&txn, survey.id, Status::Open).await?;
        let questions = surveys::store::questions(&txn, survey.id, false).await?;
        total += insert_responses(&txn, &survey, &questions, count, &mut rng).await?;
        questions_of.push(questions);
        made.push(survey);
    }
    if let ([questionnaire, feedback], Some(questions)) = (made.as_slice(), questions_of.first()) {
        let by = creator.map(|c| c.id);
        crate::demo::learning::load(&txn, project_id, by, questionnaire, questions, feedback)
            .await?;
    }
    txn.commit().await?;
    Ok(DemoOutcome::Loaded {
        project: project_id,
        surveys: made,
        responses: total,
    })
}

async fn create_without_members<C: ConnectionTrait>(db: &C) -> anyhow::Result<ProjectId> {
    let p = content::project();
    let row = project::ActiveModel {
        title: Set(p.title),
        outcome: Set(p.outcome),
        scale: Set(p.scale.as_str().to_owned()),
        description: Set(p.description),
        safeguarding_lead: Set(p.safeguarding_lead),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    let id = project::Entity::insert(row).exec(db).await?.last_insert_id;
    Ok(ProjectId(id))
}

fn answer_for(q: &Question, rng: &mut Seeded, mood: i32, feedback: bool) -> Option<AnswerValue> {
    let def = &q.def;
    if !def.required && rng.chance(35) {
        return None;
    }
    Some(match def.kind {
        QuestionKind::Faces | QuestionKind::Scale => AnswerValue::Number(rng.leaning(mood)),
        QuestionKind::Rating => AnswerValue::Number((rng.leaning(mood) * 2).min(10)),
        QuestionKind::YesNo => AnswerValue::Text(
            if rng.chance(if mood >= 3 { 80 } else { 40 }) {
                "yes"
            } else {
                "no"
            }
            .into(),
        ),
        QuestionKind::SingleChoice => {
            if def.allow_other && rng.chance(5) {
                AnswerValue::Other("My nan".into())
            } else {
                AnswerValue::Choice(rng.pick(&def.options).clone())
            }
        }
        QuestionKind::MultipleChoice => {
            let chosen: Vec<String> = def
                .options
                .iter()
                .filter(|_| rng.chance(40))
                .cloned()
                .collect();
            if chosen.is_empty() {
                AnswerValue::Choices(vec![rng.pick(&def.options).clone()])
            } else {
                AnswerValue::Choices(chosen)
            }
        }
        QuestionKind::ShortText => AnswerValue::Text((*rng.pick(content::ONE_WORDS)).into()),
        QuestionKind::LongText => {
            let pool = if feedback {
                content::PRACTITIONER_TEXTS
            } else {
                content::CHILD_TEXTS
            };
            AnswerValue::Text((*rng.pick(pool)).into())
        }
    })
}

async fn insert_responses<C: ConnectionTrait>(
    db: &C,
    survey: &Survey,
    questions: &[Question],
    count: usize,
    rng: &mut Seeded,
) -> anyhow::Result<usize> {
    let feedback = survey.kind == surveys::SurveyKind::Feedback;
    let now = Utc::now();
    let mut tallies = Tallies::default();
    for _ in 0..count {
        let minutes = i64::try_from(rng.below(8 * 7 * 24 * 60)).unwrap_or(0);
        // Children's answers grow happier in the last four weeks, when the demo's adopted
        // experiment (a quiet room) ran.
        let recent = !feedback && minutes < 4 * 7 * 24 * 60;
        let mood = 2 + i32::try_from(rng.below(3)).unwrap_or(1) + i32::from(recent);
        let mode = *rng.pick(&["self", "self", "self", "assisted", "paper"]);
        let channel = *rng.pick(&["link", "link", "qr", "qr", "email", "kiosk"]);
        let context = if feedback {
            Some(rng.pick(&survey.context_options).clone())
        } else {
            None
        };
        let row = response::ActiveModel {
            survey_id: Set(survey.id.0),
            submission_id: Set(uuid::Uuid::new_v4().to_string()),
            receipt: Set(Receipt::generate().as_str().to_owned()),
            submitted_at: Set(now - Duration::minutes(minutes)),
            mode: Set(mode.into()),
            channel: Set(channel.into()),
            context: Set(context),
            steward_id: Set(None),
            ..Default::default()
        };
        let at = now - Duration::minutes(minutes);
        let response_id = response::Entity::insert(row).exec(db).await?.last_insert_id;
        let answers: Vec<answer::ActiveModel> = questions
            .iter()
            .filter_map(|q| answer_for(q, rng, mood, feedback).map(|a| (q, a)))
            .map(|(q, a)| {
                let (number, text, choices) = a.to_columns();
                tallies.count(
                    q.def.kind,
                    (q.id.0, at.date_naive(), channel),
                    (number, text.as_deref(), choices.as_deref()),
                );
                answer::ActiveModel {
                    response_id: Set(response_id),
                    question_id: Set(q.id.0),
                    number: Set(number),
                    text: Set(text),
                    choices: Set(choices),
                    ..Default::default()
                }
            })
            .collect();
        if !answers.is_empty() {
            answer::Entity::insert_many(answers).exec(db).await?;
        }
    }
    tally::add(db, &tallies).await?;
    Ok(count)
}
