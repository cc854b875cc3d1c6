//! The sign-in throttle under a race: attempts sent at once get no more password checks than
//! the limit allows, whatever order they arrive in.

use chorus::accounts::Role;
use chorus::accounts::throttle::PER_ACCOUNT;
use reqwest::StatusCode;
use tokio::task::JoinSet;

use crate::helpers::*;

#[tokio::test]
async fn a_hundred_parallel_sign_ins_get_at_most_the_limit_of_passwords_checked() {
    let app = spawn_app().await;
    let user = app.insert_steward(Role::Steward, "sam@example.org").await;
    // Each attempt gets its own client and form token first, so the attempts go out together.
    let right = 50;
    let mut attempts = JoinSet::new();
    let mut prepared = Vec::new();
    for i in 0..100 {
        let client = new_client();
        let token = app.csrf_for(&client).await;
        let password = if i == right {
            user.password.clone()
        } else {
            format!("wrong password {i}")
        };
        prepared.push((i, client, token, password));
    }
    for (i, client, token, password) in prepared {
        let url = app.url("/sign-in");
        let email = user.email.clone();
        attempts.spawn(async move {
            let res = client
                .post(url)
                .form(&[
                    ("csrf_token", token.as_str()),
                    ("email", email.as_str()),
                    ("password", password.as_str()),
                ])
                .send()
                .await;
            (i, res.map(|r| r.status()))
        });
    }
    let mut outcomes = Vec::new();
    while let Some(done) = attempts.join_next().await {
        let (i, status) = done.unwrap();
        let status = status.unwrap_or_else(|e| panic!("attempt {i} got no answer: {e}"));
        assert!(
            [
                StatusCode::UNAUTHORIZED,
                StatusCode::SEE_OTHER,
                StatusCode::TOO_MANY_REQUESTS
            ]
            .contains(&status),
            "attempt {i}: {status}"
        );
        outcomes.push((i, status));
    }
    assert_eq!(outcomes.len(), 100);
    let count = |s: StatusCode| outcomes.iter().filter(|(_, o)| *o == s).count() as u32;
    let wrong_checked = count(StatusCode::UNAUTHORIZED);
    let signed_in = count(StatusCode::SEE_OTHER);
    let blocked = count(StatusCode::TOO_MANY_REQUESTS);
    assert!(signed_in <= 1);
    if signed_in == 0 {
        // The right password came after the limit was reached: refused unchecked.
        assert!(
            wrong_checked <= PER_ACCOUNT,
            "{wrong_checked} wrong passwords were checked, more than {PER_ACCOUNT}"
        );
        assert!(outcomes.contains(&(right, StatusCode::TOO_MANY_REQUESTS)));
        let again = app
            .sign_in_with(&new_client(), &user.email, &user.password)
            .await;
        assert_eq!(again.status(), StatusCode::TOO_MANY_REQUESTS);
    } else {
        // The right password was among the first checked: its owner's success forgets the
        // failures before it, so at most the limit again may be checked after it.
        assert!(
            wrong_checked < 2 * PER_ACCOUNT,
            "{wrong_checked} wrong passwords were checked"
        );
    }
    assert_eq!(wrong_checked + signed_in + blocked, 100);
}
