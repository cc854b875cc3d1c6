//! Which requests the audit log records, pure: a signed-in steward's (or API token holder's)
//! successful request that changes something, or that downloads an export; what object it
//! names; and the plain words an action is shown with.

use actix_web::http::{Method, StatusCode};

/// Routes where people answer, not administer: a steward who happens to be signed in while
/// filling in a form, voting in a round, using a receipt, asking for or leaving "You said, we
/// did" emails, or unsubscribing is not acting as a steward, and writing their name beside an
/// answer would undo its privacy.
const ANSWERING: [&str; 9] = [
    "/s/",
    "/p/",
    "/u/",
    "/receipt",
    "/resume",
    "/i/",
    "/unsubscribe/",
    "/api/v1/s/",
    "/api/v1/p/",
];

/// Whether `route` is an export download: a route whose pattern ends in `.csv` or `.xlsx`.
pub fn is_download(route: &str) -> bool {
    route.ends_with(".csv") || route.ends_with(".xlsx")
}

/// Whether a request made by a known steward is recorded: it succeeded (2xx or 3xx), is not on
/// an answering route, and either changed something (POST, PUT, PATCH, DELETE) or was a GET of
/// an export download.
pub fn is_audited(method: &Method, route: &str, status: StatusCode) -> bool {
    let succeeded = status.is_success() || status.is_redirection();
    let changes = matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    let downloads = *method == Method::GET && is_download(route);
    succeeded && (changes || downloads) && !ANSWERING.iter().any(|p| route.starts_with(p))
}

/// The object an entry names: the route's parameters that are ids (whole numbers), as
/// `name=value` in order. Anything else — a setup secret, an invitation token, a survey's
/// address — is left out, so the log never keeps a secret.
pub fn object<'a>(params: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    params
        .filter(|(_, v)| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) && v.len() <= 18)
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The id a route parameter holds in an object written by [`object`].
pub fn param(object: &str, name: &str) -> Option<i64> {
    object
        .split(' ')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == name)
        .and_then(|(_, v)| v.parse().ok())
}

/// Plain words for the actions people look for most; others are shown by method and route.
const WORDS: [(&str, &str, &str); 34] = [
    ("POST", "/sign-in", "Signed in"),
    ("POST", "/sign-out", "Signed out"),
    ("POST", "/setup/{secret}", "Set up the first administrator"),
    (
        "POST",
        "/invite/{secret}",
        "Accepted an invitation to an account",
    ),
    ("POST", "/account/tokens", "Made an API token"),
    (
        "POST",
        "/account/tokens/{id}/revoke",
        "Revoked an API token",
    ),
    ("POST", "/admin/stewards", "Invited a person to sign in"),
    (
        "POST",
        "/admin/stewards/{id}/role",
        "Changed a person's role",
    ),
    (
        "POST",
        "/admin/stewards/{id}/disable",
        "Turned off a person's account",
    ),
    (
        "POST",
        "/admin/stewards/{id}/enable",
        "Turned on a person's account",
    ),
    (
        "POST",
        "/admin/stewards/{id}/invite-link",
        "Made a new invitation link",
    ),
    (
        "POST",
        "/admin/mail/{id}/resend",
        "Sent a failed message again",
    ),
    ("POST", "/projects/new", "Made a project"),
    ("POST", "/projects/{id}/edit", "Changed a project"),
    ("POST", "/projects/{id}/members", "Added a project member"),
    (
        "POST",
        "/projects/{id}/members/{steward}/remove",
        "Removed a project member",
    ),
    ("POST", "/projects/{id}/surveys/new", "Made a survey"),
    (
        "POST",
        "/surveys/{id}/settings",
        "Changed a survey's settings",
    ),
    ("POST", "/surveys/{id}/publish", "Published a survey"),
    ("POST", "/surveys/{id}/close", "Closed a survey"),
    ("POST", "/surveys/{id}/reopen", "Opened a survey again"),
    ("POST", "/surveys/{id}/questions/new", "Added a question"),
    (
        "POST",
        "/surveys/{id}/questions/{question}/edit",
        "Changed a question",
    ),
    (
        "POST",
        "/surveys/{id}/questions/{question}/delete",
        "Deleted a question",
    ),
    (
        "POST",
        "/projects/{id}/themes/{theme}/merge",
        "Merged two themes",
    ),
    (
        "POST",
        "/projects/{id}/themes/{theme}/retire",
        "Retired a theme",
    ),
    (
        "POST",
        "/projects/{id}/themes/{theme}/restore",
        "Restored a theme",
    ),
    (
        "POST",
        "/projects/{id}/safeguarding/{flag}/review",
        "Reviewed a safeguarding flag",
    ),
    (
        "POST",
        "/projects/{id}/experiments/{experiment}/decide",
        "Made a decision on an experiment",
    ),
    ("POST", "/api/v1/surveys/{id}/publish", "Published a survey"),
    ("POST", "/api/v1/surveys/{id}/close", "Closed a survey"),
    ("PUT", "/api/v1/surveys/{id}", "Replaced a survey"),
    (
        "POST",
        "/api/v1/experiments/{id}/transitions",
        "Made a decision on an experiment",
    ),
    ("GET", "/admin/audit.csv", "Downloaded the audit log"),
];

/// How an action is shown: plain words where there are some, else "Downloaded …" for an
/// export, else the method and route.
pub fn describe(method: &str, route: &str) -> String {
    if let Some((_, _, words)) = WORDS.iter().find(|(m, r, _)| *m == method && *r == route) {
        return (*words).to_owned();
    }
    if method == "GET" && is_download(route) {
        let file = route.rsplit('/').next().unwrap_or(route);
        return format!("Downloaded {file}");
    }
    format!("{method} {route}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_successful_changes_and_downloads_outside_the_runner_are_recorded() {
        let ok = StatusCode::SEE_OTHER;
        assert!(is_audited(&Method::POST, "/surveys/{id}/publish", ok));
        assert!(is_audited(
            &Method::GET,
            "/surveys/{id}/responses.csv",
            StatusCode::OK
        ));
        assert!(!is_audited(&Method::GET, "/surveys/{id}", StatusCode::OK));
        assert!(!is_audited(
            &Method::POST,
            "/surveys/{id}/publish",
            StatusCode::FORBIDDEN
        ));
        assert!(!is_audited(&Method::POST, "/s/{slug}/form", ok));
        assert!(!is_audited(
            &Method::POST,
            "/api/v1/s/{slug}/responses",
            StatusCode::CREATED
        ));
    }

    #[test]
    fn objects_keep_ids_and_never_secrets() {
        let params = [
            ("id", "4"),
            ("secret", "abc123"),
            ("question", "9"),
            ("slug", "12ab"),
        ];
        let o = object(params.into_iter());
        assert_eq!(o, "id=4 question=9");
        assert_eq!(param(&o, "question"), Some(9));
        assert_eq!(param(&o, "secret"), None);
    }

    #[test]
    fn actions_read_as_plain_words() {
        assert_eq!(
            describe("POST", "/surveys/{id}/publish"),
            "Published a survey"
        );
        assert_eq!(
            describe("GET", "/projects/{id}/themes.xlsx"),
            "Downloaded themes.xlsx"
        );
        assert_eq!(describe("POST", "/x/{id}"), "POST /x/{id}");
    }
}
