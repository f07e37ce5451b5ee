//! Reader accounts and membership: sign-up and sign-in by a one-time link (through a real
//! SMTP server), members-only articles that never leak, commenting as a reader with a
//! member badge, and deleting an account. SQLite, and PostgreSQL with
//! BROADSHEET_TEST_POSTGRES_URL.

mod common;

use axum::http::StatusCode;
use broadsheet_store::ArticleDraft;
use common::{MIDDAY_2024_03_18, TestApp, Visitor};

const ARTICLE: &str = "/2024/03/18/inside-the-tunnel";

fn decode(raw: &str) -> String {
    raw.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

/// Publishes a members-only article of eight paragraphs; the fifth holds a marker that
/// non-members must never receive.
async fn members_article(app: &TestApp) -> i64 {
    let body = (1..=8)
        .map(|n| match n {
            1 => "Paragraph 1 of the story.\n\n[[pullquote \"An open quote.\"]]".to_string(),
            5 => "Paragraph five holds the SECRET-PART of the story.".to_string(),
            6 => "Paragraph 6 of the story.\n\n[[pullquote \"SECRET-QUOTE\" by=\"Insider\"]]"
                .to_string(),
            n => format!("Paragraph {n} of the story."),
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut draft = ArticleDraft::new("Inside the tunnel", &body);
    draft.dek = "What the inspectors found.".into();
    draft.members_only = true;
    let id = app
        .store()
        .articles()
        .create_article(&draft)
        .await
        .expect("article");
    app.store()
        .articles()
        .publish_article(id, MIDDAY_2024_03_18)
        .await
        .expect("publish");
    id
}

/// The path of the first link to `prefix` in an email.
fn link_in(mail: &str, prefix: &str) -> String {
    let start = mail.find(prefix).expect("link in the email");
    mail[start..]
        .split(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .next()
        .expect("link")
        .to_string()
}

/// A reader signed up without email: the link is made in the store, then used as a
/// browser would.
async fn signed_up<'a>(app: &'a TestApp, email: &str, name: &str) -> Visitor<'a> {
    let address = broadsheet_core::email::Email::parse(email).expect("email");
    let token = app
        .store()
        .readers()
        .create_reader_link(&address, "/account", 600)
        .await
        .expect("link");
    let mut visitor = app.visitor();
    let path = format!("/account/link/{token}");
    assert_eq!(visitor.get(&path).await.status, StatusCode::OK);
    let done = visitor.post(&path, &[("display_name", name)]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    visitor
}

#[tokio::test]
async fn readers_join_by_link_read_members_only_and_comment_as_members() {
    let Some(server) = broadsheet_test_support::SmtpServer::start() else {
        return;
    };
    let app = TestApp::with_smtp(server.port, "Ledger <news@ledger.example>", "").await;
    let context = app.worker();
    let article = members_article(&app).await;

    // Anyone: the headline, dek and first paragraphs, then the invitation. Twice, so the
    // cached copy is checked too.
    for _ in 0..2 {
        let page = app.get(ARTICLE).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Paragraph 3 of the story."));
        assert!(!page.body.contains("Paragraph 4 of the story."));
        assert!(!page.body.contains("SECRET-PART"), "{}", page.body);
        assert!(
            page.body.contains("An open quote."),
            "embeds in the teaser show"
        );
        assert!(
            !page.body.contains("SECRET-QUOTE"),
            "nor the embeds after it"
        );
        assert!(page.body.contains("this article is for members"));
        assert!(page.body.contains("action=\"/account/sign-in\""));
        assert!(page.body.contains("\"isAccessibleForFree\":false"));
        assert!(page.body.contains("What the inspectors found."));
    }

    // Joining: the address gets a link; nothing exists until it is used.
    let mut reader = app.visitor();
    let unproven = reader
        .post_raw(
            "/account/sign-in",
            &[("email", "rosa@example.org"), ("return_to", ARTICLE)],
        )
        .await;
    assert_eq!(unproven.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unproven.body.contains("Spam check"));
    let proof = reader.spam_proof().await;
    let bad_address = reader
        .post_raw(
            "/account/sign-in",
            &[("email", "rosa@"), ("altcha", &proof)],
        )
        .await;
    assert_eq!(bad_address.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_address.body.contains("Email:"), "{}", bad_address.body);
    let proof = reader.spam_proof().await;
    let asked = reader
        .post_raw(
            "/account/sign-in",
            &[
                ("email", "Rosa@Example.org"),
                ("return_to", ARTICLE),
                ("altcha", &proof),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    assert!(asked.body.contains("Check your inbox"));
    assert!(
        app.store()
            .readers()
            .reader_by_email("rosa@example.org")
            .await
            .expect("q")
            .is_none()
    );
    broadsheet_jobs::run_due(&context).await.expect("jobs");
    let messages = server.wait_for(1, 10);
    let mail = decode(&messages[0]);
    assert!(
        mail.contains("Subject: Finish creating your The Test Ledger account"),
        "{mail}"
    );
    assert!(
        mail.contains("text/plain") && mail.contains("text/html"),
        "{mail}"
    );
    let link = link_in(&mail, "/account/link/");

    let landing = reader.get(&link).await;
    assert_eq!(landing.status, StatusCode::OK);
    assert!(landing.body.contains("name=\"display_name\""));
    let nameless = reader.post(&link, &[("display_name", "   ")]).await;
    assert_eq!(nameless.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nameless.body.contains("Give the name"), "{}", nameless.body);
    let joined = reader
        .post(&link, &[("display_name", "Rosa  Reader")])
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    assert_eq!(joined.header("location"), ARTICLE, "back to the article");
    assert!(reader.cookies.contains_key("bs_reader"));
    let mut other = app.visitor();
    assert_eq!(other.get(&link).await.status, StatusCode::GONE);
    let again = other.post(&link, &[("display_name", "Mallory")]).await;
    assert_eq!(again.status, StatusCode::GONE, "a link works once");

    // A member reads it all, on a page drawn for them alone.
    let full = reader.get(ARTICLE).await;
    assert_eq!(full.status, StatusCode::OK);
    assert!(full.body.contains("SECRET-PART"));
    assert!(full.body.contains("SECRET-QUOTE"));
    assert!(full.body.contains("Paragraph 8 of the story."));
    assert!(!full.body.contains("this article is for members"));
    assert_eq!(full.header("cache-control"), "private, no-store");
    assert!(full.body.contains("data-reader-name"));
    assert_eq!(
        reader.cookies.get("bs_reader_name").map(String::as_str),
        Some("Rosa%20Reader"),
        "the browser shows the name from a cookie: shared pages hold nothing personal"
    );
    assert!(!full.body.contains("rosa@example.org"));
    // Members share one copy of the page (drawn once, then from the cache).
    let mut other_member = signed_up(&app, "kai@example.org", "Kai").await;
    let theirs = other_member.get(ARTICLE).await;
    assert_eq!(
        theirs.body, full.body,
        "nothing personal in a member's page"
    );
    assert_eq!(theirs.header("etag"), full.header("etag"));
    assert!(full.body.contains("Commenting as"));
    assert!(
        !full.body.contains("<altcha-widget"),
        "no puzzle for members"
    );
    assert!(
        !app.get(ARTICLE).await.body.contains("SECRET-PART"),
        "the shared cache still holds only the teaser"
    );

    // Commenting as a member: no proof of work, the account's name and a badge.
    let comment = reader
        .post_raw(
            &format!("/comments/{article}"),
            &[("body", "Members <b>see</b> this <script>alert(1)</script>")],
        )
        .await;
    assert_eq!(comment.status, StatusCode::OK, "{}", comment.body);
    assert!(comment.body.contains("published"), "{}", comment.body);
    let public = app.get(ARTICLE).await;
    assert!(public.body.contains("Rosa Reader"));
    assert!(public.body.contains("badge-member"));
    assert!(!public.body.contains("<script>alert"));
    assert!(
        !public.body.contains("rosa@example.org"),
        "emails never shown"
    );

    // The account page: newsletters without a confirmation email (the address is proven).
    let account = reader.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("rosa@example.org"));
    let daily = app
        .store()
        .newsletters()
        .newsletter_lists()
        .await
        .expect("lists")[0]
        .id;
    let saved = reader
        .post("/account/newsletters", &[("lists", &daily.to_string())])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let subscriber = app
        .store()
        .newsletters()
        .subscriber_by_email("rosa@example.org")
        .await
        .expect("q")
        .expect("subscriber");
    assert_eq!(subscriber.status, "confirmed");
    assert_eq!(subscriber.lists, vec![daily]);
    let renamed = reader
        .post("/account/profile", &[("display_name", "Rosa R.")])
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER);
    assert!(app.get(ARTICLE).await.body.contains("Rosa R."));
    let too_long = reader
        .post("/account/profile", &[("display_name", &"x".repeat(61))])
        .await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Signing in again later: the email says so, and the link signs in.
    let mut phone = app.visitor();
    let proof = phone.spam_proof().await;
    let asked = phone
        .post_raw(
            "/account/sign-in",
            &[("email", "rosa@example.org"), ("altcha", &proof)],
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK);
    broadsheet_jobs::run_due(&context).await.expect("jobs");
    let messages = server.wait_for(2, 10);
    assert_eq!(messages.len(), 2, "no email for the newsletter choice");
    let mail = decode(&messages[1]);
    assert!(
        mail.contains("Subject: Sign in to The Test Ledger"),
        "{mail}"
    );
    let link = link_in(&mail, "/account/link/");
    assert!(
        phone
            .get(&link)
            .await
            .body
            .contains("Sign in as rosa@example.org")
    );
    let signed_in = phone.post(&link, &[]).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.header("location"), "/");

    // Signing out ends that session only.
    let out = reader.post("/account/sign-out", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(reader.get("/account").await.status, StatusCode::SEE_OTHER);
    assert_eq!(phone.get("/account").await.status, StatusCode::OK);
    // Signing out everywhere ends them all.
    let mut laptop = signed_up(&app, "rosa@example.org", "ignored").await;
    assert_eq!(laptop.get("/account").await.status, StatusCode::OK);
    let everywhere = laptop.post("/account/sign-out-everywhere", &[]).await;
    assert_eq!(everywhere.status, StatusCode::SEE_OTHER);
    assert_eq!(laptop.get("/account").await.status, StatusCode::SEE_OTHER);
    assert_eq!(phone.get("/account").await.status, StatusCode::SEE_OTHER);
    let mut phone = signed_up(&app, "rosa@example.org", "ignored").await;

    // Deleting the account: confirmed explicitly; comments stay, anonymised.
    let unconfirmed = phone.post("/account/delete", &[]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let deleted = phone.post("/account/delete", &[("confirm", "1")]).await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    assert!(deleted.body.contains("Account deleted"));
    assert_eq!(phone.get("/account").await.status, StatusCode::SEE_OTHER);
    assert!(
        app.store()
            .readers()
            .reader_by_email("rosa@example.org")
            .await
            .expect("q")
            .is_none()
    );
    assert!(
        app.store()
            .newsletters()
            .subscriber_by_email("rosa@example.org")
            .await
            .expect("q")
            .is_none(),
        "the newsletter address goes with the account"
    );
    let page = app.get(ARTICLE).await.body;
    assert!(page.contains("Former reader"), "the comment stays");
    assert!(!page.contains("Rosa R."), "without the name");
    assert!(page.contains("Members <b>see</b>") || page.contains("Members <strong>see</strong>"));
    let comments = app
        .store()
        .comments()
        .approved_comments(article)
        .await
        .expect("q");
    assert_eq!(comments[0].author_email, "");
}

#[tokio::test]
async fn links_expire_and_unknown_links_are_not_found() {
    let app = TestApp::new().await;
    let address = broadsheet_core::email::Email::parse("old@example.org").expect("email");
    let token = app
        .store()
        .readers()
        .create_reader_link(&address, "/", -1)
        .await
        .expect("link");
    let mut visitor = app.visitor();
    let expired = visitor.get(&format!("/account/link/{token}")).await;
    assert_eq!(expired.status, StatusCode::GONE);
    assert!(expired.body.contains("expired"));
    let used = visitor
        .post(
            &format!("/account/link/{token}"),
            &[("display_name", "Old")],
        )
        .await;
    assert_eq!(used.status, StatusCode::GONE);
    assert_eq!(
        visitor.get("/account/link/nonsense").await.status,
        StatusCode::NOT_FOUND
    );
    // A forged redirect target is not followed.
    let token = app
        .store()
        .readers()
        .create_reader_link(&address, "//evil.example/", 600)
        .await
        .expect("link");
    let path = format!("/account/link/{token}");
    visitor.get(&path).await;
    let done = visitor.post(&path, &[("display_name", "Old")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.header("location"), "/");
    // Posting to the link without the form's token is refused (no sign-in CSRF).
    let token = app
        .store()
        .readers()
        .create_reader_link(&address, "/", 600)
        .await
        .expect("link");
    let forged = app
        .visitor()
        .post_raw(&format!("/account/link/{token}"), &[])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn deleting_an_account_can_delete_its_comments_and_the_counts_follow() {
    let app = TestApp::new().await;
    let article = members_article(&app).await;
    let mut reader = signed_up(&app, "lee@example.org", "Lee").await;
    for text in ["First thought", "Second thought"] {
        let posted = reader
            .post_raw(&format!("/comments/{article}"), &[("body", text)])
            .await;
        assert!(posted.body.contains("published"), "{}", posted.body);
    }
    assert!(app.get(ARTICLE).await.body.contains("Comments (2)"));
    let deleted = reader
        .post(
            "/account/delete",
            &[("confirm", "1"), ("delete_comments", "1")],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::OK);
    let page = app.get(ARTICLE).await.body;
    assert!(page.contains("Comments (0)"), "the count follows");
    assert!(!page.contains("First thought"));
}

#[tokio::test]
async fn an_article_can_ask_guests_to_sign_in_before_commenting() {
    let app = TestApp::new().await;
    let article = members_article(&app).await;
    let (mut editor, _) = app
        .signed_in("editor@example.org", broadsheet_core::role::Role::Editor)
        .await;
    let switched = editor
        .post(
            &format!("/admin/articles/{article}/comments"),
            &[("comments", "accounts")],
        )
        .await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    let page = app.get(ARTICLE).await.body;
    assert!(page.contains("to comment on this article"), "{page}");
    assert!(!page.contains("name=\"email\" type=\"email\" autocomplete=\"email\" required>"));
    let mut guest = app.visitor();
    let proof = guest.spam_proof().await;
    let refused = guest
        .post_raw(
            &format!("/comments/{article}"),
            &[
                ("name", "Guest"),
                ("email", "guest@example.org"),
                ("body", "Hello"),
                ("altcha", &proof),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("Sign in to comment"));
    // A reader with an account may.
    let mut reader = signed_up(&app, "kim@example.org", "Kim").await;
    let posted = reader
        .post_raw(&format!("/comments/{article}"), &[("body", "Hello")])
        .await;
    assert!(posted.body.contains("published"), "{}", posted.body);
    let bad = editor
        .post(
            &format!("/admin/articles/{article}/comments"),
            &[("comments", "sometimes")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn administrators_change_a_readers_membership_and_delete_accounts_on_request() {
    let app = TestApp::new().await;
    let article = members_article(&app).await;
    let mut reader = signed_up(&app, "max@example.org", "Max").await;
    let posted = reader
        .post_raw(&format!("/comments/{article}"), &[("body", "A thought")])
        .await;
    assert!(posted.body.contains("published"));
    assert!(app.get(ARTICLE).await.body.contains("badge-member"));
    let (mut admin, _) = app
        .signed_in(
            "admin@example.org",
            broadsheet_core::role::Role::Administrator,
        )
        .await;
    // Opening a sign-in link (its own token) leaves the newsroom's forms working.
    let newsroom_token = admin.csrf().await;
    let address = broadsheet_core::email::Email::parse("admin@example.org").expect("email");
    let token = app
        .store()
        .readers()
        .create_reader_link(&address, "/", 600)
        .await
        .expect("link");
    assert_eq!(
        admin.get(&format!("/account/link/{token}")).await.status,
        StatusCode::OK
    );
    assert_eq!(admin.csrf().await, newsroom_token);
    let list = admin.get("/admin/readers?q=MAX").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("max@example.org"));
    let id = app
        .store()
        .readers()
        .reader_by_email("max@example.org")
        .await
        .expect("q")
        .expect("reader")
        .id;

    // No membership: the teaser again, and no badge.
    let changed = admin
        .post(&format!("/admin/readers/{id}/tier"), &[("tier_id", "")])
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    assert!(!reader.get(ARTICLE).await.body.contains("SECRET-PART"));
    assert!(!app.get(ARTICLE).await.body.contains("badge-member"));
    let unknown = admin
        .post(&format!("/admin/readers/{id}/tier"), &[("tier_id", "999")])
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let member = app
        .store()
        .readers()
        .membership_tiers()
        .await
        .expect("tiers")[0]
        .id;
    admin
        .post(
            &format!("/admin/readers/{id}/tier"),
            &[("tier_id", &member.to_string())],
        )
        .await;
    assert!(reader.get(ARTICLE).await.body.contains("SECRET-PART"));

    let unconfirmed = admin
        .post(&format!("/admin/readers/{id}/delete"), &[])
        .await;
    assert_eq!(unconfirmed.status, StatusCode::BAD_REQUEST);
    let deleted = admin
        .post(&format!("/admin/readers/{id}/delete"), &[("confirm", "1")])
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(reader.get("/account").await.status, StatusCode::SEE_OTHER);
    assert!(app.get(ARTICLE).await.body.contains("Former reader"));
}
