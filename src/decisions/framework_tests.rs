//! Unit tests for the decision framework's one parser.

use super::*;

fn criteria() -> Vec<Criterion> {
    TEMPLATE
        .iter()
        .enumerate()
        .map(|(i, (n, q))| Criterion {
            id: i as i64 + 10,
            name: (*n).into(),
            question: (*q).into(),
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).into(), (*v).into()))
        .collect()
}

#[test]
fn a_form_becomes_a_framework_with_every_criterion_judged_or_marked_not_assessed() {
    let raw = RawFramework::from_pairs(&pairs(&[
        ("options", "Keep the drop-in\nStop it\n\nKeep the drop-in"),
        ("rating_10", "yes"),
        ("note_10", "Twelve children asked for it"),
        ("rating_12", "partly"),
        ("room_children", "3"),
        ("room_practitioners", " 2 "),
        ("review_on_day", "1"),
        ("review_on_month", "3"),
        ("review_on_year", "2027"),
    ]));
    let mut errors = FieldErrors::new();
    let f = Framework::parse(&raw, &criteria(), &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(f.options, ["Keep the drop-in", "Stop it"]);
    assert_eq!(f.assessments.len(), 6);
    assert_eq!(f.assessments[0].rating, Rating::Yes);
    assert_eq!(f.assessments[0].note, "Twelve children asked for it");
    assert_eq!(f.assessments[1].rating, Rating::NotAssessed);
    assert_eq!(f.assessments[2].rating, Rating::Partly);
    assert_eq!(f.room.children, 3);
    assert_eq!(f.room.practitioners, 2);
    assert_eq!(f.room.total(), 5);
    assert!(f.room.with_people_affected());
    assert_eq!(f.review_on, NaiveDate::from_ymd_opt(2027, 3, 1));
}

#[test]
fn bad_counts_ratings_dates_and_strange_criteria_are_each_named() {
    let raw = RawFramework {
        options: vec!["ok".into(), "bad\u{0}".into()],
        assessments: vec![
            RawAssessment {
                criterion: 10,
                rating: "maybe".into(),
                note: String::new(),
            },
            RawAssessment {
                criterion: 99,
                rating: "yes".into(),
                note: String::new(),
            },
        ],
        room: [
            ("children".to_string(), serde_json::json!("-1")),
            ("aliens".into(), serde_json::json!(2)),
        ]
        .into_iter()
        .collect(),
        review_on: "2027-02-30".into(),
    };
    let mut errors = FieldErrors::new();
    Framework::parse(&raw, &criteria(), &mut errors);
    for field in [
        "options",
        "rating_10",
        "assessments",
        "room_children",
        "room",
        "review_on",
    ] {
        assert!(errors.get(field).is_some(), "{field}: {errors:?}");
    }
}

#[test]
fn criteria_rows_skip_blanks_and_refuse_twins_and_questions_without_a_name() {
    let rows = vec![
        (
            "Safe to fail".to_string(),
            "Could anyone be harmed?".to_string(),
        ),
        (String::new(), String::new()),
        ("safe to fail".into(), String::new()),
        (String::new(), "Orphan question".into()),
    ];
    let mut errors = FieldErrors::new();
    let out = parse_criteria(&rows, &mut errors);
    assert_eq!(out.len(), 2);
    assert!(errors.get("name_3").is_some());
    assert!(errors.get("name_4").is_some());
    let mut errors = FieldErrors::new();
    assert!(parse_criteria(&[], &mut errors).is_empty());
    assert!(errors.get("name_1").is_some());
}

#[test]
fn the_template_names_survive_a_round_trip_through_the_criteria_parser() {
    let rows: Vec<(String, String)> = TEMPLATE
        .iter()
        .map(|(n, q)| ((*n).to_string(), (*q).to_string()))
        .collect();
    let mut errors = FieldErrors::new();
    let out = parse_criteria(&rows, &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(out[3].0, "Fairness: who could be left out?");
}
