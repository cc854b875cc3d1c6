//! The rows: one per rule the survey parser keeps, with the cases just inside each limit.

/// One rule: the form fields changed from [`super::BASE`], and the form field that must carry the
/// error (`None`: both paths accept).
pub struct Row {
    pub case: &'static str,
    pub set: Vec<(&'static str, String)>,
    pub refused_on: Option<&'static str>,
}

fn row(case: &'static str, set: &[(&'static str, &str)], refused_on: Option<&'static str>) -> Row {
    Row {
        case,
        set: set.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        refused_on,
    }
}

fn long(n: usize) -> String {
    "x".repeat(n)
}

pub fn rows() -> Vec<Row> {
    let feedback = [("kind", "feedback"), ("audience", "practitioners")];
    let with = |extra: &[(&'static str, &'static str)]| -> Vec<(&'static str, &'static str)> {
        feedback.iter().chain(extra).copied().collect()
    };
    let date = |prefix: &'static str, d: &'static str, m: &'static str, y: &'static str| {
        let names: [&'static str; 3] = match prefix {
            "opens" => ["opens_day", "opens_month", "opens_year"],
            _ => ["closes_day", "closes_month", "closes_year"],
        };
        [(names[0], d), (names[1], m), (names[2], y)]
    };
    let many_options = (1..=31)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    let mut rows = vec![
        row("a questionnaire for children", &[], None),
        row(
            "a feedback form that records who answered",
            &with(&[("anonymous", "no")]),
            None,
        ),
        row(
            "a questionnaire that is not anonymous",
            &[("anonymous", "no")],
            Some("anonymous"),
        ),
        row("no kind", &[("kind", "")], Some("kind")),
        row("an unknown kind", &[("kind", "essay")], Some("kind")),
        row("a blank title", &[("title", "   ")], Some("title")),
        row(
            "an unknown audience",
            &[("audience", "aliens")],
            Some("audience"),
        ),
        row(
            "a blank privacy notice",
            &[("privacy_notice", "")],
            Some("privacy_notice"),
        ),
        row("an unknown layout", &[("layout", "spiral")], Some("layout")),
        row(
            "a chosen layout",
            &[("layout", "single_page"), ("sensitive", "yes")],
            None,
        ),
        row(
            "an opening date that is not a real day",
            &date("opens", "31", "2", "2030"),
            Some("opens"),
        ),
        row(
            "a closing date before the opening date",
            &[
                date("opens", "3", "4", "2030"),
                date("closes", "2", "4", "2030"),
            ]
            .concat(),
            Some("closes"),
        ),
        row(
            "closing on the opening day",
            &[
                date("opens", "3", "4", "2030"),
                date("closes", "3", "4", "2030"),
            ]
            .concat(),
            None,
        ),
        row(
            "a context question with one option",
            &with(&[
                ("context_prompt", "Where was this?"),
                ("context_options", "Home"),
            ]),
            Some("context_options"),
        ),
        row(
            "context options without a question",
            &with(&[("context_options", "Home\nOffice")]),
            Some("context_prompt"),
        ),
        row(
            "a feedback form with context",
            &with(&[
                ("context_prompt", "Where was this?"),
                ("context_options", "Home\nOffice"),
            ]),
            None,
        ),
        row(
            "context on a questionnaire is dropped",
            &[("context_prompt", "Where?"), ("context_options", "Home")],
            None,
        ),
    ];
    let mut too_many = row(
        "too many context options",
        &with(&[]),
        Some("context_options"),
    );
    too_many
        .set
        .push(("context_prompt", "Where was this?".into()));
    too_many.set.push(("context_options", many_options));
    rows.push(too_many);
    for (field, max) in [
        ("title", 120),
        ("intro", 5000),
        ("privacy_notice", 10_000),
        ("context_prompt", 200),
    ] {
        rows.push(Row {
            case: "text longer than its limit",
            set: vec![(field, long(max + 1))],
            refused_on: Some(field),
        });
        rows.push(Row {
            case: "text as long as its limit",
            set: vec![(field, long(max))],
            refused_on: None,
        });
    }
    rows
}
