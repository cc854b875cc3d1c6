//! The demo's learning half: three themes coded from the children's answers, and two
//! experiments — "A quiet room for homework", adopted after a before/after test whose results
//! show a real difference (the demo's answers grow happier in the last four weeks), and
//! "Tuesday evening drop-in", being tested now, with a feedback form attached and reflections.

use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;

use crate::accounts::StewardId;
use crate::disclosure::MinGroup;
use crate::experiments::model::{Codesign, Move, NewExperiment, Status};
use crate::experiments::plan::{Better, Design, Measure, Period, Plan, Source};
use crate::experiments::reflection::{NewReflection, Role};
use crate::experiments::{actions, reflection_store, store};
use crate::projects::{ProjectId, Scale};
use crate::surveys::question::Question;
use crate::surveys::{Audience, Survey};

fn day(days_ago: i64) -> chrono::NaiveDate {
    (Utc::now() - Duration::days(days_ago)).date_naive()
}

fn experiment(
    title: &str,
    themes: Vec<i64>,
    parts: [&str; 6],
    start: i64,
    end: i64,
) -> NewExperiment {
    let [if_we, then_we, because, change, place, limits] = parts;
    NewExperiment {
        title: title.into(),
        problem: String::new(),
        themes,
        if_we: if_we.into(),
        then_we: then_we.into(),
        because: because.into(),
        change: change.into(),
        codesigners: vec![Audience::Children, Audience::Practitioners],
        codesign: Codesign {
            children: 7,
            families: 0,
            practitioners: 3,
        },
        scale: Scale::Team,
        place: place.into(),
        limits: limits.into(),
        owners: "Hub team leader".into(),
        planned_start: day(start),
        planned_end: day(end),
    }
}

/// Loads the themes and the two experiments (inside the demo's transaction).
pub async fn load<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    by: Option<StewardId>,
    questionnaire: &Survey,
    questions: &[Question],
    feedback: &Survey,
) -> anyhow::Result<()> {
    let theme_ids = crate::demo::themes::load(db, project, by).await?;
    let min = MinGroup::default();
    let who = by.map(|b| b.0);
    let feeling = questions
        .iter()
        .find(|q| q.def.key.as_str() == "feeling")
        .map(|q| q.id.0);
    let listened = questions
        .iter()
        .find(|q| q.def.key.as_str() == "listened_to")
        .map(|q| q.id.0);
    let (Some(feeling), Some(listened)) = (feeling, listened) else {
        return Ok(());
    };
    let _ = questionnaire;
    // 1. Adopted: the quiet room, tested over the last four weeks against the four before.
    let quiet = experiment(
        "A quiet room for homework",
        vec![theme_ids[0]],
        [
            "open the small room as a quiet room after school",
            "children will feel better about coming to the hub",
            "they told us it is too noisy to do homework",
            "The small room is kept quiet from 3.30pm to 5.30pm, with a practitioner nearby.",
            "Riverside family hub",
            "Children tell us they feel left out of the main room, or nobody uses it for two weeks",
        ],
        28,
        1,
    );
    let plan = Plan {
        design: Some(Design::BeforeAfter),
        baseline: Some(Period {
            start: day(56),
            end: day(29),
        }),
        test: Some(Period {
            start: day(28),
            end: day(0),
        }),
        compare_by: None,
        group_a: String::new(),
        group_b: String::new(),
        measures: vec![
            Measure {
                source: Source::Question {
                    question: feeling,
                    option: None,
                },
                better: Better::Higher,
                label: "How children feel when they come to the hub (faces)".into(),
            },
            Measure {
                source: Source::ThemeShare {
                    theme: theme_ids[0],
                },
                better: Better::Lower,
                label: "Share of written answers about \u{201c}Somewhere quiet\u{201d}".into(),
            },
        ],
    };
    let id = actions::propose_in(db, project, &quiet, who, min).await?;
    let mut e = store::find(db, project, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo experiment missing"))?;
    store::set_plan(db, &e, &plan, "", who).await?;
    for (to, why) in [
        (
            Status::Agreed,
            "Children at the co-design session chose this over a homework club.",
        ),
        (
            Status::Testing,
            "The room is ready; the plan and measures are fixed.",
        ),
        (Status::Reviewing, "Four weeks are up."),
        (
            Status::Adopted,
            "Children feel better about coming, and fewer ask for somewhere quiet. We keep the quiet room.",
        ),
    ] {
        e = store::find(db, project, id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo experiment missing"))?;
        actions::decide_in(
            db,
            &e,
            &Move {
                to,
                rationale: why.into(),
                framework: Default::default(),
            },
            who,
            min,
        )
        .await?;
    }
    // 2. Testing: the Tuesday evening drop-in, with the practitioners' feedback form on it.
    let evening = experiment(
        "Tuesday evening drop-in",
        vec![theme_ids[1], theme_ids[2]],
        [
            "open the hub on Tuesday evenings for older children",
            "more older children will come and say adults listen to them",
            "school and bus times clash with our opening hours",
            "The hub opens 6pm to 8pm on Tuesdays, run by two practitioners.",
            "Riverside family hub, Tuesday evenings",
            "Fewer than three young people come for three weeks running",
        ],
        14,
        -42,
    );
    let id = actions::propose_in(db, project, &evening, who, min).await?;
    let e = store::find(db, project, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo experiment missing"))?;
    let plan = Plan {
        measures: vec![Measure {
            source: Source::Question {
                question: listened,
                option: Some("yes".into()),
            },
            better: Better::Higher,
            label: "Share of children saying adults listen to them".into(),
        }],
        ..plan
    };
    store::set_plan(
        db,
        &e,
        &Plan {
            baseline: Some(Period {
                start: day(42),
                end: day(15),
            }),
            test: Some(Period {
                start: day(14),
                end: day(-42),
            }),
            ..plan
        },
        "",
        who,
    )
    .await?;
    store::set_feedback(db, id, Some(feedback.id.0)).await?;
    for to in [Status::Agreed, Status::Testing] {
        let e = store::find(db, project, id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo experiment missing"))?;
        actions::decide_in(
            db,
            &e,
            &Move {
                to,
                rationale: "Agreed with the young people's group.".into(),
                framework: Default::default(),
            },
            who,
            min,
        )
        .await?;
    }
    for (happened, noticed, differently) in [
        (
            "Five young people came on the first evening, two of them for the first time.",
            "They stayed near the door until someone offered food.",
            "Have snacks out from the start.",
        ),
        (
            "A quiet evening: the bus was cancelled.",
            "Transport matters more than the time.",
            "Ask the council about the 6pm bus.",
        ),
    ] {
        let r = NewReflection {
            role: Role::Practitioner,
            name: String::new(),
            happened: happened.into(),
            noticed: noticed.into(),
            surprised: String::new(),
            differently: differently.into(),
        };
        reflection_store::add(db, id, &r, who).await?;
    }
    Ok(())
}
