//! The experiment rules, pure: who may move where, what a move needs, the parser's answers.

use super::*;
use crate::experiments::plan::Plan;
use crate::experiments::plan_parse::RawDesign;

#[test]
fn every_status_has_exactly_its_allowed_next_moves() {
    use Status::*;
    let table: [(Status, &[Status]); 7] = [
        (Proposed, &[Agreed, Stopped]),
        (Agreed, &[Testing, Proposed, Stopped]),
        (Testing, &[Reviewing, Stopped]),
        (Reviewing, &[Adopted, Adapted, Stopped, Testing]),
        (Adopted, &[]),
        (Adapted, &[]),
        (Stopped, &[]),
    ];
    for (from, allowed) in table {
        for to in Status::ALL {
            let m = Move::parse(from, &[], to.as_str(), "Because we saw it");
            assert_eq!(m.is_ok(), allowed.contains(to), "{from} → {to}");
        }
    }
    assert!(Adopted.is_decided() && Adapted.is_decided() && Stopped.is_decided());
    assert!(!Agreed.plan_locked() && Testing.plan_locked() && Reviewing.plan_locked());
}

#[test]
fn a_move_needs_a_reason_and_testing_needs_a_ready_plan() {
    let e = Move::parse(
        Status::Agreed,
        &["Choose at least one measure"],
        "testing",
        "",
    )
    .unwrap_err();
    assert!(e.get("to").unwrap().contains("choose at least one measure"));
    assert_eq!(e.get("rationale"), Some("Say why you decided this"));
    let e = Move::parse(Status::Adopted, &[], "testing", "x").unwrap_err();
    assert!(e.get("to").unwrap().contains("has ended"));
    let ok = Move::parse(Status::Agreed, &[], "testing", "  Ready \u{7}\r\n").unwrap();
    assert_eq!((ok.to, ok.rationale.as_str()), (Status::Testing, "Ready"));
}

fn raw() -> RawExperiment {
    RawExperiment {
        title: " Evening drop-in ".into(),
        themes: vec![3],
        if_we: "If we open later".into(),
        then_we: "then more come.".into(),
        because: "because they said so".into(),
        change: "Open until 8pm".into(),
        codesigners: vec!["children".into(), "children".into()],
        children: "6".into(),
        scale: "team".into(),
        place: "The hub".into(),
        limits: "Nobody comes".into(),
        owners: "Hub lead".into(),
        planned_start: DateInput::iso("2026-10-01"),
        planned_end: DateInput::iso("2026-10-31"),
        ..RawExperiment::default()
    }
}

#[test]
fn the_parser_cleans_text_and_the_hypothesis_reads_as_one_sentence() {
    let e = NewExperiment::parse(&raw(), &[3]).unwrap();
    assert_eq!(e.title, "Evening drop-in");
    for bad in ["Evening \u{1b}drop-in", "Evening\ndrop-in", "Evening\0"] {
        let r = RawExperiment {
            title: bad.into(),
            ..raw()
        };
        let e = NewExperiment::parse(&r, &[3]).unwrap_err();
        assert!(
            e.get("title").unwrap().contains("special characters"),
            "control characters never reach a title: {e:?}"
        );
    }
    assert_eq!(e.codesigners, [Audience::Children]);
    assert_eq!(
        hypothesis(&e),
        "If we open later, then more come, because they said so."
    );
}

#[test]
fn the_parser_refuses_a_foreign_theme_a_backwards_period_and_missing_parts() {
    let mut r = raw();
    r.themes = vec![99];
    r.because = " ".into();
    r.planned_end = DateInput::iso("2026-09-01");
    r.children = "lots".into();
    let e = NewExperiment::parse(&r, &[3]).unwrap_err();
    for field in ["themes", "because", "planned_end", "children"] {
        assert!(e.get(field).is_some(), "{field}: {e:?}");
    }
}

#[test]
fn a_plan_says_what_is_missing_and_how_it_changed() {
    let plan = Plan::default();
    assert_eq!(plan.missing().len(), 2);
    let design = RawDesign {
        design: "comparison".into(),
        test_start: DateInput::iso("2026-10-01"),
        test_end: DateInput::iso("2026-10-31"),
        compare_by: "channel".into(),
        group_a: "link".into(),
        group_b: "link".into(),
        ..RawDesign::default()
    };
    assert!(
        plan.with_design(&design, &[])
            .unwrap_err()
            .get("group_b")
            .is_some()
    );
    let design = RawDesign {
        group_b: "qr".into(),
        ..design
    };
    let changed = plan.with_design(&design, &[]).unwrap();
    assert_eq!(
        changed.differences(&plan),
        [
            "Changed the design",
            "Test period not set → 2026-10-01 to 2026-10-31",
            "Changed the groups compared"
        ]
    );
    let survey = RawDesign {
        compare_by: "survey".into(),
        group_a: "7".into(),
        group_b: "8".into(),
        ..design
    };
    assert!(
        plan.with_design(&survey, &[7])
            .unwrap_err()
            .get("group_b")
            .is_some(),
        "only this project's surveys"
    );
}
