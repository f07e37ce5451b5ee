//! The newsroom through the real router, on SQLite and (with
//! BROADSHEET_TEST_POSTGRES_URL) PostgreSQL.

mod common;

use axum::http::StatusCode;
use broadsheet_core::role::Role;
use common::{PASSWORD, TestApp};

fn id_from_location(reply: &common::Reply) -> i64 {
    let location = reply.header("location");
    location
        .trim_start_matches("/admin/articles/")
        .split('?')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no article id in `{location}`"))
}

#[tokio::test]
async fn signing_in_says_nothing_about_which_accounts_exist_and_is_rate_limited() {
    let app = TestApp::new().await;
    app.user("ana@example.org", Role::Editor).await;
    let mut visitor = app.visitor();
    let wrong_password = visitor.sign_in("ana@example.org", "not the password").await;
    let no_account = visitor
        .sign_in("nobody@example.org", "not the password")
        .await;
    assert_eq!(wrong_password.status, StatusCode::UNAUTHORIZED);
    assert_eq!(no_account.status, StatusCode::UNAUTHORIZED);
    let message = "That email and password do not match an account.";
    assert!(wrong_password.body.contains(message) && no_account.body.contains(message));
    for _ in 0..4 {
        visitor.sign_in("ana@example.org", "still wrong").await;
    }
    let limited = visitor.sign_in("ana@example.org", PASSWORD).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.body.contains("Too many failed sign-ins"));

    app.user("ben@example.org", Role::Author).await;
    let mut ben = app.visitor();
    let ok = ben.sign_in("BEN@example.org", PASSWORD).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let cookie = ok
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("bs_session="))
        .expect("a session cookie")
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert_eq!(ben.get("/admin").await.status, StatusCode::OK);
    assert_eq!(
        ben.post("/admin/logout", &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        ben.get("/admin").await.status,
        StatusCode::SEE_OTHER,
        "signed out"
    );
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = TestApp::new().await;
    let (mut editor, _) = app.signed_in("ed@example.org", Role::Editor).await;
    let without = editor
        .post_raw("/admin/articles", &[("headline", "Forged"), ("body", "x")])
        .await;
    assert_eq!(without.status, StatusCode::FORBIDDEN);
    let wrong = editor
        .post_raw(
            "/admin/articles",
            &[
                ("_csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                ("headline", "Forged"),
                ("body", "x"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let mut stranger = app.visitor();
    let login = stranger
        .post_raw(
            "/admin/login",
            &[("email", "ed@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        login.status,
        StatusCode::FORBIDDEN,
        "even signing in needs the token"
    );
    let with = editor
        .post("/admin/articles", &[("headline", "Real"), ("body", "x")])
        .await;
    assert_eq!(with.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_contributor_submits_and_an_editor_schedules_and_it_goes_out_on_time() {
    // The site's clock starts at the real time and is moved by the test: nothing waits
    // for the scheduled time to come.
    let clock = broadsheet_store::Clock::manual(broadsheet_store::now());
    let app = TestApp::with_clock("", clock.clone()).await;
    let (mut writer, _) = app.signed_in("writer@example.org", Role::Contributor).await;
    let (mut editor, _) = app.signed_in("editor@example.org", Role::Editor).await;
    let created = writer
        .post(
            "/admin/articles",
            &[
                ("headline", "Night ferry added"),
                ("body", "The city adds a night ferry."),
                ("body_format", "markdown"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id = id_from_location(&created);
    let publish = writer
        .post(
            &format!("/admin/articles/{id}/status"),
            &[("action", "publish")],
        )
        .await;
    assert_eq!(
        publish.status,
        StatusCode::FORBIDDEN,
        "contributors cannot publish"
    );
    let submit = writer
        .post(
            &format!("/admin/articles/{id}/status"),
            &[("action", "submit")],
        )
        .await;
    assert_eq!(submit.status, StatusCode::SEE_OTHER);
    assert!(
        editor
            .get("/admin")
            .await
            .body
            .contains("Night ferry added"),
        "awaiting review on the dashboard"
    );

    // A time in the past is a field error.
    let past = editor
        .post(
            &format!("/admin/articles/{id}/status"),
            &[("action", "schedule"), ("scheduled_at", "2001-01-01T09:00")],
        )
        .await;
    assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(past.body.contains("that time has passed"));

    let tz = app.app.config.time_zone;
    let at = broadsheet_core::dates::from_unix(clock.now() + 120);
    let at = at
        .with_timezone(&tz)
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    let scheduled = editor
        .post(
            &format!("/admin/articles/{id}/status"),
            &[("action", "schedule"), ("scheduled_at", &at)],
        )
        .await;
    assert_eq!(
        scheduled.status,
        StatusCode::SEE_OTHER,
        "{}",
        scheduled.body
    );
    let due = app
        .store()
        .articles()
        .article_scheduled_at(id)
        .await
        .expect("q")
        .expect("scheduled");
    let article = app
        .store()
        .articles()
        .article_by_id(id)
        .await
        .expect("q")
        .expect("a");
    let public = broadsheet_core::urls::article_path(
        broadsheet_core::dates::from_unix(due),
        &article.summary.slug,
        tz,
    );
    assert_eq!(
        app.get(&public).await.status,
        StatusCode::NOT_FOUND,
        "embargoed until its time"
    );

    // A real worker, as `serve` runs it; no request arrives meanwhile. Its time comes
    // (the clock is moved past it), and the worker, polling at least once a second,
    // publishes it with nobody touching anything.
    let worker = tokio::spawn(broadsheet_jobs::run_worker(broadsheet_jobs::Context {
        store: app.store().clone(),
        mailer: None,
        newsletters: None,
    }));
    assert!(clock.set(due - 1));
    tokio::task::yield_now().await;
    assert!(
        app.store()
            .articles()
            .published_article(&article.summary.slug)
            .await
            .expect("q")
            .is_none(),
        "a second before its time it is still embargoed"
    );
    assert!(clock.set(due));
    let came = std::time::Instant::now();
    let mut went_out = None;
    while came.elapsed() < std::time::Duration::from_secs(5) {
        if app
            .store()
            .articles()
            .published_article(&article.summary.slug)
            .await
            .expect("q")
            .is_some()
        {
            went_out = Some(came.elapsed());
            break;
        }
        // Waiting for the worker's poll to notice, not for time to pass.
        tokio::task::yield_now().await;
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    worker.abort();
    let late = went_out.expect("published by the worker within 5 s of its time");
    broadsheet_test_support::loud(&format!(
        "scheduled publishing: the article went out {} ms after its time came",
        late.as_millis()
    ));
    assert!(
        late < std::time::Duration::from_millis(2500),
        "went out {late:?} late"
    );
    let published = app
        .store()
        .articles()
        .article_by_id(id)
        .await
        .expect("q")
        .expect("a");
    assert_eq!(
        published.summary.published_at, due,
        "dated with its scheduled time"
    );
    assert_eq!(app.get(&public).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_stale_save_shows_both_versions_and_loses_nothing() {
    let app = TestApp::new().await;
    let (mut first, _) = app.signed_in("first@example.org", Role::Editor).await;
    let (mut second, _) = app.signed_in("second@example.org", Role::Editor).await;
    let created = first
        .post(
            "/admin/articles",
            &[
                ("headline", "Budget vote"),
                ("body", "Line one.\nLine two."),
            ],
        )
        .await;
    let id = id_from_location(&created);
    let path = format!("/admin/articles/{id}");
    assert_eq!(
        first
            .post(
                &path,
                &[
                    ("version", "1"),
                    ("headline", "Budget vote"),
                    ("body", "Line one.\nFirst editor's line.")
                ]
            )
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let stale = second
        .post(
            &path,
            &[
                ("version", "1"),
                ("headline", "Budget vote passes"),
                ("body", "Line one.\nSecond editor's line."),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("Someone else saved this article"));
    assert!(
        stale.body.contains("First editor&#39;s line.")
            && stale.body.contains("Second editor&#39;s line."),
        "both versions side by side"
    );
    let article = app
        .store()
        .articles()
        .article_by_id(id)
        .await
        .expect("q")
        .expect("a");
    assert!(
        article.body_source.contains("First editor's line."),
        "the first save stands"
    );
    let kept = app.store().articles().revisions(id).await.expect("q");
    assert!(
        kept.iter()
            .any(|r| r.kind.as_str() == "conflict"
                && r.body_source.contains("Second editor's line."))
    );

    // Compare and restore through the history.
    let history = first.get(&format!("/admin/articles/{id}/revisions")).await;
    assert_eq!(history.status, StatusCode::OK);
    let original = kept
        .iter()
        .find(|r| r.version == 1 && r.kind == broadsheet_core::article::RevisionKind::Save)
        .expect("v1")
        .id;
    let compare = first
        .get(&format!("/admin/articles/{id}/compare?from={original}"))
        .await;
    assert!(
        compare.body.contains("First editor&#39;s line.") && compare.body.contains("Line two.")
    );
    let restore = first
        .post(
            &format!("/admin/articles/{id}/revisions/{original}/restore"),
            &[("version", &article.version.to_string())],
        )
        .await;
    assert_eq!(restore.status, StatusCode::SEE_OTHER, "{}", restore.body);
    assert!(
        app.store()
            .articles()
            .article_by_id(id)
            .await
            .expect("q")
            .expect("a")
            .body_source
            .contains("Line two.")
    );
}

#[tokio::test]
async fn publishing_unpublishing_renaming_and_previews() {
    let app = TestApp::new().await;
    let (mut editor, _) = app.signed_in("editor@example.org", Role::Editor).await;
    let created = editor
        .post(
            "/admin/articles",
            &[
                ("headline", "Pier reopens"),
                ("body", "Text.\n\n[[form missing-form]]\n"),
            ],
        )
        .await;
    let id = id_from_location(&created);
    let blocked = editor
        .post(
            &format!("/admin/articles/{id}/status"),
            &[("action", "publish")],
        )
        .await;
    assert_eq!(blocked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        blocked.body.contains("line 3") && blocked.body.contains("missing-form"),
        "the embed and its line are named"
    );
    assert_eq!(
        editor
            .post(
                &format!("/admin/articles/{id}"),
                &[
                    ("version", "1"),
                    ("headline", "Pier reopens"),
                    ("body", "Text.")
                ]
            )
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    // Staff preview and a share link for the draft.
    assert_eq!(
        editor
            .get(&format!("/admin/articles/{id}/preview"))
            .await
            .status,
        StatusCode::OK
    );
    let shared = editor
        .post(&format!("/admin/articles/{id}/share"), &[])
        .await;
    let start = shared.body.find("/preview/").expect("a share link");
    let end = shared.body[start..].find('"').expect("end") + start;
    let link = shared.body[start..end].replace("&amp;", "&");
    let reader = app.get(&link).await;
    assert_eq!(
        reader.status,
        StatusCode::OK,
        "anyone with the link reads the draft"
    );
    assert!(reader.body.contains("Pier reopens"));
    assert_eq!(reader.header("x-robots-tag"), "noindex, nofollow");
    let forged = link.replace("sig=", "sig=x");
    assert_eq!(app.get(&forged).await.status, StatusCode::FORBIDDEN);

    assert_eq!(
        editor
            .post(
                &format!("/admin/articles/{id}/status"),
                &[("action", "publish")]
            )
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let article = app
        .store()
        .articles()
        .article_by_id(id)
        .await
        .expect("q")
        .expect("a");
    let url = broadsheet_core::urls::article_path(
        broadsheet_core::dates::from_unix(article.summary.published_at),
        "pier-reopens",
        app.app.config.time_zone,
    );
    assert_eq!(app.get(&url).await.status, StatusCode::OK);
    let after = app.get(&link).await;
    assert_eq!(
        after.status,
        StatusCode::SEE_OTHER,
        "once published, a share link leads to the article's address"
    );
    assert_eq!(after.header("location"), url);

    // A new slug: the old address redirects.
    let renamed = editor
        .post(
            &format!("/admin/articles/{id}"),
            &[
                ("version", &article.version.to_string()),
                ("headline", "Pier reopens"),
                ("slug", "pier-reopens-after-storm"),
                ("body", "Text."),
            ],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.body);
    let old = app.get(&url).await;
    assert_eq!(old.status, StatusCode::PERMANENT_REDIRECT);
    assert!(
        old.header("location")
            .ends_with("/pier-reopens-after-storm")
    );

    // A correction is its own action and shows on the article.
    editor
        .post(
            &format!("/admin/articles/{id}/notes"),
            &[
                ("kind", "correction"),
                ("body", "The pier is on Pier Street."),
            ],
        )
        .await;
    let new_url = old.header("location").to_string();
    assert!(
        app.get(&new_url)
            .await
            .body
            .contains("The pier is on Pier Street.")
    );

    // Unpublished: gone.
    assert_eq!(
        editor
            .post(
                &format!("/admin/articles/{id}/status"),
                &[("action", "unpublish")]
            )
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.get(&new_url).await.status, StatusCode::GONE);

    // A slug taken by another article is a field error.
    let other = editor
        .post("/admin/articles", &[("headline", "Another"), ("body", "x")])
        .await;
    let other = id_from_location(&other);
    let clash = editor
        .post(
            &format!("/admin/articles/{other}"),
            &[
                ("version", "1"),
                ("headline", "Another"),
                ("slug", "pier-reopens-after-storm"),
                ("body", "x"),
            ],
        )
        .await;
    assert_eq!(clash.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(clash.body.contains("already uses the slug"));
}

#[tokio::test]
async fn password_resets_go_through_the_job_queue_and_work_once() {
    let app = TestApp::new().await;
    app.user("ana@example.org", Role::Author).await;
    let mut visitor = app.visitor();
    let unknown = visitor
        .post("/admin/password-reset", &[("email", "nobody@example.org")])
        .await;
    let known = visitor
        .post("/admin/password-reset", &[("email", "ana@example.org")])
        .await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert_eq!(
        known.body.replace("nobody", ""),
        known.body,
        "same answer either way"
    );
    let jobs = app.store().jobs().jobs("queued", 10).await.expect("jobs");
    assert_eq!(jobs.len(), 1, "one email queued, for the real account only");
    let payload: serde_json::Value = serde_json::from_str(&jobs[0].payload).expect("json");
    let text = payload["text"].as_str().expect("text");
    let start = text.find("/admin/password-reset/").expect("link");
    let path = text[start..]
        .split_whitespace()
        .next()
        .expect("path")
        .to_string();
    assert_eq!(visitor.get(&path).await.status, StatusCode::OK);
    let reset = visitor
        .post(&path, &[("password", "a brand new password")])
        .await;
    assert!(
        reset.body.contains("Your password is changed"),
        "{}",
        reset.body
    );
    assert_eq!(
        visitor
            .post(&path, &[("password", "another new password")])
            .await
            .status,
        StatusCode::GONE,
        "once only"
    );
    assert_eq!(
        visitor
            .sign_in("ana@example.org", "a brand new password")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_reset_email_arrives_over_smtp_and_its_link_works() {
    let Some(server) = broadsheet_test_support::SmtpServer::start() else {
        return;
    };
    let app = TestApp::with_smtp(server.port, "Newsroom <newsroom@ledger.example>", "").await;
    app.user("ana@example.org", Role::Author).await;
    let mut visitor = app.visitor();
    visitor
        .post("/admin/password-reset", &[("email", "ana@example.org")])
        .await;
    let context = app.worker();
    assert_eq!(broadsheet_jobs::run_due(&context).await.expect("jobs"), 1);
    let messages = server.wait_for(1, 10);
    assert_eq!(messages.len(), 1, "exactly one email");
    // Long lines arrive quoted-printable, as mail clients expect; undo the soft breaks.
    let raw = &messages[0]
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=");
    assert!(raw.contains("To: ana@example.org"), "{raw}");
    assert!(
        raw.contains("Subject: Reset your The Test Ledger newsroom password"),
        "{raw}"
    );
    let start = raw
        .find("https://ledger.example/admin/password-reset/")
        .expect("the link");
    let link = raw[start..].split_whitespace().next().expect("link");
    let path = link.trim_start_matches("https://ledger.example");
    assert_eq!(visitor.get(path).await.status, StatusCode::OK);
    assert!(
        app.store()
            .jobs()
            .jobs("done", 10)
            .await
            .expect("jobs")
            .len()
            == 1,
        "the job is done, not retried"
    );
}

#[tokio::test]
async fn settings_change_the_site_at_once_and_bad_values_are_explained() {
    let app = TestApp::new().await;
    app.with_paper().await;
    let (mut admin, _) = app
        .signed_in("admin@example.org", Role::Administrator)
        .await;
    assert!(app.get("/").await.body.contains("The Test Ledger"));
    let bad = admin
        .post(
            "/admin/settings",
            &[
                ("name", "The Valley Courier"),
                ("time_zone", "Mars/Olympus"),
                ("calendars", "hebrew"),
                ("menu", "no bar here"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("Mars/Olympus")
            && bad.body.contains("Label | /address")
            && bad.body.contains("location")
    );
    let saved = admin
        .post(
            "/admin/settings",
            &[
                ("name", "The Valley Courier"),
                ("tagline", "News of the valley"),
                ("time_zone", "Asia/Jerusalem"),
                ("calendars", "gregorian"),
                ("calendars", "hebrew"),
                ("latitude", "31.7683"),
                ("longitude", "35.2137"),
                ("menu", "Local | /section/local\nAbout us | /about"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let front = app.get("/").await;
    assert!(front.body.contains("The Valley Courier") && front.body.contains("News of the valley"));
    assert!(
        front.body.contains("<a href=\"/section/local\">Local</a>")
            && front.body.contains("<a href=\"/about\">About us</a>")
    );
    // Publication times now read in Jerusalem time.
    let article = app.get("/2024/03/18/subway-fares-rise").await;
    assert!(
        article.body.contains("March 18, 2024, 6:00 p.m. IST"),
        "times follow the new time zone"
    );
}

#[tokio::test]
async fn a_value_that_does_not_fit_its_field_is_refused_by_name_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let (mut editor, _) = app.signed_in("ed@example.org", Role::Editor).await;
    let created = editor
        .post(
            "/admin/articles",
            &[("headline", "Water main breaks"), ("body", "First text.")],
        )
        .await;
    let id = id_from_location(&created);
    let path = format!("/admin/articles/{id}");
    let before = app
        .store()
        .articles()
        .article_by_id(id)
        .await
        .expect("q")
        .expect("a");
    let revisions = app.store().articles().revisions(id).await.expect("q").len();
    let edited = |field: (&'static str, &'static str)| {
        vec![
            ("version", "1"),
            ("headline", "Water main repaired"),
            ("body", "Changed text."),
            field,
        ]
    };
    let cases = [
        (
            path.as_str(),
            edited(("section_id", "news")),
            "“section_id”",
        ),
        (
            path.as_str(),
            edited(("featured_media_id", "-3")),
            "“featured_media_id”",
        ),
        (
            path.as_str(),
            vec![
                ("version", "latest"),
                ("headline", "Water main repaired"),
                ("body", "Changed text."),
            ],
            "“version”",
        ),
        (
            "/admin/articles",
            vec![
                ("headline", "Another story"),
                ("body", "Text."),
                ("author_ids", "1"),
                ("author_ids", "1 OR 1=1"),
            ],
            "“author_ids”",
        ),
        (
            "/admin/comments",
            vec![("ids", "all"), ("action", "approve")],
            "“ids”",
        ),
    ];
    for (uri, fields, field) in cases {
        let reply = editor.post(uri, &fields).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{uri} {fields:?}: {}",
            reply.body
        );
        assert!(
            reply.body.contains(field) && reply.body.contains("positive whole number"),
            "{field}: {}",
            reply.body
        );
    }
    let after = app
        .store()
        .articles()
        .article_by_id(id)
        .await
        .expect("q")
        .expect("a");
    assert_eq!(
        (after.version, &after.summary.headline, &after.body_source),
        (
            before.version,
            &before.summary.headline,
            &before.body_source
        ),
        "the article is as it was"
    );
    assert_eq!(
        app.store().articles().revisions(id).await.expect("q").len(),
        revisions
    );
    let all = broadsheet_store::NewsroomQuery::default();
    assert_eq!(
        app.store()
            .articles()
            .count_newsroom_articles(&all)
            .await
            .expect("q"),
        1,
        "no article was created"
    );
    // The same form with fitting values saves.
    let fixed = editor.post(&path, &edited(("section_id", ""))).await;
    assert_eq!(fixed.status, StatusCode::SEE_OTHER, "{}", fixed.body);
}
