//! Page numbers and page sizes as they arrive in a query string, parsed once into a bounded
//! [`Paging`] so that no offset can overflow: the one parser for the API and the pages alike.

use serde::Deserialize;
use utoipa::IntoParams;

use crate::fields::FieldErrors;

/// The highest page number anyone may ask for (far beyond any real list).
pub const MAX_PAGE: u64 = 1_000_000;

/// `?page=&per_page=` as sent. Kept as text, so that a number out of range or not a number at
/// all becomes a message naming the field rather than the framework's own refusal.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page number, from 1 to 1,000,000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 1_000_000)]
    pub page: Option<String>,
    /// Items per page, from 1 to 200 (default 50).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    pub per_page: Option<String>,
}

/// How many items one page of a list holds.
#[derive(Clone, Copy, Debug)]
pub enum PageSize {
    /// Always this many; a `per_page` sent is ignored (the pages people read).
    Fixed(u64),
    /// `per_page` from 1 to `max`, `default` when not sent (the API).
    UpTo {
        /// Used when no `per_page` is sent.
        default: u64,
        /// The most one page may hold.
        max: u64,
    },
}

/// A page of a list: a page number from 1 to [`MAX_PAGE`] and a size from 1 to its maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    page: u64,
    per_page: u64,
}

fn whole_number(raw: Option<&str>, default: u64, max: u64) -> Result<u64, ()> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(text) => text
            .parse::<u64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or(()),
    }
}

impl Paging {
    /// Reads a query: `page` from 1 to [`MAX_PAGE`] (default 1) and `per_page` as `size`
    /// allows; anything else is an error naming the field.
    pub fn parse(query: &PageQuery, size: PageSize) -> Result<Paging, FieldErrors> {
        let mut errors = FieldErrors::new();
        let page = errors.take(
            "page",
            whole_number(query.page.as_deref(), 1, MAX_PAGE).map_err(|()| {
                format!("The page number must be a whole number from 1 to {MAX_PAGE}")
            }),
        );
        let per_page = match size {
            PageSize::Fixed(n) => Some(n.max(1)),
            PageSize::UpTo { default, max } => errors.take(
                "per_page",
                whole_number(query.per_page.as_deref(), default, max)
                    .map_err(|()| format!("per_page must be a whole number from 1 to {max}")),
            ),
        };
        match (page, per_page) {
            (Some(page), Some(per_page)) if errors.is_empty() => Ok(Paging { page, per_page }),
            _ => Err(errors),
        }
    }

    /// The first page of `per_page` items.
    pub fn first(per_page: u64) -> Paging {
        Paging {
            page: 1,
            per_page: per_page.max(1),
        }
    }

    /// This page, or `last` when it lies beyond it (a list that has shrunk shows its end).
    pub fn at_most(self, last: u64) -> Paging {
        Paging {
            page: self.page.min(last.max(1)),
            ..self
        }
    }

    /// The page number, from 1.
    pub fn page(&self) -> u64 {
        self.page
    }

    /// Items on one page.
    pub fn per_page(&self) -> u64 {
        self.per_page
    }

    /// Items before this page. Both parts are bounded, so this never overflows, and it stays
    /// below `i64::MAX` as the databases require; saturating all the same.
    pub fn offset(&self) -> u64 {
        (self.page - 1).saturating_mul(self.per_page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(page: Option<&str>, per_page: Option<&str>) -> PageQuery {
        PageQuery {
            page: page.map(str::to_owned),
            per_page: per_page.map(str::to_owned),
        }
    }

    const API: PageSize = PageSize::UpTo {
        default: 50,
        max: 200,
    };

    #[test]
    fn nothing_sent_is_the_first_page_of_the_default_size() {
        let p = Paging::parse(&query(None, Some(" ")), API).unwrap();
        assert_eq!((p.page(), p.per_page(), p.offset()), (1, 50, 0));
    }

    #[test]
    fn the_largest_page_has_an_offset_the_database_can_take() {
        let p = Paging::parse(&query(Some("1000000"), Some("200")), API).unwrap();
        assert_eq!(p.offset(), 999_999 * 200);
        assert!(i64::try_from(p.offset()).is_ok());
    }

    #[test]
    fn out_of_range_or_unreadable_values_name_their_field() {
        for (page, per_page, field) in [
            ("0", "10", "page"),
            ("-1", "10", "page"),
            ("9223372036854775807", "10", "page"),
            ("1000001", "10", "page"),
            ("two", "10", "page"),
            ("1", "0", "per_page"),
            ("1", "201", "per_page"),
            ("1", "1e3", "per_page"),
        ] {
            let errors = Paging::parse(&query(Some(page), Some(per_page)), API).unwrap_err();
            assert!(errors.get(field).is_some(), "{page} {per_page}");
        }
    }

    #[test]
    fn a_fixed_size_ignores_per_page_and_a_page_beyond_the_end_shows_the_end() {
        let p = Paging::parse(&query(Some("7"), Some("100000")), PageSize::Fixed(25)).unwrap();
        assert_eq!(p.per_page(), 25);
        assert_eq!(p.at_most(3).page(), 3);
        assert_eq!(p.at_most(0).page(), 1);
    }
}
