//! Table-driven redaction tests.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test-only module

use crate::themes::engine::redact;

#[test]
fn redaction_table() {
    let cases = [
        (
            "contact jo.bloggs+1@example.co.uk please",
            "contact [email removed] please",
        ),
        ("ring me on 07700 900123.", "ring me on [phone removed]."),
        ("call +44 7700 900123 now", "call [phone removed] now"),
        ("office (020) 7946 0958", "office [phone removed]"),
        ("tel 0161-496-0000", "tel [phone removed]"),
        ("I live at SW1A 1AA now", "I live at [postcode removed] now"),
        ("postcode ne14ab", "postcode [postcode removed]"),
        ("M1 1AE is the centre", "[postcode removed] is the centre"),
        (
            "My name is Jamie Smith and I am 12",
            "My name is [name removed] and I am 12",
        ),
        ("my name is jamie", "my name is [name removed]"),
        ("I'm called Priya.", "I'm called [name removed]."),
        (
            "my worker is called Dave",
            "my worker is called [name removed]",
        ),
        ("a dog named Rex", "a dog named [name removed]"),
        ("Mrs Patel was lovely", "Mrs [name removed] was lovely"),
        ("thanks to Dr. Okafor", "thanks to Dr. [name removed]"),
        (
            "I played with Oliver today",
            "I played with [name removed] today",
        ),
        ("Oliver was nice.", "Oliver was nice."),
        ("the worker called me back", "the worker called me back"),
        (
            "I waited 2 hours and 10 minutes",
            "I waited 2 hours and 10 minutes",
        ),
        ("room 101 on level 3", "room 101 on level 3"),
        ("no personal data here", "no personal data here"),
    ];
    for (input, want) in cases {
        assert_eq!(redact(input), want, "input: {input}");
    }
}
