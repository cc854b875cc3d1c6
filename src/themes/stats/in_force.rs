//! The rule "a theme is in force on an answer" (an accepted coding no steward has removed; see
//! `themes::model::applied_themes`) in SQL, for queries that count in the database.

use entity::coding;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};

use crate::themes::model::{CodingStatus, Source};

/// A steward's removal of coding `c`'s theme from `c`'s answer (`EXISTS` of it means the
/// coding is not in force): the SQL form of the rule in `model::applied_themes`.
pub fn removed_by_steward() -> SelectStatement {
    let (c, r) = (Alias::new("c"), Alias::new("r"));
    Query::select()
        .expr(Expr::val(1))
        .from_as(coding::Entity, r.clone())
        .and_where(
            Expr::col((r.clone(), coding::Column::AnswerId))
                .equals((c.clone(), coding::Column::AnswerId)),
        )
        .and_where(
            Expr::col((r.clone(), coding::Column::ThemeId)).equals((c, coding::Column::ThemeId)),
        )
        .and_where(Expr::col((r.clone(), coding::Column::Source)).eq(Source::Steward.as_str()))
        .and_where(Expr::col((r, coding::Column::Status)).eq(CodingStatus::Rejected.as_str()))
        .to_owned()
}

/// The ids of the answers `theme` is in force on (accepted, not removed by a steward), as a
/// subquery for `IN`.
pub fn in_force_answers(theme: i64) -> SelectStatement {
    let c = Alias::new("c");
    Query::select()
        .column((c.clone(), coding::Column::AnswerId))
        .from_as(coding::Entity, c.clone())
        .and_where(Expr::col((c.clone(), coding::Column::ThemeId)).eq(theme))
        .and_where(Expr::col((c, coding::Column::Status)).eq(CodingStatus::Accepted.as_str()))
        .and_where(Expr::not_exists(removed_by_steward()))
        .to_owned()
}
