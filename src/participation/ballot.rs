//! What a voter sent, parsed (pure): one choice per item, an optional "tell us more" and, on a
//! mixed round, who they are. The public page's form and the API's vote both go through
//! [`Vote::parse`], so they answer the same input the same way.

use crate::fields::FieldErrors;
use crate::participation::model::{Choice, ItemId, Who};

/// Longest "tell us more", in characters.
pub const COMMENT_MAX: usize = 1000;

/// One choice on one item, with what the person told us about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vote {
    pub item: ItemId,
    pub choice: Choice,
    pub comment: Option<String>,
}

/// Every choice sent at once, and who sent them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ballot {
    pub who: Who,
    pub votes: Vec<Vote>,
}

/// The form field for an item's choice.
pub fn vote_field(item: ItemId) -> String {
    format!("vote-{}", item.0)
}

/// The form field for an item's "tell us more".
pub fn more_field(item: ItemId) -> String {
    format!("more-{}", item.0)
}

impl Vote {
    /// One item's choice and comment, with problems recorded under `field` and `more`; `None`
    /// when nothing was chosen or written (or when something needs another look).
    pub fn parse(
        item: ItemId,
        choice: &str,
        comment: &str,
        fields: (&str, &str),
        e: &mut FieldErrors,
    ) -> Option<Vote> {
        let (field, more) = fields;
        let comment = e.text(more, "What you tell us", comment, COMMENT_MAX);
        let comment = comment.trim();
        let choice = match choice.trim() {
            "" if comment.is_empty() => return None,
            "" => {
                e.add(
                    field,
                    "Choose agree, not sure or disagree before you tell us more",
                );
                return None;
            }
            text => Choice::parse(text),
        };
        let Some(choice) = choice else {
            e.add(field, "Choose agree, not sure or disagree");
            return None;
        };
        Some(Vote {
            item,
            choice,
            comment: (!comment.is_empty()).then(|| comment.to_owned()),
        })
    }
}

/// Whether a round asks "Who are you?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asked {
    /// A round for one audience: every voter counts in its group.
    Not(Who),
    /// A mixed round: what the voter chose, else what this device said before (else "I'd
    /// rather not say").
    Yes { remembered: Option<Who> },
}

/// Who the voter is, from what was `sent` (`None` when the question was not answered).
pub fn parse_who(asked: Asked, sent: Option<&str>, e: &mut FieldErrors) -> Who {
    let remembered = match asked {
        Asked::Not(who) => return who,
        Asked::Yes { remembered } => remembered,
    };
    match sent.map(str::trim) {
        None | Some("") => remembered.unwrap_or(Who::Unsaid),
        Some(text) => Who::parse(text).unwrap_or_else(|| {
            e.add("who", "Select who you are, or I'd rather not say");
            Who::Unsaid
        }),
    }
}

impl Ballot {
    /// The public form: a choice (and perhaps a comment) for at least one of `items`.
    pub fn parse(
        items: &[ItemId],
        pairs: &[(String, String)],
        asked: Asked,
    ) -> Result<Ballot, FieldErrors> {
        let find = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let get = |name: &str| find(name).unwrap_or("");
        let mut e = FieldErrors::new();
        let who = parse_who(asked, find("who"), &mut e);
        let mut votes = Vec::new();
        for item in items {
            let (field, more) = (vote_field(*item), more_field(*item));
            if let Some(v) = Vote::parse(*item, get(&field), get(&more), (&field, &more), &mut e) {
                votes.push(v);
            }
        }
        if votes.is_empty()
            && e.is_empty()
            && let Some(first) = items.first()
        {
            e.add(
                vote_field(*first),
                "Choose agree, not sure or disagree for at least one thing",
            );
        }
        if e.is_empty() {
            Ok(Ballot { who, votes })
        } else {
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIXED: Asked = Asked::Yes { remembered: None };

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_ballot_takes_the_items_chosen_and_their_comments() {
        let items = [ItemId(1), ItemId(2)];
        let b = Ballot::parse(
            &items,
            &pairs(&[
                ("vote-1", "agree"),
                ("more-1", " Yes "),
                ("who", "families"),
            ]),
            MIXED,
        )
        .unwrap();
        assert_eq!(b.who, Who::Families);
        assert_eq!(b.votes.len(), 1);
        assert_eq!(b.votes[0].comment.as_deref(), Some("Yes"));
    }

    #[test]
    fn nothing_chosen_a_comment_alone_or_a_strange_choice_is_refused() {
        let items = [ItemId(1)];
        assert!(Ballot::parse(&items, &[], MIXED).is_err());
        let e = Ballot::parse(&items, &pairs(&[("more-1", "hi")]), MIXED).unwrap_err();
        assert!(e.get("vote-1").is_some());
        let e = Ballot::parse(&items, &pairs(&[("vote-1", "maybe")]), MIXED).unwrap_err();
        assert!(e.get("vote-1").is_some());
        let e =
            Ballot::parse(&items, &pairs(&[("vote-1", "agree"), ("who", "x")]), MIXED).unwrap_err();
        assert!(e.get("who").is_some());
    }

    #[test]
    fn a_round_for_one_audience_counts_its_voters_in_it() {
        let b = Ballot::parse(
            &[ItemId(1)],
            &pairs(&[("vote-1", "not_sure"), ("who", "practitioners")]),
            Asked::Not(Who::Children),
        )
        .unwrap();
        assert_eq!(b.who, Who::Children);
    }

    #[test]
    fn a_mixed_round_remembers_who_a_device_said_it_was() {
        let asked = Asked::Yes {
            remembered: Some(Who::Families),
        };
        let b = Ballot::parse(&[ItemId(1)], &pairs(&[("vote-1", "agree")]), asked).unwrap();
        assert_eq!(b.who, Who::Families);
        let b = Ballot::parse(
            &[ItemId(1)],
            &pairs(&[("vote-1", "agree"), ("who", "unsaid")]),
            asked,
        )
        .unwrap();
        assert_eq!(b.who, Who::Unsaid);
    }
}
