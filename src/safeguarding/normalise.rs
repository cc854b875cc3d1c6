//! The scanner's word pipeline (pure): tokens → spelling clean-up for children's writing and
//! text speak → lemma (irregular forms such as "beaten" → "beat", "ran" → "run") → stem. The
//! lexicon, the rules and the scanned text all go through the same pipeline, so an entry
//! written once ("hit") catches every inflection ("hits", "hitting", "hitted").

use crate::text::{TextStemmer, tokenize};

/// Two tokens that are one word to the scanner ("step dad" → "stepdad", "no one" → "nobody").
fn merge(a: &str, b: &str) -> Option<&'static str> {
    Some(match (a, b) {
        ("no", "one") | ("no", "body") | ("no", "1") => "nobody",
        ("my", "self") => "myself",
        ("your", "self") | ("ur", "self") => "yourself",
        ("cyber", "bullying") | ("cyber", "bullied") => "cyberbullying",
        ("self", "harm") | ("self", "harming") | ("self", "harmed") | ("self", "harms") => {
            "selfharm"
        }
        ("step", "dad") | ("step", "father") => "stepdad",
        ("step", "mum") | ("step", "mom") | ("step", "mother") => "stepmum",
        ("step", "brother") => "stepbrother",
        ("step", "sister") => "stepsister",
        ("foster", "carer") | ("foster", "carers") => "fostercarer",
        ("grand", "dad") | ("grand", "pa") => "grandad",
        ("grand", "ma") | ("grand", "mum") => "nan",
        ("any", "more") => "anymore",
        ("a", "lot") => "alot",
        _ => return None,
    })
}

/// One token as the scanner reads it: misspellings, text speak and contractions written out.
fn respell(t: &str) -> &[&'static str] {
    match t {
        "wanna" | "wana" => &["want", "to"],
        "gonna" | "gona" => &["going", "to"],
        "gotta" => &["got", "to"],
        "im" | "iam" => &["i", "am"],
        "ive" => &["i", "have"],
        "id" => &["i", "would"],
        "hes" => &["he", "is"],
        "its" | "tis" => &["it", "is"],
        "whats" => &["what", "is"],
        "hell" => &["he", "will"],
        "shell" => &["she", "will"],
        "theyll" => &["they", "will"],
        "shes" => &["she", "is"],
        "theyre" | "ther" => &["they", "are"],
        "dont" | "dnt" | "doesnt" | "didnt" | "dosnt" | "dosent" | "doesent" | "didint" => {
            &["do", "not"]
        }
        "cant" | "cannot" | "carnt" => &["can", "not"],
        "wont" => &["will", "not"],
        "isnt" | "aint" => &["is", "not"],
        "wasnt" | "werent" => &["was", "not"],
        "havent" | "hasnt" | "hadnt" => &["have", "not"],
        "shouldnt" | "wouldnt" | "couldnt" => &["would", "not"],
        "noone" | "nobdy" | "nobodys" | "nobodies" => &["nobody"],
        "u" | "ya" | "yu" => &["you"],
        "ur" | "youre" | "yor" => &["your"],
        "r" => &["are"],
        "ppl" | "peeps" => &["people"],
        "bf" => &["boyfriend"],
        "gf" => &["girlfriend"],
        "kys" => &["kill", "yourself"],
        "kms" => &["kill", "myself"],
        "unalive" | "unalived" | "unaliving" => &["kill"],
        "od" | "oded" => &["overdose"],
        "myslef" | "mysef" | "meself" | "mysel" | "mself" | "myselfe" | "myselff" => &["myself"],
        "kil" | "kll" => &["kill"],
        "killin" => &["killing"],
        "sucide" | "suiside" | "suicid" | "sucid" | "suacide" | "suicde" | "suiside." => {
            &["suicide"]
        }
        "sucidal" | "suicidle" | "suisidal" | "sucicidal" | "suicidel" => &["suicidal"],
        "scard" | "skared" | "scaird" | "scaed" | "scarred" | "scarde" | "sacred" => &["scared"],
        "frightend" | "fritened" | "frighted" => &["frightened"],
        "hurtin" | "hertin" | "hurtting" => &["hurting"],
        "hert" | "hirt" | "hurted" => &["hurt"],
        "hertz" | "herts" | "hurtz" => &["hurts"],
        "tuches" | "touchs" | "tuchs" | "tutches" => &["touches"],
        "tuch" | "tutch" => &["touch"],
        "tuched" | "touchd" => &["touched"],
        "secrit" | "secert" | "sekret" | "seceret" => &["secret"],
        "secrits" | "secerts" | "sekrets" => &["secrets"],
        "hungery" | "hungy" | "hungrey" => &["hungry"],
        "bulied" | "bullyed" | "bullid" => &["bullied"],
        "buly" | "bulli" => &["bully"],
        "bulys" | "bullys" => &["bullies"],
        "dieing" | "dyin" => &["dying"],
        "ded" => &["dead"],
        "becuase" | "cos" | "coz" | "cuz" | "becos" | "bcos" | "bc" | "bcz" | "bcuz" | "becoz"
        | "becaus" | "beacuse" | "cause" | "cus" => &["because"],
        "wen" => &["when"],
        "wiv" | "wif" | "wit" => &["with"],
        "evry" | "evrey" => &["every"],
        "evryday" | "everyday" => &["every", "day"],
        "evryone" | "every1" | "evry1" => &["everyone"],
        "sum1" | "some1" => &["someone"],
        "any1" => &["anyone"],
        "realy" | "rly" | "relly" => &["really"],
        "sumtimes" | "somtimes" | "sometims" => &["sometimes"],
        "skool" | "skl" | "scool" | "shcool" => &["school"],
        "nite" | "nyt" => &["night"],
        "tonite" => &["tonight"],
        "hom" => &["home"],
        "mam" | "mom" | "mummy" | "mammy" | "mumma" | "mama" | "ma" => &["mum"],
        "daddy" | "da" | "dada" | "pops" => &["dad"],
        "nana" | "nanna" | "gran" | "granny" | "grandma" | "nanny" => &["nan"],
        "grandpa" | "grampa" | "grandad" | "granddad" | "gramps" => &["grandad"],
        "stepdad" | "stepdads" | "stepfather" => &["stepdad"],
        "stepmum" | "stepmom" | "stepmother" => &["stepmum"],
        "bro" | "bruv" => &["brother"],
        "sis" => &["sister"],
        "pics" | "pix" | "piccies" => &["pictures"],
        "pic" => &["picture"],
        "nudez" | "noods" | "nudies" => &["nudes"],
        "snap" | "sc" => &["snapchat"],
        "insta" | "ig" => &["instagram"],
        "msg" | "msgs" | "dm" | "dms" | "dmed" | "dmd" | "txt" | "txts" | "texted" => &["message"],
        "knifes" => &["knives"],
        "tabs" | "tablets" | "tablet" => &["tablets"],
        "meds" | "medication" | "medicines" => &["medicine"],
        "paracetamol" | "paracetemol" | "parecetamol" | "painkillers" | "ibuprofen" => &["pills"],
        "wiped" | "wipe" => &["wipe"],
        "hitted" | "hited" => &["hit"],
        "beated" => &["beat"],
        "throwed" | "thrown" => &["throw"],
        _ => &[],
    }
}

/// Irregular forms (after respelling) and the lemma the lexicon uses for them.
fn irregular(t: &str) -> Option<&'static str> {
    Some(match t {
        "beaten" | "beats" | "beating" => "beat",
        "bit" | "bitten" => "bite",
        "broke" | "broken" => "break",
        "burnt" => "burn",
        "caught" | "catched" => "catch",
        "threw" => "throw",
        "took" | "taken" => "take",
        "told" => "tell",
        "left" => "leave",
        "ran" => "run",
        "stole" | "stolen" => "steal",
        "fought" => "fight",
        "shook" | "shaken" => "shake",
        "slept" => "sleep",
        "fed" => "feed",
        "ate" | "eaten" => "eat",
        "gave" | "given" => "give",
        "made" => "make",
        "sent" => "send",
        "swore" | "sworn" => "swear",
        "kept" => "keep",
        "felt" => "feel",
        "got" | "gotten" | "gets" | "getting" | "gettin" => "get",
        "went" | "gone" => "go",
        "saw" | "seen" => "see",
        "said" | "sed" => "say",
        "came" => "come",
        "did" | "done" | "does" => "do",
        "had" | "has" => "have",
        "was" | "were" | "is" | "am" | "are" | "been" | "being" | "be" => "be",
        "drank" | "drunk" => "drink",
        "hid" | "hidden" => "hide",
        "stuck" => "stick",
        "brought" => "bring",
        "bought" => "buy",
        "met" => "meet",
        "held" => "hold",
        "lost" => "lose",
        "paid" => "pay",
        "shot" => "shoot",
        "struck" => "strike",
        "woke" | "woken" => "wake",
        "tore" | "torn" => "tear",
        "hung" => "hang",
        "flung" => "fling",
        "knew" | "known" => "know",
        "fell" | "fallen" => "fall",
        "spat" => "spit",
        "forgot" | "forgotten" => "forget",
        "lied" | "lying" => "lie",
        "men" => "man",
        "women" => "woman",
        "children" | "kids" => "child",
        "people" => "person",
        "knives" => "knife",
        "wives" => "wife",
        "died" | "dies" | "dying" => "die",
        "worse" | "worst" => "bad",
        _ => return None,
    })
}

/// The scanner's stems for `text`: one per word after clean-up.
pub fn stems(stemmer: &TextStemmer, text: &str) -> Vec<String> {
    let tokens = tokenize(text);
    let mut out = Vec::with_capacity(tokens.len() + 4);
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        if let Some(m) = tokens.get(i + 1).and_then(|n| merge(t, n)) {
            out.push(stem_one(stemmer, m));
            i += 2;
            continue;
        }
        let rep = respell(t);
        if rep.is_empty() {
            out.push(stem_one(stemmer, t));
        } else {
            out.extend(rep.iter().map(|w| stem_one(stemmer, w)));
        }
        i += 1;
    }
    out
}

fn stem_one(stemmer: &TextStemmer, word: &str) -> String {
    match irregular(word) {
        Some(lemma) => stemmer.stem(lemma),
        None => stemmer.stem(word),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_inflection_and_irregular_form_reaches_one_stem() {
        let s = TextStemmer::new();
        let one = |t: &str| stems(&s, t);
        assert_eq!(one("smacked smacking smacks smack"), vec!["smack"; 4]);
        assert_eq!(
            one("beaten beat beats hitted hits"),
            ["beat", "beat", "beat", "hit", "hit"]
        );
        assert_eq!(one("ran runs running"), vec!["run"; 3]);
        assert_eq!(one("got gets getting get"), vec!["get"; 4]);
    }

    #[test]
    fn text_speak_and_two_word_spellings_are_written_out() {
        let s = TextStemmer::new();
        assert_eq!(
            stems(&s, "im scard of my step dad"),
            stems(&s, "i am scared of my stepdad")
        );
        assert_eq!(stems(&s, "no one"), stems(&s, "nobody"));
        assert_eq!(stems(&s, "he dont"), ["he", "do", "not"]);
        assert_eq!(stems(&s, "kys"), stems(&s, "kill yourself"));
    }
}
