//! Readers' comments and their moderation, on SQLite and (with
//! BROADSHEET_TEST_POSTGRES_URL) PostgreSQL.

mod common;

use axum::http::StatusCode;
use broadsheet_core::role::Role;
use common::TestApp;

const ARTICLE: &str = "/2024/03/18/subway-fares-rise";

#[tokio::test]
async fn guests_comment_through_the_pipeline_and_moderators_decide() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;
    let path = format!("/comments/{}", paper.lead);
    let mut reader = app.visitor();

    // The article page invites comments.
    let page = app.get(ARTICLE).await;
    assert!(page.body.contains("Let your voice be heard") && page.body.contains("<altcha-widget"));

    let no_proof = reader
        .post_raw(
            &path,
            &[
                ("name", "Ana"),
                ("email", "ana@example.org"),
                ("body", "Hello"),
            ],
        )
        .await;
    assert_eq!(no_proof.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_proof.body.contains("Spam check"));

    let proof = reader.spam_proof().await;
    let posted = reader
        .post_raw(
            &path,
            &[
                ("name", "Ana Reader"),
                ("email", "ana@example.org"),
                ("body", "Good story. <script>alert(1)</script><b>Really</b>"),
                ("altcha", &proof),
            ],
        )
        .await;
    assert_eq!(posted.status, StatusCode::OK, "{}", posted.body);
    assert!(posted.body.contains("Your comment is published."));
    let page = app.get(ARTICLE).await;
    assert!(
        page.body.contains("Comments (1)"),
        "the count follows at once"
    );
    assert!(
        page.body.contains("<strong>Ana Reader</strong>") && page.body.contains("<b>Really</b>")
    );
    assert!(
        !page.body.contains("<script>alert(1)") && !page.body.contains("ana@example.org"),
        "no script, no email shown"
    );

    // A bot filling the honeypot is thanked and dropped.
    let bot = reader
        .post_raw(
            &path,
            &[
                ("name", "Bot"),
                ("email", "bot@example.org"),
                ("body", "spam"),
                ("website", "x"),
            ],
        )
        .await;
    assert_eq!(bot.status, StatusCode::OK);
    assert_eq!(
        app.store()
            .comments()
            .comments_by_status(broadsheet_core::comments::CommentStatus::Approved, 10)
            .await
            .expect("q")
            .len(),
        1
    );

    // The same text again is a repeat post.
    let proof = reader.spam_proof().await;
    let repeat = reader
        .post_raw(
            &path,
            &[
                ("name", "Ana Reader"),
                ("email", "ana@example.org"),
                ("body", "Good story. <script>alert(1)</script><b>Really</b>"),
                ("altcha", &proof),
            ],
        )
        .await;
    assert_eq!(repeat.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(repeat.body.contains("already posted"));

    // The site's settings: banned and suspect words, pre-moderation of new commenters.
    let (mut editor, _) = app
        .signed_in("admin@example.org", Role::Administrator)
        .await;
    let saved = editor
        .post(
            "/admin/settings",
            &[
                ("name", "The Test Ledger"),
                ("time_zone", "America/New_York"),
                ("calendars", "gregorian"),
                ("banned_words", "scam"),
                ("suspect_words", "crypto"),
                ("premoderate_new", "1"),
                ("guests_allowed", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let post = async |reader: &mut common::Visitor<'_>, email: &str, body: &str| {
        let proof = reader.spam_proof().await;
        reader
            .post_raw(
                &path,
                &[
                    ("name", "Someone"),
                    ("email", email),
                    ("body", body),
                    ("altcha", &proof),
                ],
            )
            .await
    };
    let banned = post(&mut reader, "ben@example.org", "What a scam").await;
    assert_eq!(banned.status, StatusCode::UNPROCESSABLE_ENTITY);
    let held = post(&mut reader, "ben@example.org", "First time here, hello").await;
    assert!(
        held.body.contains("once a moderator has read it"),
        "a new commenter waits"
    );
    let suspect = post(&mut reader, "ana@example.org", "Buy crypto").await;
    assert!(
        suspect.body.contains("once a moderator has read it"),
        "a suspect word waits"
    );
    assert!(!app.get(ARTICLE).await.body.contains("First time here"));

    // The moderation queue, with a bulk approval.
    let queue = editor.get("/admin/comments").await;
    assert!(
        queue.body.contains("First time here")
            && queue.body.contains("new commenter")
            && queue.body.contains("suspect word")
    );
    let pending = app
        .store()
        .comments()
        .comments_by_status(broadsheet_core::comments::CommentStatus::Pending, 10)
        .await
        .expect("q");
    let held_id = pending
        .iter()
        .find(|c| c.author_email == "ben@example.org")
        .expect("held")
        .id
        .to_string();
    let suspect_id = pending
        .iter()
        .find(|c| c.author_email == "ana@example.org")
        .expect("suspect")
        .id
        .to_string();
    let approved = editor
        .post(
            "/admin/comments",
            &[
                ("ids", &held_id),
                ("action", "approve"),
                ("status", "pending"),
            ],
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER);
    editor
        .post(
            "/admin/comments",
            &[
                ("ids", &suspect_id),
                ("action", "ban"),
                ("reason", "spam links"),
                ("status", "pending"),
            ],
        )
        .await;
    let page = app.get(ARTICLE).await;
    assert!(page.body.contains("First time here") && page.body.contains("Comments (2)"));
    let banned_now = post(&mut reader, "ana@example.org", "Let me back in").await;
    assert_eq!(
        banned_now.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a banned address cannot comment"
    );

    // Each comment links to its reply page, which quotes it above one form.
    let reply_path = format!("/comments/{}/reply/{held_id}", paper.lead);
    assert!(page.body.contains(&format!("href=\"{reply_path}\"")));
    assert_eq!(
        page.body.matches("class=\"comment-form\"").count(),
        1,
        "one comment form per article page"
    );
    let reply_page = app.get(&reply_path).await;
    assert_eq!(reply_page.status, StatusCode::OK);
    assert!(reply_page.body.contains("First time here"));
    assert!(
        reply_page
            .body
            .contains(&format!("name=\"parent_id\" value=\"{held_id}\""))
    );
    assert_eq!(
        app.get(&format!("/comments/{}/reply/999999", paper.lead))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Staff reply in the thread, marked as staff, without a spam check.
    let reply = editor
        .post_raw(
            &path,
            &[("body", "Thanks for reading."), ("parent_id", &held_id)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let page = app.get(ARTICLE).await;
    assert!(page.body.contains("<span class=\"badge\">Staff</span>"));
    assert!(
        page.body.contains("class=\"comment-replies\""),
        "the reply is threaded"
    );

    // Closing comments on the article.
    editor
        .post(
            &format!("/admin/articles/{}/comments", paper.lead),
            &[("open", "0")],
        )
        .await;
    assert!(
        app.get(ARTICLE)
            .await
            .body
            .contains("Comments are closed on this article.")
    );
    let closed = post(&mut reader, "carl@example.org", "Too late?").await;
    assert_eq!(closed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(closed.body.contains("comments are closed"));
}

#[tokio::test]
async fn a_flood_from_one_client_is_slowed_and_authors_hear_of_comments() {
    let app = TestApp::with_settings("comments_per_client = 5").await;
    let paper = app.with_paper().await;
    // Ana (a byline of the article) has a newsroom account linked to her author profile.
    app.store()
        .users()
        .create_user(&broadsheet_store::NewUser {
            email: broadsheet_core::email::Email::parse("ana.ortiz@ledger.example").expect("email"),
            name: "Ana Ortiz".into(),
            role: Role::Author,
            password_hash: broadsheet_core::secrets::hash_password(common::PASSWORD).expect("hash"),
            author_id: Some(paper.ana),
        })
        .await
        .expect("user");
    let path = format!("/comments/{}", paper.lead);
    let mut reader = app.visitor();
    let mut statuses = Vec::new();
    for n in 0..7 {
        let proof = reader.spam_proof().await;
        let body = format!("Comment number {n}");
        statuses.push(
            reader
                .post_raw(
                    &path,
                    &[
                        ("name", "Flood"),
                        ("email", "flood@example.org"),
                        ("body", &body),
                        ("altcha", &proof),
                    ],
                )
                .await
                .status,
        );
    }
    assert_eq!(statuses[0], StatusCode::OK);
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
    let jobs = app.store().jobs().jobs("queued", 20).await.expect("jobs");
    assert!(
        jobs.iter()
            .any(|j| j.payload.contains("ana.ortiz@ledger.example")
                && j.payload.contains("Comment number 0"))
    );
    // Readers are still served quickly meanwhile: the page answers.
    assert_eq!(app.get(ARTICLE).await.status, StatusCode::OK);
}
