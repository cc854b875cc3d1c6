//! Table-driven safeguarding tests on `data/safeguarding_examples.csv`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test-only module

use crate::themes::engine::Scanner;

#[test]
fn recall_and_precision_on_examples() {
    let scanner = Scanner::default();
    let mut rdr = csv::Reader::from_path("src/themes/data/safeguarding_examples.csv").unwrap();
    let (mut tp, mut fp, mut fn_, mut n) = (0, 0, 0, 0);
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let (text, gold) = (&rec[1], &rec[2] == "1");
        n += 1;
        let got = scanner.scan(text);
        match (gold, got.is_some()) {
            (true, true) => tp += 1,
            (false, true) => {
                fp += 1;
                eprintln!("false alarm: {text:?} -> {got:?}");
            }
            (true, false) => {
                fn_ += 1;
                eprintln!("MISSED: {text:?}");
            }
            _ => {}
        }
    }
    assert!(n >= 150, "need at least 150 examples, have {n}");
    let recall = tp as f64 / (tp + fn_) as f64;
    let precision = tp as f64 / (tp + fp) as f64;
    eprintln!("recall {recall:.3} precision {precision:.3} ({n} examples)");
    assert!(recall >= 0.95, "recall {recall}");
    assert!(precision >= 0.6, "precision {precision}");
}

#[test]
fn categories_and_negation() {
    let s = Scanner::default();
    let cat = |t: &str| s.scan(t).map(|f| f.category);
    assert_eq!(
        cat("I don't want to kill myself").as_deref(),
        Some("self_harm_suicide")
    );
    assert_eq!(cat("i wanna die").as_deref(), Some("self_harm_suicide"));
    assert_eq!(cat("he hits me").as_deref(), Some("physical_abuse"));
    assert_eq!(cat("my uncle touches me").as_deref(), Some("sexual_abuse"));
    assert_eq!(cat("there is no food at home").as_deref(), Some("neglect"));
    assert_eq!(
        cat("I'm scared to go home").as_deref(),
        Some("feeling_unsafe")
    );
    assert_eq!(
        cat("they make me keep secrets").as_deref(),
        Some("feeling_unsafe")
    );
    assert_eq!(
        cat("older boys give me stuff").as_deref(),
        Some("exploitation")
    );
    assert_eq!(
        cat("mum calls me stupid every day").as_deref(),
        Some("emotional_abuse")
    );
    assert_eq!(
        cat("they bully me every day").as_deref(),
        Some("severe_bullying")
    );
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
fn scan_csv_writes_flags() {
    let s = Scanner::default();
    let input = "id,text\n1,i want to die\n2,\"great club,\nthanks\"\n";
    let mut out = Vec::new();
    let n = crate::themes::engine::scan_csv(&s, input.as_bytes(), &mut out).unwrap();
    assert_eq!(n, 1);
    let out = String::from_utf8(out).unwrap();
    assert_eq!(
        out,
        "id,flag,reason\n1,1,self_harm_suicide: want to die\n2,0,\n"
    );
}
