//! Pure link types: the kinds of thing that can be linked, and a link between two of them.

use crate::string_enum;

string_enum! {
    /// What a link points from or to.
    Kind {
        Theme = "theme",
        Experiment = "experiment",
        Decision = "decision",
    }
}

/// One thing in a project: its kind and id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Thing {
    pub kind: Kind,
    pub id: i64,
}

impl Thing {
    /// A theme.
    pub fn theme(id: i64) -> Thing {
        Thing {
            kind: Kind::Theme,
            id,
        }
    }

    /// A decision.
    pub fn decision(id: i64) -> Thing {
        Thing {
            kind: Kind::Decision,
            id,
        }
    }

    /// An experiment.
    pub fn experiment(id: i64) -> Thing {
        Thing {
            kind: Kind::Experiment,
            id,
        }
    }
}

/// A link from evidence (`from`) to what it supports or prompted (`to`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub from: Thing,
    pub to: Thing,
    pub note: String,
}
