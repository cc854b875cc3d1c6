//! Merging a theme and restoring it: both themes return exactly to their counts.

use reqwest::StatusCode;

use crate::coding::{Coded, project_with_answers};
use crate::helpers::*;

/// Each theme's name and answer count, read from the themes list once coding has settled.
async fn counts(c: &Coded) -> Vec<(String, String)> {
    c.settled_coding_page().await;
    let (_, list) = c.get(&format!("/projects/{}/themes", c.project)).await;
    texts(&list, "#themes tbody td")
        .chunks(4)
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect()
}

#[tokio::test]
async fn restoring_a_merged_theme_returns_both_themes_to_their_counts() {
    let c = project_with_answers(&[
        "Long waiting",
        "Waiting and delays",
        "Delays again",
        "Kind staff",
        "Rude staff",
        "Quiet room",
    ])
    .await;
    let p = c.project;
    let waiting = c.create_theme("Waiting", "waiting").await;
    let delays = c.create_theme("Delays", "delays\nlate").await;
    c.settled_coding_page().await;
    let base = format!("/projects/{p}/coding");
    let (w, d) = (waiting.to_string(), delays.to_string());
    // Steward decisions: additions to each theme, one answer added to both, one removal.
    for (a, theme, action) in [
        (3, &w, "add"),
        (4, &w, "add"),
        (4, &d, "add"),
        (5, &d, "add"),
        (0, &w, "remove"),
    ] {
        let path = format!("{base}/{}/{action}", c.answers[a]);
        assert_eq!(
            c.post(&path, &[("theme", theme)]).await,
            StatusCode::SEE_OTHER
        );
    }
    let before = counts(&c).await;
    assert_eq!(
        before,
        [
            ("Delays".to_owned(), "4".to_owned()),
            ("Waiting".to_owned(), "3".to_owned())
        ]
    );

    let st = c
        .post(
            &format!("/projects/{p}/themes/{waiting}/merge"),
            &[("into", &d), ("confirm", "yes")],
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let merged = counts(&c).await;
    assert_ne!(merged, before, "the merge changed the counts");
    assert_eq!(merged[0], ("Delays".to_owned(), "5".to_owned()));

    let st = c
        .post(&format!("/projects/{p}/themes/{waiting}/restore"), &[])
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    assert_eq!(counts(&c).await, before);
    // The restored theme is not "merged into" anything, and the codebook is its own again.
    let (_, html) = c.get(&format!("/projects/{p}/themes/{waiting}")).await;
    assert!(!html.contains("Merged into"));
    let (_, html) = c.get(&format!("/projects/{p}/themes/{delays}")).await;
    assert_eq!(texts(&html, "textarea#codebook"), ["delays late"]);
}
