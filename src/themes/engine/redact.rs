//! Redaction of quotes: email addresses, UK phone numbers, UK postcodes and names (where
//! detectable) are replaced by `[email removed]`, `[phone removed]`, `[postcode removed]`
//! and `[name removed]`. Hand-written scanners, no regex.

/// Replacement for email addresses.
pub const EMAIL: &str = "[email removed]";
/// Replacement for phone numbers.
pub const PHONE: &str = "[phone removed]";
/// Replacement for postcodes.
pub const POSTCODE: &str = "[postcode removed]";
/// Replacement for names.
pub const NAME: &str = "[name removed]";

/// Common UK first names; matched only when capitalised and not sentence-initial.
const FIRST_NAMES: &[&str] = &[
    "aaron", "adam", "aisha", "alex", "alfie", "alice", "amelia", "amy", "archie", "ava", "ben",
    "charlie", "chloe", "daniel", "david", "ella", "ellie", "emily", "emma", "ethan", "evie",
    "freddie", "george", "grace", "harry", "harvey", "isla", "isabella", "jack", "jacob", "james",
    "jessica", "john", "joshua", "kai", "katie", "leo", "lily", "lucy", "luke", "mia", "michael",
    "mohammed", "muhammad", "noah", "oliver", "olivia", "oscar", "poppy", "rosie", "ruby", "sam",
    "sarah", "sophie", "thomas", "tom", "william", "zara",
];
const TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "mx"];

type Span = (usize, usize, &'static str);

fn is_email_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn emails(s: &str, out: &mut Vec<Span>) {
    let b: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(_, c)) in b.iter().enumerate() {
        if c != '@' {
            continue;
        }
        let mut st = k;
        while st > 0 && is_email_char(b[st - 1].1) {
            st -= 1;
        }
        let mut en = k + 1;
        while en < b.len() && (b[en].1.is_ascii_alphanumeric() || matches!(b[en].1, '.' | '-')) {
            en += 1;
        }
        while en > k + 1 && b[en - 1].1 == '.' {
            en -= 1;
        }
        let domain: String = b[k + 1..en].iter().map(|x| x.1).collect();
        if st < k && domain.contains('.') && !domain.starts_with('.') {
            let end = b.get(en).map_or(s.len(), |x| x.0);
            out.push((b[st].0, end, EMAIL));
        }
    }
}

fn phones(s: &str, out: &mut Vec<Span>) {
    let b: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = 0;
    while k < b.len() {
        let c = b[k].1;
        let boundary = k == 0 || !b[k - 1].1.is_alphanumeric();
        let starts = (c == '0' && boundary)
            || (c == '+'
                && b.get(k + 1).map(|x| x.1) == Some('4')
                && b.get(k + 2).map(|x| x.1) == Some('4'))
            || (c == '(' && b.get(k + 1).map(|x| x.1) == Some('0'));
        if !starts {
            k += 1;
            continue;
        }
        let intl = c == '+';
        let (mut en, mut digits, mut last_digit) = (k, 0, k);
        while en < b.len() {
            let ch = b[en].1;
            if ch.is_ascii_digit() {
                digits += 1;
                last_digit = en;
            } else if !(matches!(ch, ' ' | '-' | '(' | ')' | '+') && (ch != '+' || en == k)) {
                break;
            }
            if digits >= if intl { 12 } else { 11 } {
                break;
            }
            en += 1;
        }
        let ok_len = if intl {
            digits == 12
        } else {
            digits == 10 || digits == 11
        };
        let next_ok = b.get(last_digit + 1).is_none_or(|x| !x.1.is_alphanumeric());
        if ok_len && next_ok {
            let end = b.get(last_digit + 1).map_or(s.len(), |x| x.0);
            out.push((b[k].0, end, PHONE));
            k = last_digit + 1;
        } else {
            k += 1;
        }
    }
}

/// Word spans (byte start, byte end) of alphanumeric runs.
fn words(s: &str) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            v.push((st, i));
        }
    }
    if let Some(st) = start {
        v.push((st, s.len()));
    }
    v
}

fn is_postcode(out: &str, inw: &str) -> bool {
    let o: Vec<char> = out.chars().collect();
    let i: Vec<char> = inw.chars().collect();
    let inward = i.len() == 3
        && i[0].is_ascii_digit()
        && i[1].is_ascii_alphabetic()
        && i[2].is_ascii_alphabetic();
    let a = |c: &char| c.is_ascii_alphabetic();
    let d = |c: &char| c.is_ascii_digit();
    let outward = match o.len() {
        2 => a(&o[0]) && d(&o[1]),
        3 => {
            a(&o[0]) && (d(&o[1]) || a(&o[1])) && d(&o[2])
                || (a(&o[0]) && d(&o[1]) && (d(&o[2]) || a(&o[2])))
        }
        4 => a(&o[0]) && a(&o[1]) && d(&o[2]) && (d(&o[3]) || a(&o[3])),
        _ => false,
    };
    inward && outward
}

fn postcodes(s: &str, ws: &[(usize, usize)], out: &mut Vec<Span>) {
    for (k, &(st, en)) in ws.iter().enumerate() {
        let w = &s[st..en];
        // "SW1A 1AA" as two words separated by exactly one space.
        if let Some(&(st2, en2)) = ws.get(k + 1)
            && &s[en..st2] == " "
            && is_postcode(w, &s[st2..en2])
        {
            out.push((st, en2, POSTCODE));
        } else if w.is_ascii()
            && (5..=7).contains(&w.len())
            && is_postcode(&w[..w.len() - 3], &w[w.len() - 3..])
        {
            out.push((st, en, POSTCODE));
        }
    }
}

fn capitalised(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && c.all(|x| x.is_lowercase() || x == '\'')
}

fn sentence_initial(s: &str, start: usize) -> bool {
    s[..start]
        .chars()
        .rev()
        .find(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '(' | '“'))
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '\n'))
}

fn names(s: &str, ws: &[(usize, usize)], out: &mut Vec<Span>) {
    let lw: Vec<String> = ws.iter().map(|&(a, b)| s[a..b].to_lowercase()).collect();
    let word = |k: usize| &s[ws[k].0..ws[k].1];
    let mut k = 0;
    while k < ws.len() {
        // Triggers after which the next word is a name.
        let (after, need_cap) =
            if k + 2 < ws.len() && lw[k] == "my" && lw[k + 1] == "name" && lw[k + 2] == "is" {
                (k + 3, false)
            } else if k + 1 < ws.len() && lw[k] == "name" && (lw[k + 1] == "s" || lw[k + 1] == "is")
            {
                (k + 2, true)
            } else if lw[k] == "called"
                || lw[k] == "named"
                || (TITLES.contains(&lw[k].as_str()) && capitalised(word(k)))
            {
                (k + 1, true)
            } else {
                (usize::MAX, true)
            };
        if after < ws.len()
            && word(after).chars().all(char::is_alphabetic)
            && (!need_cap || capitalised(word(after)))
        {
            let mut end = after;
            if end + 1 < ws.len()
                && capitalised(word(end + 1))
                && s[ws[end].1..ws[end + 1].0] == *" "
            {
                end += 1;
            }
            out.push((ws[after].0, ws[end].1, NAME));
            k = end + 1;
            continue;
        }
        if capitalised(word(k))
            && FIRST_NAMES.contains(&lw[k].as_str())
            && !sentence_initial(s, ws[k].0)
        {
            out.push((ws[k].0, ws[k].1, NAME));
        }
        k += 1;
    }
}

/// Redact emails, UK phone numbers, UK postcodes and detectable names in `text`.
///
/// ```
/// let r = chorus::themes::engine::redact::redact("Email me at a.b@x.org or ring 07700 900123");
/// assert_eq!(r, "Email me at [email removed] or ring [phone removed]");
/// ```
pub fn redact(text: &str) -> String {
    let mut spans: Vec<Span> = Vec::new();
    emails(text, &mut spans);
    phones(text, &mut spans);
    let ws = words(text);
    // Words inside an email are not names or postcodes.
    let free: Vec<(usize, usize)> = ws
        .iter()
        .copied()
        .filter(|&(a, b)| !spans.iter().any(|&(x, y, _)| a < y && x < b))
        .collect();
    postcodes(text, &free, &mut spans);
    names(text, &free, &mut spans);
    spans.sort_by_key(|&(a, b, _)| (a, std::cmp::Reverse(b)));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (a, b, rep) in spans {
        if a < pos {
            continue;
        }
        out.push_str(&text[pos..a]);
        out.push_str(rep);
        pos = b;
    }
    out.push_str(&text[pos..]);
    out
}
