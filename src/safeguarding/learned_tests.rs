//! Tests of the learned second opinion: the embedded file trains, its out-of-fold figures are
//! sane, training is deterministic, the model learns only what it is shown, and the CSV is
//! read by column name with or without categories.

use super::*;

/// A small examples file written here (never the held-out file): `n` concerning texts per
/// category from templates, and harmless ones.
fn synthetic(with_category: bool) -> String {
    let concerning: &[(&str, &[&str])] = &[
        (
            "neglect",
            &[
                "there is never any food in the house",
                "i sleep on the floor because i have no bed",
                "im always cold at home we have no heating",
                "nobody makes me dinner i go to bed hungry",
                "i get left on my own all night",
                "my clothes are dirty and nobody washes them",
                "there is no food and mum is asleep all day",
                "i have to find my own food every night",
                "we have no bed and the house is freezing",
                "no one feeds us at home",
                "i am hungry all the time at home",
                "we sleep on the floor with no blankets",
            ],
        ),
        (
            "physical_abuse",
            &[
                "my dad hits me with his belt",
                "he punches me when he is drunk",
                "my step mum slaps me across the face",
                "i get smacked really hard at home",
                "he kicks me and it leaves bruises",
                "my carer grabs my neck",
                "mum throws things at me and hits me",
                "i have bruises from being hit",
                "he beats me when i am naughty",
                "my uncle hits me and my brother",
                "dad hit me so hard i fell over",
                "she hits me with a shoe",
            ],
        ),
    ];
    let harmless = [
        "the youth club is really fun",
        "i like playing football at the park",
        "my teacher is kind and helps me",
        "we went swimming on saturday",
        "i want more trips in the holidays",
        "the food at lunch was nice",
        "i love my dog and my cat",
        "my friends make me laugh",
        "can we have longer breaks please",
        "i enjoy art and drawing",
        "the staff are friendly",
        "i got a new bike for my birthday",
        "we play games after school",
        "my nan makes good cakes",
        "the bus was a bit late",
        "i like reading books at night",
        "music lessons are the best",
        "we had pizza for tea",
        "my sister is funny",
        "i feel happy at home",
    ];
    let mut out = String::from(if with_category {
        "id,text,flag,category\n"
    } else {
        "id,text,flag\n"
    });
    let mut id = 0;
    for (cat, texts) in concerning {
        for t in *texts {
            id += 1;
            let extra = if with_category {
                format!(",{cat}")
            } else {
                String::new()
            };
            out.push_str(&format!("s{id},{t},1{extra}\n"));
        }
    }
    for t in harmless {
        id += 1;
        let extra = if with_category { ",none" } else { "" };
        out.push_str(&format!("s{id},{t},0{extra}\n"));
    }
    out
}

#[test]
fn the_embedded_file_trains_and_its_out_of_fold_figures_are_sane() {
    let m = SecondOpinion::default_model().unwrap();
    let r = m.report();
    assert!(r.examples >= 150, "{r:?}");
    assert!(r.concerning > 0 && r.concerning < r.examples, "{r:?}");
    assert!(r.threshold > 0.0 && r.threshold < 1.0, "{r:?}");
    // By construction the kept cut reaches the target; the figures must hang together.
    assert!(r.balanced_precision >= PRECISION_TARGET, "{r:?}");
    assert!(r.recall >= 0.6 && r.recall <= 1.0, "{r:?}");
    assert!(r.precision >= 0.6 && r.precision <= 1.0, "{r:?}");
    assert!(r.false_alarm_rate < 0.5, "{r:?}");
    let implied = r.recall / (r.recall + r.false_alarm_rate);
    assert!((implied - r.balanced_precision).abs() < 1e-12, "{r:?}");
}

#[test]
fn training_is_deterministic() {
    let a = SecondOpinion::train(DEFAULT_EXAMPLES).unwrap();
    let b = SecondOpinion::train(DEFAULT_EXAMPLES).unwrap();
    assert_eq!(a.report(), b.report());
    for text in [
        "i dont want to go home",
        "the club is great",
        "he hurts my mum",
        "",
    ] {
        assert_eq!(a.score(text).to_bits(), b.score(text).to_bits(), "{text}");
        assert_eq!(a.assess(text), b.assess(text), "{text}");
    }
}

#[test]
fn text_without_words_is_never_flagged() {
    let m = SecondOpinion::default_model().unwrap();
    for text in ["", "   ", "?!", "..."] {
        assert_eq!(m.assess(text), None, "{text:?}");
        assert_eq!(m.score(text), 0.0, "{text:?}");
    }
}

#[test]
fn it_flags_new_wording_only_for_what_it_was_shown() {
    // The base file says nothing about medicine; one copy adds a few texts about hoarding it.
    let base = synthetic(false);
    let mut taught = base.clone();
    for (i, t) in [
        "i have been saving up my tablets",
        "im keeping pills in a box under my bed",
        "i saved all my mums tablets",
        "i have a lot of pills hidden",
        "i keep collecting tablets for when i need them",
        "saving my pills so i can take them all",
    ]
    .iter()
    .enumerate()
    {
        taught.push_str(&format!("t{i},{t},1\n"));
    }
    let without = SecondOpinion::train(&base).unwrap();
    let with = SecondOpinion::train(&taught).unwrap();
    let probe = "i am saving my tablets in a drawer";
    assert!(with.assess(probe).is_some(), "{:?}", with.report());
    assert!(with.score(probe) > without.score(probe));
}

#[test]
fn flags_are_named_by_category_when_the_file_has_one() {
    let with = SecondOpinion::train(&synthetic(true)).unwrap();
    let flag = with.assess("my dad hits me and punches me").unwrap();
    assert_eq!(flag.category, "physical_abuse");
    let flag = with
        .assess("there is no food and i sleep on the floor")
        .unwrap();
    assert_eq!(flag.category, "neglect");
    assert!(flag.score >= with.threshold() && flag.score <= 1.0);
    assert!(
        flag.reason().starts_with("learned: 0."),
        "{}",
        flag.reason()
    );

    let without = SecondOpinion::train(&synthetic(false)).unwrap();
    let flag = without.assess("my dad hits me and punches me").unwrap();
    assert_eq!(flag.category, POSSIBLE_CONCERN);
}

#[test]
fn columns_are_found_by_name_in_any_order() {
    let csv = synthetic(false);
    let mut lines = csv.lines();
    lines.next();
    let mut swapped = String::from("flag,text,id\n");
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        swapped.push_str(&format!("{},{},{}\n", f[2], f[1], f[0]));
    }
    let a = SecondOpinion::train(&csv).unwrap();
    let b = SecondOpinion::train(&swapped).unwrap();
    assert_eq!(a.report(), b.report());
}

#[test]
fn bad_files_are_errors() {
    assert!(matches!(
        SecondOpinion::train("id,words,flag\n1,hi,0\n"),
        Err(LearnedError::MissingColumn("text"))
    ));
    assert!(matches!(
        SecondOpinion::train("id,text\n1,hi\n"),
        Err(LearnedError::MissingColumn("flag"))
    ));
    assert!(matches!(
        SecondOpinion::train("id,text,flag\n1,hi,maybe\n"),
        Err(LearnedError::BadFlag { row: 1 })
    ));
    assert!(matches!(
        SecondOpinion::train("id,text,flag\n1,i want to die,1\n2,hello,0\n"),
        Err(LearnedError::TooFew {
            concerning: 1,
            harmless: 1
        })
    ));
}

#[test]
fn the_threshold_keeps_most_recall_within_the_precision_and_false_alarm_limits() {
    // Scores 0.9..0.1; gold: the top four concerning, then a harmless one, then mixed.
    let scored = vec![
        (0.9, true),
        (0.8, true),
        (0.7, true),
        (0.6, true),
        (0.5, false),
        (0.4, true),
        (0.3, false),
        (0.2, false),
        (0.1, false),
    ];
    let r = choose_threshold(scored);
    // Cutting after 0.4 would reach recall 1 with balanced precision 0.8, but flags a quarter
    // of the harmless texts (over MAX_FALSE_ALARM_RATE); the cut after 0.6 flags none.
    assert!((r.threshold - 0.55).abs() < 1e-12, "{r:?}");
    assert_eq!(r.recall, 0.8);
    assert_eq!(r.false_alarm_rate, 0.0);
    assert_eq!(r.precision, 1.0);
    let none = choose_threshold(vec![(0.9, false), (0.1, true)]);
    assert!(none.threshold.is_infinite() && none.recall == 0.0);
}
