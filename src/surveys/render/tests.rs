use super::*;
use crate::surveys::question::{NONE_OF_THESE, QuestionInput};

fn def(kind: &str, options: &[&str], required: bool) -> QuestionDef {
    QuestionDef::parse(&QuestionInput {
        key: "how".into(),
        kind: kind.into(),
        prompt: "How was it?".into(),
        hint: "Think about today".into(),
        required,
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        allow_other: true,
        allow_none: true,
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn every_kind_puts_the_first_control_at_the_summary_link_target() {
    for kind in QuestionKind::ALL {
        let options: &[&str] = if kind.has_options() { &["A", "B"] } else { &[] };
        let html = question_fields(
            &def(kind.as_str(), options, true),
            &RawAnswer::default(),
            Some("Pick one"),
            false,
            false,
        )
        .into_string();
        assert!(html.contains("id=\"q_how\""), "{kind}: {html}");
        assert!(html.contains("id=\"q_how-error\""), "{kind}");
        assert!(
            html.contains("q_how-hint q_how-error")
                || html.contains("q_how-hint q_how-info q_how-error")
                || html.contains("q_how-hint q_how-ends q_how-error"),
            "{kind}: {html}"
        );
        assert!(!html.contains("maxlength"), "{kind}");
    }
}

#[test]
fn faces_have_visible_labels_and_hidden_emoji() {
    let html = question_fields(
        &def("faces", &[], false),
        &RawAnswer::one("4"),
        None,
        false,
        true,
    )
    .into_string();
    assert!(html.contains("Really bad") && html.contains("Really good"));
    assert!(html.contains("aria-hidden=\"true\""));
    assert!(html.contains("<h1"));
    assert!(html.contains("How was it? (you can skip this)"));
    assert!(html.contains("value=\"4\" checked"));
}

#[test]
fn choices_offer_other_and_none_of_these_and_keep_what_was_typed() {
    let raw = RawAnswer {
        values: vec![OTHER.into()],
        other: Some("Cake".into()),
    };
    let html = question_fields(
        &def("single_choice", &["A", "B"], true),
        &raw,
        None,
        false,
        false,
    )
    .into_string();
    assert!(html.contains("name=\"q_how_other\"") && html.contains("value=\"Cake\""));
    let html = question_fields(
        &def("multiple_choice", &["A", "B"], true),
        &RawAnswer::default(),
        None,
        false,
        false,
    )
    .into_string();
    assert!(html.contains(NONE_OF_THESE) && html.contains("type=\"checkbox\""));
}

#[test]
fn an_error_with_other_chosen_belongs_to_the_other_text_box() {
    let q = def("single_choice", &["A", "B"], true);
    let raw = RawAnswer {
        values: vec![OTHER.into()],
        other: Some(String::new()),
    };
    assert_eq!(error_target(&q, &raw), "q_how_other");
    assert_eq!(error_target(&q, &RawAnswer::default()), "q_how");
    let html =
        question_fields(&q, &raw, Some("Enter your other answer"), false, false).into_string();
    assert!(
        html.contains(
            "id=\"q_how_other\" name=\"q_how_other\" value=\"\" aria-describedby=\"q_how-error\""
        ),
        "{html}"
    );
    assert!(
        !html.contains("q_how-hint q_how-error"),
        "the group is not in error: {html}"
    );
    assert_eq!(html.matches("q_how-error").count(), 2, "{html}");
}

#[test]
fn raw_answers_are_collected_from_repeated_fields() {
    let q = def("multiple_choice", &["A", "B"], true);
    let pairs = vec![
        ("q_how".to_owned(), "A".to_owned()),
        ("q_other".to_owned(), "x".to_owned()),
        ("q_how".to_owned(), "B".to_owned()),
    ];
    assert_eq!(raw_from_pairs(&q, &pairs).values, vec!["A", "B"]);
}

#[test]
fn a_long_answer_says_you_can_write_a_lot_and_counts_only_near_the_limit() {
    use crate::surveys::question::{LONG_TEXT_MAX, SHORT_TEXT_MAX};
    let long = def("long_text", &[], false);
    let short = def("short_text", &[], false);
    let render = |q: &QuestionDef, n: usize| {
        question_fields(q, &RawAnswer::one("a".repeat(n)), None, false, false).into_string()
    };
    let empty = render(&long, 0);
    assert!(empty.contains("You can write a lot."), "{empty}");
    assert!(empty.contains("q_how-hint q_how-info"), "{empty}");
    assert!(!render(&long, LONG_TEXT_MAX * 8 / 10).contains("more letters"));
    assert!(
        render(&long, LONG_TEXT_MAX - 300).contains("You can write 300 more letters and spaces.")
    );
    assert!(render(&long, LONG_TEXT_MAX + 12).contains("12 letters and spaces too many"));
    let quiet = render(&short, 10);
    assert!(
        !quiet.contains("q_how-info") && !quiet.contains("You can write"),
        "{quiet}"
    );
    assert!(render(&short, SHORT_TEXT_MAX - 1).contains("You can write 1 more letter or space."));
    for n in [0, SHORT_TEXT_MAX, SHORT_TEXT_MAX + 1] {
        assert!(!render(&short, n).contains("characters"));
    }
}
