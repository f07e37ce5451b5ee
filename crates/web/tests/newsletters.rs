//! Newsletter sign-up with double opt-in and one-click unsubscribe, against a real SMTP
//! server, on SQLite and (with BROADSHEET_TEST_POSTGRES_URL) PostgreSQL.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::TestApp;

fn decode(raw: &str) -> String {
    raw.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

#[tokio::test]
async fn double_opt_in_then_one_click_unsubscribe() {
    let Some(server) = broadsheet_test_support::SmtpServer::start() else {
        return;
    };
    let app = TestApp::with_smtp(server.port, "Ledger <news@ledger.example>", "").await;
    let context = app.worker();
    let lists = app
        .store()
        .newsletters()
        .newsletter_lists()
        .await
        .expect("lists");
    assert_eq!(
        lists.len(),
        2,
        "a daily digest and breaking news by default"
    );
    let daily = lists[0].id.to_string();
    let mut reader = app.visitor();
    assert!(
        app.get("/").await.body.contains("action=\"/subscribe\""),
        "every page offers the newsletters"
    );
    let form = reader.get("/subscribe?email=dana%40example.org").await;
    assert!(
        form.body.contains("value=\"dana@example.org\""),
        "the footer's address is carried over"
    );
    assert!(form.body.contains("Daily digest") && form.body.contains("<altcha-widget"));

    let long = format!("{}@example.org", "a".repeat(300));
    let proof = reader.spam_proof().await;
    let refused = reader
        .post_raw(
            "/subscribe",
            &[("email", &long), ("lists", &daily), ("altcha", &proof)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("longer than 254"));
    let unproven = reader
        .post_raw(
            "/subscribe",
            &[("email", "ana@example.org"), ("lists", &daily)],
        )
        .await;
    assert_eq!(unproven.status, StatusCode::UNPROCESSABLE_ENTITY);

    let proof = reader.spam_proof().await;
    let asked = reader
        .post_raw(
            "/subscribe",
            &[
                ("email", "Dana@Example.org"),
                ("lists", &daily),
                ("altcha", &proof),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    assert!(asked.body.contains("Check your inbox"));
    broadsheet_jobs::run_due(&context).await.expect("jobs");
    let messages = server.wait_for(1, 10);
    assert_eq!(
        messages.len(),
        1,
        "only the confirmation is sent before confirming"
    );
    let mail = decode(&messages[0]);
    assert!(
        mail.contains("Subject: Confirm your The Test Ledger newsletter subscription"),
        "{mail}"
    );
    let start = mail.find("/subscribe/confirm/").expect("confirm link");
    let path = mail[start..]
        .split_whitespace()
        .next()
        .expect("path")
        .to_string();

    assert_eq!(reader.get(&path).await.status, StatusCode::OK);
    let again = reader.get(&path).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert!(again.body.contains("already used"));

    broadsheet_jobs::run_due(&context).await.expect("jobs");
    let messages = server.wait_for(2, 10);
    let welcome = decode(&messages[1]);
    assert!(
        welcome.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{welcome}"
    );
    assert!(
        welcome.contains("List-Unsubscribe: <mailto:news@ledger.example?subject=unsubscribe"),
        "{welcome}"
    );
    let start = welcome
        .find("<https://ledger.example/newsletters/")
        .expect("https unsubscribe link")
        + 1;
    let end = welcome[start..].find('>').expect("end") + start;
    let unsubscribe = welcome[start..end]
        .trim_start_matches("https://ledger.example")
        .to_string();
    let manage = unsubscribe.trim_end_matches("/unsubscribe").to_string();

    // The manage page works from the link; a forged link does not.
    assert_eq!(app.get(&manage).await.status, StatusCode::OK);
    assert_eq!(
        app.get(&format!("{manage}x")).await.status,
        StatusCode::NOT_FOUND
    );
    // Opening the unsubscribe link changes nothing (mail scanners open links).
    assert_eq!(app.get(&unsubscribe).await.status, StatusCode::OK);
    let id: i64 = manage
        .split('/')
        .nth(2)
        .and_then(|id| id.parse().ok())
        .expect("id");
    assert_eq!(
        app.store()
            .newsletters()
            .subscriber(id)
            .await
            .expect("q")
            .expect("s")
            .status,
        "confirmed"
    );
    // The mail client's one-click POST: no cookie, no token, no further step.
    let one_click = app
        .request(
            Request::post(&unsubscribe)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("List-Unsubscribe=One-Click"))
                .expect("request"),
        )
        .await;
    assert_eq!(one_click.status, StatusCode::OK);
    let subscriber = app
        .store()
        .newsletters()
        .subscriber(id)
        .await
        .expect("q")
        .expect("s");
    assert_eq!(subscriber.status, "unsubscribed");
    assert!(subscriber.lists.is_empty());
    assert_eq!(
        subscriber.email, "dana@example.org",
        "one subscription per address, whatever its case"
    );

    // An expired confirmation link says so.
    let token = app
        .store()
        .newsletters()
        .request_subscription("late@example.org", &[lists[1].id], -1)
        .await
        .expect("request");
    let late = reader.get(&format!("/subscribe/confirm/{token}")).await;
    assert_eq!(late.status, StatusCode::GONE);
    assert!(late.body.contains("expired"));
}

#[tokio::test]
async fn a_breaking_alert_goes_once_to_confirmed_subscribers_even_when_smtp_fails_first() {
    let Some(server) = broadsheet_test_support::SmtpServer::start() else {
        return;
    };
    let app = TestApp::with_smtp(
        server.port,
        "Ledger <news@ledger.example>",
        "newsletter_per_second = 1000",
    )
    .await;
    let paper = app.with_paper().await;
    let breaking = app
        .store()
        .newsletters()
        .newsletter_lists()
        .await
        .expect("lists")[1]
        .id;
    for address in ["one@example.org", "two@example.org"] {
        let token = app
            .store()
            .newsletters()
            .request_subscription(address, &[breaking], 3600)
            .await
            .expect("request");
        app.store()
            .newsletters()
            .confirm_subscription(&token)
            .await
            .expect("confirm");
    }
    // Pending (never confirmed) addresses get nothing.
    app.store()
        .newsletters()
        .request_subscription("pending@example.org", &[breaking], 3600)
        .await
        .expect("request");

    let (mut editor, _) = app
        .signed_in("editor@example.org", broadsheet_core::role::Role::Editor)
        .await;
    let sent = editor
        .post(&format!("/admin/articles/{}/alert", paper.lead), &[])
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let again = editor
        .post(&format!("/admin/articles/{}/alert", paper.lead), &[])
        .await;
    assert!(
        again.header("location").ends_with("saved=alert-again"),
        "an alert is never sent twice"
    );

    // First the SMTP server is unreachable: nothing is delivered, nothing is lost.
    let down = format!(
        "smtp_host = \"127.0.0.1\"\nsmtp_port = {}\nsmtp_tls = \"none\"\nmail_from = \"Ledger <news@ledger.example>\"",
        broadsheet_test_support::free_port()
    );
    let down = broadsheet_core::config::Config::parse(
        &down,
        "t.toml",
        std::path::Path::new("/tmp"),
        &Default::default(),
    )
    .expect("config");
    let failing = broadsheet_jobs::Context {
        store: app.store().clone(),
        mailer: broadsheet_mail::Mailer::from_config(&down).expect("mailer"),
        newsletters: app.worker().newsletters,
    };
    broadsheet_jobs::run_due(&failing).await.expect("jobs");
    assert!(server.messages().is_empty());
    let waiting = app.store().jobs().jobs("queued", 10).await.expect("jobs");
    assert_eq!(waiting.len(), 2, "both deliveries wait for a retry");
    assert!(
        waiting
            .iter()
            .all(|j| j.last_error.as_deref().is_some_and(|e| e.contains("SMTP")))
    );

    // Later the server is back: each subscriber gets exactly one copy.
    for job in &waiting {
        app.store()
            .jobs()
            .retry_job_now_for_tests(job.id)
            .await
            .expect("due now");
    }
    let working = app.worker();
    broadsheet_jobs::run_due(&working).await.expect("jobs");
    broadsheet_jobs::run_due(&working)
        .await
        .expect("jobs again");
    let messages = server.wait_for(2, 10);
    assert_eq!(messages.len(), 2, "one copy each");
    for raw in &messages {
        let raw = decode(raw);
        assert!(
            raw.contains("Subject: Breaking: Subway fares rise"),
            "{raw}"
        );
        assert!(
            raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
            "{raw}"
        );
    }
    assert!(!messages.iter().any(|m| m.contains("pending@example.org")));
}

#[tokio::test]
async fn the_daily_digest_goes_out_once_at_its_time_with_the_days_articles() {
    let Some(server) = broadsheet_test_support::SmtpServer::start() else {
        return;
    };
    let app = TestApp::with_settings(&format!(
        "smtp_host = \"127.0.0.1\"\nsmtp_port = {}\nsmtp_tls = \"none\"\nmail_from = \"Ledger <news@ledger.example>\"\ndigest_time = \"12:00\"",
        server.port
    ))
    .await;
    let paper = app.with_paper().await;
    let daily = app
        .store()
        .newsletters()
        .newsletter_lists()
        .await
        .expect("lists")[0]
        .id;
    let token = app
        .store()
        .newsletters()
        .request_subscription("reader@example.org", &[daily], 3600)
        .await
        .expect("request");
    app.store()
        .newsletters()
        .confirm_subscription(&token)
        .await
        .expect("confirm");
    let tz = app.app.config.time_zone;
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    let at = |hour: u32| {
        chrono::TimeZone::from_local_datetime(&tz, &today.and_hms_opt(hour, 0, 0).expect("time"))
            .single()
            .expect("unambiguous")
            .with_timezone(&chrono::Utc)
    };
    // Today's story, published at 10:00 local time.
    let mut draft =
        broadsheet_store::ArticleDraft::new("Harbor tunnel reopens", "Traffic flows again.");
    draft.section_id = Some(paper.news);
    let id = app
        .store()
        .articles()
        .create_article(&draft)
        .await
        .expect("draft");
    app.store()
        .articles()
        .publish_article(id, at(10).timestamp())
        .await
        .expect("publish");

    let context = broadsheet_jobs::Context {
        store: app.store().clone(),
        mailer: broadsheet_mail::Mailer::from_config(&app.app.config).expect("mailer"),
        newsletters: Some(
            broadsheet_jobs::NewsletterSettings::from_config(&app.app.config)
                .expect("the theme compiles"),
        ),
    };
    assert_eq!(
        broadsheet_jobs::queue_digest_if_due(&context, at(11))
            .await
            .expect("q"),
        None,
        "not before its time"
    );
    assert!(
        broadsheet_jobs::queue_digest_if_due(&context, at(13))
            .await
            .expect("q")
            .is_some()
    );
    assert_eq!(
        broadsheet_jobs::queue_digest_if_due(&context, at(14))
            .await
            .expect("q"),
        None,
        "once a day"
    );
    broadsheet_jobs::run_due(&context).await.expect("jobs");
    let messages = server.wait_for(1, 10);
    assert_eq!(messages.len(), 1);
    let raw = decode(&messages[0]);
    assert!(raw.contains("Harbor tunnel reopens"), "{raw}");
    assert!(
        !raw.contains("Subway fares rise"),
        "only the day's articles"
    );
    assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
}

#[tokio::test]
async fn subscribers_are_searched_exported_and_imported_with_a_report_of_broken_rows() {
    let app = TestApp::new().await;
    let lists = app
        .store()
        .newsletters()
        .newsletter_lists()
        .await
        .expect("lists");
    let (daily, breaking) = (lists[0].id, lists[1].id);
    let store = app.store();
    store
        .newsletters()
        .set_verified_subscriptions("gone@example.org", &[daily])
        .await
        .expect("subscribe");
    let gone = store
        .newsletters()
        .subscriber_by_email("gone@example.org")
        .await
        .expect("q")
        .expect("s");
    store
        .newsletters()
        .unsubscribe_all(gone.id)
        .await
        .expect("unsubscribe");
    store
        .newsletters()
        .set_verified_subscriptions("kept@example.org", &[breaking])
        .await
        .expect("subscribe");

    // A reader who deleted their account is never imported back.
    let erased = broadsheet_core::email::Email::parse("erased@example.org").expect("email");
    let token = store
        .readers()
        .create_reader_link(&erased, "/", 600)
        .await
        .expect("link");
    let (reader, _) = store
        .readers()
        .redeem_reader_link(&token, "Erased")
        .await
        .expect("redeem")
        .expect("valid link");
    store
        .newsletters()
        .set_verified_subscriptions("erased@example.org", &[daily])
        .await
        .expect("subscribe");
    store
        .readers()
        .delete_reader(reader.id, false)
        .await
        .expect("delete");

    let (mut admin, _) = app
        .signed_in(
            "admin@example.org",
            broadsheet_core::role::Role::Administrator,
        )
        .await;
    let (mut editor, _) = app
        .signed_in("editor@example.org", broadsheet_core::role::Role::Editor)
        .await;
    assert_eq!(
        editor.get("/admin/subscribers").await.status,
        StatusCode::FORBIDDEN,
        "addresses are for administrators"
    );

    let file = "Email,Lists,Name\r\n\
                new@example.org,daily-digest,New\r\n\
                KEPT@example.org,daily-digest,Kept\r\n\
                gone@example.org,,Gone\r\n\
                not an address,,Broken\r\n\
                other@example.org,sport,Unknown list\r\n\
                new@example.org,,Twice\r\n\
                \"=cmd|' /C calc'!A0\"@example.org,,Formula\r\n\
                plain@example.org,,Default lists\r\n\
                erased@example.org,,Erased\r\n\
                \"unclosed@example.org,,Broken quote\r\n\
                never@example.org,,Never read\r\n";
    let daily_text = daily.to_string();
    let refused = admin
        .upload_to(
            "/admin/subscribers/import",
            &[("subscribers.csv", file.as_bytes())],
            &[("lists", &daily_text)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("asked for your newsletters"));
    let imported = admin
        .upload_to(
            "/admin/subscribers/import",
            &[("subscribers.csv", file.as_bytes())],
            &[("lists", &daily_text), ("consent", "1")],
        )
        .await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);
    let body = &imported.body;
    assert!(
        body.contains("2 added, 0 confirmed (they had not confirmed here yet), 1 already subscribed (their choice of newsletters kept), 7 not imported"),
        "{body}"
    );
    for (line, reason) in [
        (4, "unsubscribed on"),
        (5, "not an address"),
        (6, "no newsletter `sport`"),
        (7, "same address as line 2"),
        (10, "deleted their account"),
        (11, "never closed"),
    ] {
        assert!(
            body.contains(&format!("<td>{line}</td>")),
            "line {line} reported: {body}"
        );
        assert!(body.contains(reason), "{reason}: {body}");
    }
    let kept = store
        .newsletters()
        .subscriber_by_email("kept@example.org")
        .await
        .expect("q")
        .expect("s");
    assert_eq!(kept.lists, vec![breaking], "their own choice is kept");
    let plain = store
        .newsletters()
        .subscriber_by_email("plain@example.org")
        .await
        .expect("q")
        .expect("s");
    assert_eq!(
        (plain.status.as_str(), plain.lists),
        ("confirmed", vec![daily])
    );
    assert_eq!(
        store
            .newsletters()
            .subscriber_by_email("gone@example.org")
            .await
            .expect("q")
            .expect("s")
            .status,
        "unsubscribed",
        "an unsubscribed address is not added back"
    );
    assert!(
        store
            .newsletters()
            .subscriber_by_email("never@example.org")
            .await
            .expect("q")
            .is_none()
    );

    let found = admin
        .get("/admin/subscribers?q=KEPT&status=confirmed")
        .await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.body.contains("kept@example.org"));
    assert!(!found.body.contains("plain@example.org"));
    assert!(found.body.contains("1 found"));
    let csv = admin
        .get("/admin/subscribers.csv?status=unsubscribed")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 2, "{}", csv.body);
    assert!(lines[0].starts_with("\"email\",\"status\",\"lists\""));
    assert!(lines[1].starts_with("\"gone@example.org\",\"unsubscribed\""));
}

#[tokio::test]
async fn the_newsletter_embed_draws_a_sign_up_and_a_wrong_list_blocks_publishing() {
    let app = TestApp::new().await;
    let store = app.store();
    let mut draft = broadsheet_store::ArticleDraft::new(
        "Sign up for alerts",
        "Intro.\n\n[[newsletter breaking-news]]\n\nMore.\n\n[[newsletter]]\n",
    );
    draft.slug = Some("alerts".into());
    let id = store
        .articles()
        .create_article(&draft)
        .await
        .expect("article");
    store
        .articles()
        .publish_article(id, common::MIDDAY_2024_03_18)
        .await
        .expect("publishes");
    let article = store
        .articles()
        .article_by_id(id)
        .await
        .expect("q")
        .expect("article");
    let path = broadsheet_core::urls::article_path(
        broadsheet_core::dates::from_unix(article.summary.published_at),
        "alerts",
        app.app.site().time_zone,
    );
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.body
            .matches("class=\"embed embed-newsletter\"")
            .count(),
        2
    );
    assert!(
        page.body
            .contains("<h2 id=\"nl-breaking-news\">Breaking news</h2>")
    );
    assert!(page.body.contains("Get our newsletters"));
    assert!(!page.body.contains("[[newsletter"));

    let mut broken = broadsheet_store::ArticleDraft::new("Wrong list", "[[newsletter sport]]\n");
    broken.slug = Some("wrong-list".into());
    let id = store
        .articles()
        .create_article(&broken)
        .await
        .expect("draft saves");
    let refused = store
        .articles()
        .publish_article(id, common::MIDDAY_2024_03_18)
        .await
        .expect_err("cannot publish");
    let message = refused.to_string();
    assert!(
        message.contains("line 1") && message.contains("no newsletter list `sport`"),
        "{message}"
    );
    assert!(
        message.contains("breaking-news"),
        "it names the lists there are"
    );
}

#[tokio::test]
async fn a_connection_cut_mid_message_is_retried_and_nobody_gets_two_copies_unicode_included() {
    let Some(server) = broadsheet_test_support::SmtpServer::start() else {
        return;
    };
    // The first message's connection is cut halfway through its text.
    let relay = broadsheet_test_support::CuttingRelay::start(server.port, 1);
    let app = TestApp::with_smtp(
        relay.port,
        "Ledger <news@ledger.example>",
        "newsletter_per_second = 1000",
    )
    .await;
    let paper = app.with_paper().await;
    let breaking = app
        .store()
        .newsletters()
        .newsletter_lists()
        .await
        .expect("lists")[1]
        .id;
    let addresses = ["ana@example.org", "zoë@exämple.org", "ben@example.org"];
    for address in addresses {
        let email = broadsheet_core::email::Email::parse(address).expect("unicode is an address");
        app.store()
            .newsletters()
            .set_verified_subscriptions(&email.key(), &[breaking])
            .await
            .expect("subscribe");
    }
    let (mut editor, _) = app
        .signed_in("editor@example.org", broadsheet_core::role::Role::Editor)
        .await;
    let sent = editor
        .post(&format!("/admin/articles/{}/alert", paper.lead), &[])
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let context = app.worker();
    broadsheet_jobs::run_due(&context).await.expect("jobs");
    assert_eq!(relay.cuts_left(), 0, "a connection was cut");
    let waiting = app.store().jobs().jobs("queued", 10).await.expect("jobs");
    assert_eq!(waiting.len(), 1, "the cut delivery waits for a retry");
    assert!(
        waiting[0].last_error.is_some(),
        "the failure is recorded for the operator"
    );
    server.wait_for(2, 10);
    app.store()
        .jobs()
        .retry_job_now_for_tests(waiting[0].id)
        .await
        .expect("due now");
    broadsheet_jobs::run_due(&context).await.expect("jobs");
    broadsheet_jobs::run_due(&context)
        .await
        .expect("jobs again");
    let messages = server.wait_for(3, 10);
    assert_eq!(messages.len(), 3, "one copy each, the cut one included");
    for address in addresses {
        let copies = messages
            .iter()
            .filter(|raw| {
                raw.lines()
                    .any(|line| line.starts_with("To: ") && line.contains(address))
            })
            .count();
        assert_eq!(copies, 1, "{address}: {messages:?}");
    }
}
