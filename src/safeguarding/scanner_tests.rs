//! Table-driven scanner tests on `src/safeguarding/data/examples.csv`, plus categories,
//! negation, figures of speech and the CSV scan.

use super::*;

const EXAMPLES: &str = include_str!("data/examples.csv");

/// Recall and precision of `scan` on a labelled file (`id,text,flag[,category]`), with the
/// concerning texts it missed and the harmless texts it flagged.
struct Score {
    recall: f64,
    precision: f64,
    n: usize,
    missed: Vec<String>,
    false_alarms: Vec<String>,
}

fn score(csv_text: &str, scan: impl Fn(&str) -> bool) -> Score {
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let (mut tp, mut fp, mut n) = (0u32, 0u32, 0usize);
    let (mut missed, mut false_alarms) = (Vec::new(), Vec::new());
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let (id, text, gold) = (&rec[0], &rec[1], &rec[2] == "1");
        n += 1;
        match (gold, scan(text)) {
            (true, true) => tp += 1,
            (false, true) => {
                fp += 1;
                false_alarms.push(format!("{id}: {text}"));
            }
            (true, false) => missed.push(format!("{id}: {text}")),
            _ => {}
        }
    }
    let found = f64::from(tp);
    Score {
        recall: found / (found + missed.len() as f64),
        precision: found / f64::from(tp + fp),
        n,
        missed,
        false_alarms,
    }
}

fn report(name: &str, s: &Score) {
    println!(
        "{name}: n={} recall={:.3} precision={:.3}",
        s.n, s.recall, s.precision
    );
    for m in &s.missed {
        println!("  missed {m}");
    }
    for f in &s.false_alarms {
        println!("  false alarm {f}");
    }
}

#[test]
fn recall_and_precision_on_the_first_examples_file_meet_the_bar() {
    let scanner = Scanner::default();
    let s = score(EXAMPLES, |t| scanner.scan(t).is_some());
    report("first file, rules and learned", &s);
    let rules = score(EXAMPLES, |t| scanner.scan_rules(t).is_some());
    report("first file, rules alone", &rules);
    assert!(s.n >= 150, "need at least 150 examples, have {}", s.n);
    assert!(s.recall >= 0.95, "recall {}", s.recall);
    assert!(s.precision >= 0.6, "precision {}", s.precision);
}

/// The held-out file was written before the concept scanner and is never edited; this test
/// fails when the scanner falls below the aims on it.
#[test]
fn recall_and_precision_on_the_held_out_file_meet_the_aims() {
    let held_out = include_str!("../../tests/data/safeguarding_heldout.csv");
    let scanner = Scanner::default();
    let s = score(held_out, |t| scanner.scan(t).is_some());
    report("held-out file, rules and learned", &s);
    let rules = score(held_out, |t| scanner.scan_rules(t).is_some());
    report("held-out file, rules alone", &rules);
    assert!(s.n >= 150, "need at least 150 examples, have {}", s.n);
    assert!(s.recall >= 0.95, "recall {}", s.recall);
    assert!(s.precision >= 0.6, "precision {}", s.precision);
}

#[test]
fn the_embedded_lexicon_and_rules_compile() {
    let rules = format!("{DEFAULT_RULES}\n{DEFAULT_PHRASES}");
    assert!(Scanner::compile(DEFAULT_LEXICON, &rules).is_ok());
    assert!(Scanner::compile("", "# physical_abuse\n@nothing me").is_err());
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
        ("i dont feel safe at home", "feeling_unsafe"),
        ("my dad says he will kill me if i tell", "emotional_abuse"),
        ("i never feel safe at home", "feeling_unsafe"),
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

/// A second development file (`data/examples_more.csv`), written after the concept scanner
/// to probe indirect wording; its first, untuned figures are in docs/SAFEGUARDING.md.
#[test]
fn recall_and_precision_on_the_second_development_file_meet_the_aims() {
    let more = include_str!("data/examples_more.csv");
    let scanner = Scanner::default();
    let s = score(more, |t| scanner.scan(t).is_some());
    report("second development file, rules and learned", &s);
    let rules = score(more, |t| scanner.scan_rules(t).is_some());
    report("second development file, rules alone", &rules);
    assert!(s.recall >= 0.95, "recall {}", s.recall);
    assert!(s.precision >= 0.6, "precision {}", s.precision);
}
/// One concerning and one harmless text per category, in wording not in the examples files:
/// the concerning one is flagged by the rules alone with its category, the harmless one is
/// not flagged at all.
#[test]
fn every_category_has_a_positive_and_a_near_miss_negative() {
    let s = Scanner::default();
    let table = [
        (
            "self_harm_suicide",
            "i been hiding tablets in my drawer for when i need them",
            "i take my tablets for hayfever every day",
        ),
        (
            "sexual_abuse",
            "my mums fella keeps touching me when shes at work",
            "the nurse touched my arm to check my pulse",
        ),
        (
            "physical_abuse",
            "my stepdad smacked me so hard i had a mark",
            "i got smacked in the face by the ball in pe",
        ),
        (
            "exploitation",
            "older lads gave me a phone and now i owe them",
            "my nan gave me a phone for my birthday",
        ),
        (
            "domestic_abuse",
            "theres always screaming and smashing at home at night",
            "we had a nice quiet night at home",
        ),
        (
            "neglect",
            "there is no food in the house and nobody is home",
            "the food at the hub was nice",
        ),
        (
            "young_carer",
            "i miss school to look after my mum cos shes ill",
            "my mum looks after me when im ill",
        ),
        (
            "running_away",
            "i ran away last night and slept in the park",
            "we played in the park after school",
        ),
        (
            "emotional_abuse",
            "my dad calls me useless and stupid every day",
            "my dad says im clever",
        ),
        (
            "severe_bullying",
            "they wait for me after school and follow me home every day",
            "i got lots of nice messages on my birthday",
        ),
        (
            "feeling_unsafe",
            "i get scared when he comes home",
            "i was scared of the dark when i was little but not now",
        ),
    ];
    for (category, concerning, harmless) in table {
        assert_eq!(
            s.scan_rules(concerning).map(|f| f.category).as_deref(),
            Some(category),
            "{concerning}"
        );
        assert_eq!(s.scan_rules(harmless), None, "{harmless}");
    }
}
