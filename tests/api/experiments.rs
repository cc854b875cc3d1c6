//! Experiments, as a steward and a practitioner use them: from a theme to a proposal, a plan
//! fixed before testing, honest results, reflections, decisions with their evidence, the next
//! cycle, the learning report and the downloads.

use reqwest::StatusCode;

use crate::experiment_fixtures::*;
use crate::helpers::*;

#[tokio::test]
async fn a_steward_goes_from_a_theme_to_a_proposal_that_keeps_the_themes_figures() {
    let lab = lab().await;
    let (p, t) = (lab.project, lab.theme);
    // Found by clicking: project → experiments; theme page → "Propose an experiment".
    let (_, html) = lab.get(&format!("/projects/{p}")).await;
    assert!(texts_attr(&html, "a", "href").contains(&format!("/projects/{p}/experiments")));
    let (_, html) = lab.get(&format!("/projects/{p}/themes/{t}")).await;
    let new = format!("/projects/{p}/experiments/new?theme={t}");
    assert!(
        texts_attr(&html, "a", "href").contains(&new),
        "the theme page offers a proposal"
    );
    let (status, html) = lab.get(&new).await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, "propose an experiment");
    assert!(
        html.contains(&format!("value=\"{t}\" checked")),
        "the theme is ticked"
    );
    let x = lab.propose().await;
    let (status, html) = lab.get(&format!("/projects/{p}/experiments/{x}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_accessible(&html, "experiment page");
    assert!(html.contains("If we open the hub on Tuesday evenings, then children will wait less"));
    // 20 of 80 written answers are about waiting, when proposed and today.
    let cells = texts(&html, "#evidence td");
    assert_eq!(
        cells[..2],
        ["20 answers (25.0%)", "20 answers (25.0%)"],
        "{cells:?}"
    );
    assert!(
        cells[2].contains("W40"),
        "the weeks before it was proposed: {cells:?}"
    );
    // Twenty answers say the same words: the evidence quotes them once.
    let same = texts(&html, "blockquote")
        .into_iter()
        .filter(|q| q.contains("waiting a long time"))
        .count();
    assert_eq!(same, 1, "the evidence quotes a repeated answer once");
    assert!(
        texts(&html, "#timeline li")
            .iter()
            .any(|l| l.contains("Proposed"))
    );
    let (_, list) = lab.get(&format!("/projects/{p}/experiments")).await;
    assert_accessible(&list, "experiments list");
    assert!(texts(&list, "a").contains(&"Evening drop-in".to_owned()));
}

#[tokio::test]
async fn a_hypothesis_needs_all_three_parts_and_a_refused_form_keeps_what_was_typed() {
    let lab = lab().await;
    let theme = lab.theme.to_string();
    let mut fields = proposal(&theme);
    fields.retain(|(k, _)| *k != "because" && *k != "children");
    fields.push(("children", "six"));
    let res = lab
        .post(&format!("/projects/{}/experiments", lab.project), &fields)
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert_accessible(&html, "proposal with errors");
    let errors = texts(&html, ".error-summary-list a");
    assert!(
        errors.iter().any(|e| e.contains("why we think so")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("as a whole number")),
        "{errors:?}"
    );
    assert!(
        html.contains("open the hub on Tuesday evenings"),
        "typed text kept"
    );
    let (_, list) = lab
        .get(&format!("/projects/{}/experiments", lab.project))
        .await;
    assert!(
        list.contains("There are no experiments yet"),
        "nothing stored"
    );
}

#[tokio::test]
async fn testing_cannot_start_until_the_plan_is_set_and_then_the_plan_is_locked() {
    let lab = lab().await;
    let x = lab.propose().await;
    let base = format!("/projects/{}/experiments/{x}", lab.project);
    assert_eq!(
        lab.decide(x, "agreed", "The families liked it")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let res = lab.decide(x, "testing", "Ready").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Testing cannot start yet")
    );
    lab.plan(x).await;
    assert_eq!(
        lab.decide(x, "testing", "Ready to go").await.status(),
        StatusCode::SEE_OTHER
    );
    // A change now needs a reason, and is recorded as a deviation.
    let mut plan = PLAN.to_vec();
    plan[12] = ("test_end_year", "2027");
    let res = lab.post(&format!("{base}/plan"), &plan).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Say why you are changing the plan")
    );
    plan.push(("why", "The hub closed for a week"));
    assert_eq!(
        lab.post(&format!("{base}/plan"), &plan).await.status(),
        StatusCode::SEE_OTHER
    );
    // Removing a measure asks why first.
    let res = lab
        .post(&format!("{base}/plan/measures/1/remove"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_accessible(&res.text().await.unwrap(), "remove a measure");
    let (_, html) = lab.get(&base).await;
    let timeline = texts(&html, "#timeline li");
    assert!(
        timeline
            .iter()
            .any(|l| l.contains("Deviation from the plan")
                && l.contains("2027")
                && l.contains("The hub closed")),
        "{timeline:?}"
    );
    let (_, report) = lab.get(&format!("{base}/report")).await;
    assert!(report.contains("Changes to the plan after testing started"));
}

#[tokio::test]
async fn results_show_the_difference_with_its_interval_and_plain_words() {
    let lab = lab().await;
    let x = lab.propose().await;
    lab.plan(x).await;
    let (_, html) = lab
        .get(&format!("/projects/{}/experiments/{x}", lab.project))
        .await;
    let table = texts(&html, "#measure-1-table td");
    assert_eq!(&table[..3], ["40", "2.8", table[2].as_str()]);
    assert!(table.contains(&"3.7".to_owned()), "{table:?}");
    assert!(
        html.contains("Children&#39;s answers were higher by 0.9 faces")
            || html.contains("Children's answers were higher by 0.9 faces"),
        "plain words"
    );
    assert!(texts(&html, "#measure-1-heading strong").contains(&"Better".to_owned()));
    assert!(html.contains("<svg class=\"chart\"") && html.contains("<desc"));
    // 15 of 40 said yes before, 30 of 40 during: 38% → 75%.
    let shares = texts(&html, "#measure-2-table td");
    assert!(
        shares.contains(&"38%".to_owned()) && shares.contains(&"75%".to_owned()),
        "{shares:?}"
    );
    assert!(
        !html.contains("Fewer than 30 answers"),
        "40 per period needs no caution"
    );
}

#[tokio::test]
async fn small_groups_show_not_enough_answers_and_under_thirty_a_caution() {
    let lab = lab().await;
    let x = lab.propose().await;
    lab.plan(x).await;
    let base = format!("/projects/{}/experiments/{x}", lab.project);
    // Only the first three days of October: a handful of answers.
    let mut plan = PLAN.to_vec();
    plan[10] = ("test_end_day", "2");
    assert_eq!(
        lab.post(&format!("{base}/plan"), &plan).await.status(),
        StatusCode::SEE_OTHER
    );
    let (_, html) = lab.get(&base).await;
    assert!(html.contains("Not enough answers yet"));
    assert!(
        texts(&html, "#measure-1-table").is_empty(),
        "no figures for a small group"
    );
    plan[10] = ("test_end_day", "10");
    assert_eq!(
        lab.post(&format!("{base}/plan"), &plan).await.status(),
        StatusCode::SEE_OTHER
    );
    let (_, html) = lab.get(&base).await;
    assert!(html.contains("Fewer than 30 answers in a group"));
}

#[tokio::test]
async fn a_practitioner_reflects_but_cannot_decide_and_another_project_cannot_see_it() {
    let lab = lab().await;
    let x = lab.propose().await;
    lab.plan(x).await;
    lab.decide(x, "agreed", "Agreed at the team meeting").await;
    lab.decide(x, "testing", "Starting").await;
    let base = format!("/projects/{}/experiments/{x}", lab.project);
    let pat = lab.practitioner().await;
    let res = lab.app.get_with(&pat, &base).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(texts_attr(&html, "a", "href").contains(&format!("{base}/reflections/new")));
    assert!(!html.contains("Record a decision"));
    let res = lab
        .app
        .get_with(&pat, &format!("{base}/reflections/new"))
        .await;
    assert_accessible(&res.text().await.unwrap(), "reflection form");
    let res = lab
        .app
        .post_form_with(
            &pat,
            &format!("{base}/reflections"),
            &[
                ("role", "practitioner"),
                ("name", "Pat"),
                ("noticed", "Dads came for the first time"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = lab
        .app
        .post_form_with(
            &pat,
            &format!("{base}/decide"),
            &[("to", "reviewing"), ("rationale", "x")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = lab
        .app
        .post_form_with(&pat, &format!("{base}/plan"), &PLAN)
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (_, html) = lab.get(&base).await;
    assert!(html.contains("Dads came for the first time") && html.contains("Practitioner, Pat"));
    let (other, _) = lab
        .app
        .signed_in_client(chorus::accounts::Role::Steward, "other@example.org")
        .await;
    for path in [
        base.clone(),
        format!("{base}/report"),
        format!("{base}/plan"),
    ] {
        assert_eq!(
            lab.app.get_with(&other, &path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // Reflections are exported without names.
    let res = lab
        .app
        .get_with(
            &lab.client,
            &format!("/projects/{}/reflections.csv", lab.project),
        )
        .await;
    let csv = res.text().await.unwrap();
    assert!(
        csv.trim_start_matches('\u{feff}')
            .starts_with("experiment_id,experiment,written_at,role,"),
        "{csv}"
    );
    assert!(csv.contains("Dads came for the first time") && !csv.contains("Pat"));
}

#[tokio::test]
async fn every_move_is_recorded_and_adapting_starts_the_next_cycle_with_the_same_measures() {
    let lab = lab().await;
    let x = lab.propose().await;
    lab.plan(x).await;
    for (to, why) in [
        ("agreed", "Agreed"),
        ("testing", "Go"),
        ("reviewing", "October is over"),
    ] {
        assert_eq!(
            lab.decide(x, to, why).await.status(),
            StatusCode::SEE_OTHER,
            "{to}"
        );
    }
    let res = lab.decide(x, "adopted", "").await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a decision needs a reason"
    );
    let res = lab
        .decide(x, "adapted", "Better, but only for younger children")
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let next: i64 = res.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_ne!(next, x, "adapting lands on the next cycle");
    let base = format!("/projects/{}/experiments", lab.project);
    let (_, html) = lab.get(&format!("{base}/{next}")).await;
    assert!(html.contains("This is the next cycle of"));
    assert!(
        html.contains("Answers to") && html.contains("Share answering yes"),
        "measures carried over"
    );
    let (_, html) = lab.get(&format!("{base}/{x}")).await;
    let timeline = texts(&html, "#timeline li");
    assert_eq!(timeline.len(), 5, "{timeline:?}");
    assert!(
        timeline[4].contains("Reviewing → Adapted")
            && timeline[4].contains("by ")
            && timeline[4].contains("younger children")
    );
    // The decision stored the results seen.
    let (status, _) = lab.get(&format!("{base}/{x}/decide")).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an ended experiment cannot move on"
    );
    let (_, report) = lab.get(&format!("{base}/{x}/report")).await;
    assert_accessible(&report, "learning report");
    for part in [
        "1. What people told us",
        "2. What we tried, and why",
        "3. What happened",
        "4. What we learned",
        "5. The decision",
    ] {
        assert!(report.contains(part), "{part}");
    }
    let (_, easy) = lab.get(&format!("{base}/{x}/report/easy-read")).await;
    assert_accessible(&easy, "easy read report");
    assert!(
        easy.contains("We will change it and try again.") && easy.contains("things got better")
    );
    let (_, csv) = lab
        .get(&format!("/projects/{}/experiments.csv", lab.project))
        .await;
    assert!(csv.lines().count() >= 3 && csv.contains("adapted") && csv.contains("95% interval"));
}

#[tokio::test]
async fn an_attached_feedback_form_shows_live_and_its_confirmation_prompts_a_reflection() {
    let lab = lab().await;
    let x = lab.propose().await;
    lab.plan(x).await;
    let base = format!("/projects/{}/experiments/{x}", lab.project);
    let res = lab
        .post(
            &format!("{base}/feedback"),
            &[("survey", &lab.survey.to_string())],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "only feedback forms may be attached"
    );
    let res = lab
        .post(
            &format!("{base}/feedback"),
            &[("survey", &lab.feedback.to_string())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = lab.get(&base).await;
    let events = texts_attr(&html, "#live-board", "data-events");
    assert_eq!(events, [format!("/surveys/{}/live/events", lab.feedback)]);
    assert!(
        html.contains("How did the session go?"),
        "the board shows the form"
    );
    lab.decide(x, "agreed", "Agreed").await;
    lab.decide(x, "testing", "Go").await;
    let pat = lab.practitioner().await;
    let db = sea_orm::Database::connect(lab.app.database_url.as_str())
        .await
        .unwrap();
    let slug = <entity::survey::Entity as sea_orm::EntityTrait>::find_by_id(lab.feedback)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .slug;
    db.close().await.unwrap();
    let form = format!("/s/{slug}/form");
    let res =
        crate::runner_fixtures::fill(&lab.app, &pat, &form, &form, &[("q_session", "4")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert_accessible(&html, "feedback sent with a reflection prompt");
    let links = texts_attr(&html, "a", "href");
    assert!(
        links.contains(&format!("{base}/reflections/new")),
        "{links:?}"
    );
    // Someone answering without an account gets no prompt.
    let anon = new_client();
    let res =
        crate::runner_fixtures::fill(&lab.app, &anon, &form, &form, &[("q_session", "4")]).await;
    assert!(!res.text().await.unwrap().contains("Add a reflection"));
}

#[tokio::test]
async fn a_comparison_reads_two_groups_over_the_same_period() {
    let lab = lab().await;
    let x = lab.propose().await;
    lab.plan(x).await;
    let base = format!("/projects/{}/experiments/{x}", lab.project);
    let plan = [
        ("design", "comparison"),
        ("test_start_day", "1"),
        ("test_start_month", "10"),
        ("test_start_year", "2026"),
        ("test_end_day", "31"),
        ("test_end_month", "10"),
        ("test_end_year", "2026"),
        ("compare_by", "channel"),
        ("group_a", "link"),
        ("group_b", "qr"),
    ];
    let res = lab.post(&format!("{base}/plan"), &plan).await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{}",
        res.text().await.unwrap()
    );
    let (_, html) = lab.get(&base).await;
    let rows = texts(&html, "#measure-1-table tbody tr");
    assert!(
        rows[0].starts_with("Not trying it20") && rows[1].starts_with("Trying it20"),
        "{rows:?}"
    );
    assert!(
        html.contains("How they reached the survey") || html.contains("qr"),
        "the groups are named"
    );
}
