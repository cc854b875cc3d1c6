//! Table-driven scanner tests on `src/safeguarding/data/examples.csv`, plus categories,
//! negation, figures of speech and the CSV scan.
#![allow(clippy::unwrap_used)]

use super::*;

const EXAMPLES: &str = include_str!("data/examples.csv");

#[test]
fn recall_and_precision_on_the_examples_meet_the_bar() {
    let scanner = Scanner::default();
    let mut rdr = csv::Reader::from_reader(EXAMPLES.as_bytes());
    let (mut tp, mut fp, mut missed, mut n) = (0u32, 0u32, 0u32, 0u32);
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let (text, gold) = (&rec[1], &rec[2] == "1");
        n += 1;
        match (gold, scanner.scan(text).is_some()) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => missed += 1,
            _ => {}
        }
    }
    assert!(n >= 150, "need at least 150 examples, have {n}");
    let recall = f64::from(tp) / f64::from(tp + missed);
    let precision = f64::from(tp) / f64::from(tp + fp);
    assert!(recall >= 0.95, "recall {recall}");
    assert!(precision >= 0.6, "precision {precision}");
}

#[test]
fn categories_follow_the_phrase_file_and_negation_never_clears_a_flag() {
    let s = Scanner::default();
    let cat = |t: &str| s.scan(t).map(|f| f.category);
    for (text, want) in [
        ("I don't want to kill myself", "self_harm_suicide"),
        ("i wanna die", "self_harm_suicide"),
        ("he hits me", "physical_abuse"),
        ("my uncle touches me", "sexual_abuse"),
        ("there is no food at home", "neglect"),
        ("I'm scared to go home", "feeling_unsafe"),
        ("they make me keep secrets", "feeling_unsafe"),
        ("older boys give me stuff", "exploitation"),
        ("mum calls me stupid every day", "emotional_abuse"),
        ("they bully me every day", "severe_bullying"),
    ] {
        assert_eq!(cat(text).as_deref(), Some(want), "{text}");
    }
}

#[test]
fn figures_of_speech_and_safe_phrases_are_not_flagged_unless_contrasted() {
    let s = Scanner::default();
    for safe in [
        "nobody hurts me",
        "I feel safe at home",
        "I died laughing",
        "you're killing it",
        "this homework is killing me",
        "dying to go",
        "bored to death",
    ] {
        assert_eq!(s.scan(safe), None, "{safe}");
    }
    assert!(s.scan("nobody hurts me except my stepdad").is_some());
}

#[test]
fn scan_csv_writes_one_flag_row_per_input_row() {
    let s = Scanner::default();
    let input = "id,text\n1,i want to die\n2,\"great club,\nthanks\"\n";
    let mut out = Vec::new();
    let n = scan_csv(&s, input.as_bytes(), &mut out).unwrap();
    assert_eq!(n, 1);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "id,flag,reason\n1,1,self_harm_suicide: want to die\n2,0,\n"
    );
}
