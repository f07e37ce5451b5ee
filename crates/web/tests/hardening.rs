//! What an attacker or an unlucky operator tried, each reproduced and refused.

mod common;

use axum::http::StatusCode;
use broadsheet_core::role::Role;
use common::TestApp;

/// Bodies that once froze the site for minutes (the sanitiser's HTML parser slows with
/// the square of the nesting depth) are refused at once with what to change, and the
/// site keeps answering while a contributor tries them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pathological_bodies_are_refused_with_what_to_fix_and_the_site_keeps_answering() {
    let app = TestApp::new().await;
    app.with_paper().await;
    let (mut contributor, _) = app
        .signed_in("contributor@example.org", Role::Contributor)
        .await;
    let deep = [
        ("- ".repeat(32_000) + "x", "markdown"),
        (">".repeat(200_000), "markdown"),
        ("*".repeat(10_000) + "a" + &"*".repeat(10_000), "markdown"),
        ("<div>".repeat(20_000), "html"),
    ];
    for (body, format) in &deep {
        let started = std::time::Instant::now();
        let preview = contributor
            .post(
                "/admin/preview",
                &[("body", body.as_str()), ("body_format", format)],
            )
            .await;
        assert_eq!(preview.status, StatusCode::OK);
        assert!(
            preview.body.contains("No preview") && preview.body.contains("flatten"),
            "{}",
            preview.body
        );
        let saved = contributor
            .post(
                "/admin/articles",
                &[
                    ("headline", "Deep"),
                    ("body", body.as_str()),
                    ("body_format", format),
                ],
            )
            .await;
        assert_eq!(saved.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            saved.body.contains("nested more than 100 levels deep"),
            "the editor says what to fix"
        );
        // Before the limits this took from seconds to forever; generous for a debug build.
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }
    let too_long = "word ".repeat(210_000);
    let saved = contributor
        .post(
            "/admin/articles",
            &[("headline", "Long"), ("body", &too_long)],
        )
        .await;
    assert_eq!(saved.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(saved.body.contains("over the limit of 1024 KB"));
    let list = contributor.get("/admin/articles").await;
    assert!(
        !list.body.contains(">Deep<") && !list.body.contains(">Long<"),
        "nothing was saved"
    );

    // Readers are served while two contributors preview such bodies at once: the
    // renders run on the blocking pool, not on the threads that serve pages.
    let (mut second, _) = app.signed_in("second@example.org", Role::Contributor).await;
    let body = ">".repeat(200_000);
    let fields = [("body", body.as_str()), ("body_format", "markdown")];
    let (one, two, health, front) = tokio::join!(
        contributor.post("/admin/preview", &fields),
        second.post("/admin/preview", &fields),
        app.get("/healthz"),
        app.get("/"),
    );
    assert_eq!(
        [one.status, two.status, health.status, front.status],
        [StatusCode::OK; 4]
    );
}

/// The cache keys on the request as the handlers parse it: another spelling of page 2
/// shares page 2's entry and can never be stored as page 1; spellings of one address
/// share one entry instead of filling memory.
#[tokio::test]
async fn another_spelling_cannot_poison_a_page_or_multiply_it_in_the_cache() {
    let app = TestApp::with_settings("articles_per_page = 1").await;
    app.with_paper().await;
    let canonical = |body: &str| {
        let start = body.find("rel=\"canonical\" href=\"").expect("canonical") + 22;
        body[start..start + body[start..].find('"').expect("end")].to_string()
    };
    for base in ["/section/news", "/author/ana-ortiz", "/2024"] {
        let page_two = app.get(&format!("{base}?page=2")).await;
        assert_eq!(page_two.status, StatusCode::OK, "{base} has a second page");
        let poisoned = app.get(&format!("{base}?pag%65=2")).await;
        assert_eq!(canonical(&poisoned.body), canonical(&page_two.body));
        let first = app.get(base).await;
        assert!(
            canonical(&first.body).ends_with(base),
            "{base} is still page 1: {}",
            canonical(&first.body)
        );
    }
    let entries = app.app.cache.len();
    for spelling in [
        "/section/%6Eews",
        "/section/n%65ws",
        "/section/news?page=1",
        "/section/news?page=+1",
        "/section/news?page=1%20",
        "/section/news?utm_source=x",
    ] {
        let reply = app.get(spelling).await;
        assert_eq!(reply.status, StatusCode::OK, "{spelling}");
        assert!(canonical(&reply.body).ends_with("/section/news"));
    }
    assert_eq!(app.app.cache.len(), entries, "one entry for every spelling");
}

/// No address on this site sends a browser to another site.
#[tokio::test]
async fn no_spelling_of_an_address_redirects_to_another_site() {
    let app = TestApp::new().await;
    for path in ["//evil.example/", "///evil.example/", "/.//evil.example/"] {
        let reply = app.get(path).await;
        let location = reply.header("location");
        assert!(
            reply.status == StatusCode::NOT_FOUND
                || (location.starts_with('/') && !location.starts_with("//")),
            "{path} -> {} {location}",
            reply.status
        );
    }
    // After signing in: the newsroom's `next` and the reader's `return_to`.
    let (mut editor, _) = app.signed_in("editor@example.org", Role::Editor).await;
    editor.post("/admin/logout", &[]).await;
    for next in [
        "/admin/..//evil.example/",
        "//evil.example",
        "/admin/%2e%2e//evil.example",
    ] {
        let reply = editor
            .post(
                "/admin/login",
                &[
                    ("email", "editor@example.org"),
                    ("password", common::PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        let location = reply.header("location");
        assert!(location.starts_with("/admin"), "{next} -> {location}");
        editor.post("/admin/logout", &[]).await;
    }
}

/// An author changes the photos they uploaded, not an editor's (such as the lead photo
/// of a published story they cannot edit).
#[tokio::test]
async fn authors_change_only_their_own_photos() {
    let app = TestApp::new().await;
    let (mut author, author_id) = app.signed_in("author@example.org", Role::Author).await;
    let editor_id = app.user("editor@example.org", Role::Editor).await;
    let photo = |uploaded_by: i64, name: &str| broadsheet_store::NewMedia {
        file_name: name.into(),
        mime_type: "image/jpeg".into(),
        width: 10,
        height: 10,
        caption: "Original caption".into(),
        uploaded_by: Some(uploaded_by),
        ..Default::default()
    };
    let theirs = app
        .store()
        .media()
        .create_media(&photo(editor_id, "editors.jpg"))
        .await
        .expect("media");
    let mine = app
        .store()
        .media()
        .create_media(&photo(author_id, "mine.jpg"))
        .await
        .expect("media");
    let fields = [
        ("alt_text", "x"),
        ("caption", "Changed by the author"),
        ("credit", "x"),
    ];
    let refused = author
        .post(&format!("/admin/media/{theirs}"), &fields)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let refused = author
        .post(
            &format!("/admin/media/{theirs}/delete"),
            &[("confirm", "1")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let item = app
        .store()
        .media()
        .media_item(theirs)
        .await
        .unwrap()
        .expect("kept");
    assert_eq!(item.caption, "Original caption");
    // The page shows the editor's photo without forms to change it.
    let page = author.get(&format!("/admin/media/{theirs}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("name=\"caption\"") && page.body.contains("ask an editor"));

    let changed = author.post(&format!("/admin/media/{mine}"), &fields).await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    let item = app
        .store()
        .media()
        .media_item(mine)
        .await
        .unwrap()
        .expect("kept");
    assert_eq!(item.caption, "Changed by the author");
}

/// Trust is earned by a reader account, not by typing a trusted commenter's address;
/// a ban covers the writer's account and the client they wrote from, not only the
/// address they typed.
#[tokio::test]
async fn trust_needs_an_account_and_a_ban_covers_the_client() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;
    let (mut admin, _) = app
        .signed_in("admin@example.org", Role::Administrator)
        .await;
    let saved = admin
        .post(
            "/admin/settings",
            &[
                ("name", "The Test Ledger"),
                ("time_zone", "America/New_York"),
                ("calendars", "gregorian"),
                ("premoderate_new", "1"),
                ("guests_allowed", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    // A regular with three approved comments under a typed address.
    for n in 0..3 {
        let id = app
            .store()
            .comments()
            .add_comment(&broadsheet_store::NewComment {
                article_id: paper.lead,
                parent_id: None,
                user_id: None,
                reader_id: None,
                author_name: "Regular".into(),
                author_email: "regular@example.org".into(),
                body_source: format!("Comment {n}"),
                body_html: format!("<p>Comment {n}</p>"),
                status: broadsheet_core::comments::CommentStatus::Approved,
                reason: String::new(),
                client_hash: "elsewhere".into(),
            })
            .await
            .expect("comment");
        assert!(id > 0);
    }
    let path = format!("/comments/{}", paper.lead);
    let mut stranger = app.visitor();
    stranger.get("/2024/03/18/subway-fares-rise").await;
    let post = async |visitor: &mut common::Visitor<'_>, email: &str, body: &str| {
        let proof = visitor.spam_proof().await;
        visitor
            .post_raw(
                &path,
                &[
                    ("name", "Regular"),
                    ("email", email),
                    ("body", body),
                    ("altcha", &proof),
                ],
            )
            .await
    };
    let posed = post(&mut stranger, "regular@example.org", "Posing as a regular").await;
    assert!(
        posed.body.contains("once a moderator has read it"),
        "a typed address earns no trust: {}",
        posed.body
    );
    // Spam and ban: the same client is refused under any address.
    let held = app
        .store()
        .comments()
        .comments_by_status(broadsheet_core::comments::CommentStatus::Pending, 10)
        .await
        .expect("queue");
    let id = held
        .iter()
        .find(|c| c.body_html.contains("Posing"))
        .expect("held")
        .id
        .to_string();
    let banned = admin
        .post(
            "/admin/comments",
            &[("ids", &id), ("action", "ban"), ("status", "pending")],
        )
        .await;
    assert_eq!(banned.status, StatusCode::SEE_OTHER);
    let again = post(&mut stranger, "someone-new@example.org", "Back again").await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.body
    );
}

/// What cannot be stored is refused with the field to fix: NUL characters (PostgreSQL
/// answered 500), direction overrides in names, addresses and comments, and addresses
/// that are spreadsheet formulas. Paths with NUL are simply not found.
#[tokio::test]
async fn unstorable_text_is_refused_with_the_field_to_fix() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;
    assert_eq!(
        app.get("/media/uploads/%00.jpg").await.status,
        StatusCode::NOT_FOUND
    );
    let path = format!("/comments/{}", paper.lead);
    let mut guest = app.visitor();
    guest.get("/2024/03/18/subway-fares-rise").await;
    let cases = [
        (
            "Ana",
            "ana@example.org",
            "Nul\0here",
            "“body” contains a NUL",
        ),
        ("Ana", "ana@example.org", "evil\u{202E}txt.exe", "U+202E"),
        ("Ana\u{202E}", "ana@example.org", "Hello", "U+202E"),
        (
            "Ana",
            "=HYPERLINK('http://x')@x.org",
            "Hello",
            "not an email address",
        ),
    ];
    for (name, email, body, message) in cases {
        let proof = guest.spam_proof().await;
        let reply = guest
            .post_raw(
                &path,
                &[
                    ("name", name),
                    ("email", email),
                    ("body", body),
                    ("altcha", &proof),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(reply.body.contains(message), "{message}: {}", reply.body);
    }
    let (mut editor, _) = app.signed_in("editor@example.org", Role::Editor).await;
    let reply = editor
        .post(
            "/admin/articles",
            &[("headline", "Nul\0headline"), ("body", "Text.")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("“headline” contains a NUL"));
    // Newsroom screens and exports of personal data are never kept by a browser.
    for page in ["/admin", "/admin/subscribers.csv", "/admin/comments"] {
        let reply = editor.get(page).await;
        assert_eq!(reply.header("cache-control"), "no-store", "{page}");
    }
}

/// Posts the newsroom sign-in form as if from `ip`.
async fn sign_in_from(app: &TestApp, ip: [u8; 4], email: &str, password: &str) -> StatusCode {
    use axum::body::Body;
    use axum::http::Request;
    let page = app.get("/admin/login").await;
    let cookie = page
        .header("set-cookie")
        .split(';')
        .next()
        .expect("csrf cookie")
        .to_string();
    let token = cookie.split_once('=').expect("pair").1.to_string();
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("_csrf", &token)
        .append_pair("email", email)
        .append_pair("password", password)
        .finish();
    let mut request = Request::post("/admin/login")
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request");
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
            ip, 40_000,
        ))));
    app.request(request).await.status
}

/// Wrong passwords from one client lock that client out of the account, not the
/// account's owner signing in from elsewhere.
#[tokio::test]
async fn failed_sign_ins_lock_out_the_guessing_client_only() {
    let app = TestApp::new().await;
    app.user("ana@example.org", Role::Author).await;
    let guesser = [203, 0, 113, 9];
    for _ in 0..5 {
        assert_eq!(
            sign_in_from(&app, guesser, "ana@example.org", "wrong guess").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        sign_in_from(&app, guesser, "ana@example.org", common::PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "the guessing client is held off, even with the right password"
    );
    assert_eq!(
        sign_in_from(&app, [198, 51, 100, 7], "ana@example.org", common::PASSWORD).await,
        StatusCode::SEE_OTHER,
        "the owner signs in from elsewhere"
    );
}

/// Password-reset requests are limited per address (silently: the answer is the same)
/// and per client.
#[tokio::test]
async fn password_reset_requests_are_limited() {
    let app = TestApp::new().await;
    app.user("ana@example.org", Role::Author).await;
    let mut visitor = app.visitor();
    for _ in 0..5 {
        let reply = visitor
            .post("/admin/password-reset", &[("email", "ana@example.org")])
            .await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body.contains("If that address belongs to an account"));
    }
    let queued = app.store().jobs().jobs("queued", 20).await.expect("jobs");
    assert_eq!(queued.len(), 3, "three emails an hour to one address");
    let mut last = StatusCode::OK;
    for n in 0..6 {
        last = visitor
            .post(
                "/admin/password-reset",
                &[("email", &format!("someone{n}@example.org"))],
            )
            .await
            .status;
    }
    assert_eq!(
        last,
        StatusCode::TOO_MANY_REQUESTS,
        "ten requests an hour from one client"
    );
}

fn share_link_in(body: &str) -> String {
    let start = body
        .find("/preview/")
        .unwrap_or_else(|| panic!("a share link in {body}"));
    let end = body[start..].find('"').expect("end") + start;
    body[start..end].replace("&amp;", "&")
}

/// A share link ends when the article is unpublished, and every link can be revoked.
#[tokio::test]
async fn share_links_end_at_unpublishing_and_can_be_revoked() {
    let app = TestApp::new().await;
    let (mut editor, _) = app.signed_in("editor@example.org", Role::Editor).await;
    let created = editor
        .post(
            "/admin/articles",
            &[("headline", "Members scoop"), ("body", "Secret text.")],
        )
        .await;
    let location = created.header("location").to_string();
    let id: i64 = location
        .trim_start_matches("/admin/articles/")
        .split(['?', '/'])
        .next()
        .and_then(|n| n.parse().ok())
        .expect("id");
    let shared = editor
        .post(&format!("/admin/articles/{id}/share"), &[])
        .await;
    let link = share_link_in(&shared.body);
    assert_eq!(app.get(&link).await.status, StatusCode::OK);
    for action in ["publish", "unpublish"] {
        let moved = editor
            .post(
                &format!("/admin/articles/{id}/status"),
                &[("action", action)],
            )
            .await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER, "{action}");
    }
    let after = app.get(&link).await;
    assert_eq!(
        after.status,
        StatusCode::GONE,
        "unpublished: the link is over"
    );
    assert!(!after.body.contains("Secret text."));

    // A new link works until it is revoked; a forged one is still forbidden.
    let shared = editor
        .post(&format!("/admin/articles/{id}/share"), &[])
        .await;
    let link = share_link_in(&shared.body);
    assert_eq!(app.get(&link).await.status, StatusCode::OK);
    let revoked = editor
        .post(&format!("/admin/articles/{id}/share/revoke"), &[])
        .await;
    assert!(revoked.body.contains("revoked"), "{}", revoked.body);
    assert_eq!(app.get(&link).await.status, StatusCode::GONE);
    assert_eq!(
        app.get(&link.replace("sig=", "sig=x")).await.status,
        StatusCode::FORBIDDEN
    );
}

fn approved(article_id: i64, parent_id: Option<i64>, text: &str) -> broadsheet_store::NewComment {
    broadsheet_store::NewComment {
        article_id,
        parent_id,
        user_id: None,
        reader_id: None,
        author_name: "Reader".into(),
        author_email: "reader@example.org".into(),
        body_source: text.into(),
        body_html: format!("<p>{text}</p>"),
        status: broadsheet_core::comments::CommentStatus::Approved,
        reason: String::new(),
        client_hash: "seed".into(),
    }
}

/// Long threads are paged: the article shows the first page whatever the thread's size,
/// the rest are a click away in either order, a link to any comment finds its page, and
/// a reply nested past the limit is shown (under an ancestor) instead of vanishing.
#[tokio::test]
async fn long_threads_are_paged_and_deep_replies_are_shown() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;
    let store = app.store();
    let mut ids = Vec::new();
    for n in 0..120 {
        ids.push(
            store
                .comments()
                .add_comment(&approved(paper.lead, None, &format!("Top {n:03}")))
                .await
                .expect("comment"),
        );
    }
    // A chain of replies under the first comment, deeper than the limit.
    let mut parent = ids[0];
    for depth in 1..=12 {
        parent = store
            .comments()
            .add_comment(&approved(
                paper.lead,
                Some(parent),
                &format!("Deep {depth:02}"),
            ))
            .await
            .expect("reply");
    }
    let article = app.get("/2024/03/18/subway-fares-rise").await;
    assert_eq!(article.status, StatusCode::OK);
    assert!(article.body.contains("Top 049") && !article.body.contains("Top 050"));
    for depth in 1..=12 {
        assert!(
            article.body.contains(&format!("Deep {depth:02}")),
            "reply {depth} is shown"
        );
    }
    let more = format!("/comments/{}/oldest?page=2", paper.lead);
    assert!(article.body.contains(&more), "a link to the next page");
    let second = app.get(&more).await;
    assert_eq!(second.status, StatusCode::OK);
    assert!(second.body.contains("Top 050") && second.body.contains("Top 099"));
    assert!(!second.body.contains("Top 049") && !second.body.contains("Top 100"));
    let newest = app.get(&format!("/comments/{}/newest", paper.lead)).await;
    assert_eq!(newest.status, StatusCode::OK);
    let first_shown = newest.body.find("Top 119").expect("the newest first");
    assert!(first_shown < newest.body.find("Top 070").expect("older after"));
    assert_eq!(
        app.get(&format!("/comments/{}/oldest?page=4", paper.lead))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let found = app
        .get(&format!("/comments/{}/find/{}", paper.lead, ids[75]))
        .await;
    assert_eq!(
        found.header("location"),
        format!("{more}#comment-{}", ids[75])
    );
    let found = app
        .get(&format!("/comments/{}/find/{}", paper.lead, parent))
        .await;
    assert_eq!(
        found.header("location"),
        format!("/2024/03/18/subway-fares-rise#comment-{parent}")
    );
}

/// Signing in to the newsroom gives a new form token; a comment posted under a
/// signed-in account from another site is refused.
#[tokio::test]
async fn sign_in_rotates_the_form_token_and_account_posts_must_come_from_this_site() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;
    app.user("editor@example.org", Role::Editor).await;
    let mut editor = app.visitor();
    let before = editor.csrf().await;
    let signed_in = editor.sign_in("editor@example.org", common::PASSWORD).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    let after = editor.csrf().await;
    assert!(
        !after.is_empty() && after != before,
        "a new token at sign-in"
    );
    assert_eq!(editor.get("/admin").await.status, StatusCode::OK);

    // Staff comment under their account: refused when the browser says the form came
    // from elsewhere, accepted from this site.
    use axum::body::Body;
    use axum::http::Request;
    let post = |origin: &'static str| {
        Request::post(format!("/comments/{}", paper.lead))
            .header("cookie", editor.cookie_header())
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", origin)
            .body(Body::from("body=Posted+as+staff"))
            .expect("request")
    };
    assert_eq!(
        app.request(post("cross-site")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.request(post("same-origin")).await.status,
        StatusCode::OK
    );
}
