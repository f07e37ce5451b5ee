//! Forms readers send, and forms editors define, on SQLite and (with
//! BROADSHEET_TEST_POSTGRES_URL) PostgreSQL.

mod common;

use axum::http::StatusCode;
use broadsheet_core::role::Role;
use common::TestApp;

#[tokio::test]
async fn readers_send_an_embedded_form_and_it_reaches_the_newsroom() {
    let smtp = broadsheet_test_support::SmtpServer::start();
    let settings = smtp
        .as_ref()
        .map(|s| format!("smtp_host = \"127.0.0.1\"\nsmtp_port = {}\nsmtp_tls = \"none\"\nmail_from = \"Ledger <forms@ledger.example>\"", s.port))
        .unwrap_or_default();
    let app = TestApp::with_settings(&settings).await;
    app.with_paper().await;
    let form = app
        .store()
        .forms()
        .form_by_slug("tips")
        .await
        .expect("q")
        .expect("form");
    let mut settings_form = app
        .store()
        .forms()
        .form_admin(form.id)
        .await
        .expect("q")
        .expect("admin");
    settings_form.recipients = "desk@ledger.example".into();
    app.store()
        .forms()
        .update_form(
            form.id,
            &broadsheet_store::NewForm {
                slug: form.slug.clone(),
                title: form.title.clone(),
                description: form.description.clone(),
                fields: form.fields.clone(),
                recipients: settings_form.recipients.clone(),
                thanks: "Thanks, the desk will read it.".into(),
            },
        )
        .await
        .expect("recipients");
    let mut reader = app.visitor();

    let proof = reader.spam_proof().await;
    let empty = reader
        .post_raw("/forms/tips", &[("tip", "  "), ("altcha", &proof)])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("this field is required"));
    assert!(empty.body.contains("aria-invalid=\"true\""));

    let unproven = reader
        .post_raw("/forms/tips", &[("tip", "No spam check")])
        .await;
    assert_eq!(unproven.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unproven.body.contains("spam check is missing"),
        "{}",
        unproven.body
    );
    let forged = reader
        .post_raw(
            "/forms/tips",
            &[
                ("tip", "Forged"),
                ("altcha", "eyJhbGdvcml0aG0iOiJTSEEtMjU2In0="),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    let proof = reader.spam_proof().await;
    let sent = reader
        .post_raw(
            "/forms/tips",
            &[
                ("tip", "<script>alert(1)</script> The bridge is closing."),
                ("altcha", &proof),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert!(sent.body.contains("Thanks, the desk will read it."));
    let stored = app
        .store()
        .forms()
        .submissions(form.id, 10)
        .await
        .expect("q");
    assert_eq!(stored.len(), 1);
    let replay = reader
        .post_raw("/forms/tips", &[("tip", "Sent twice"), ("altcha", &proof)])
        .await;
    assert_eq!(replay.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        replay.body.contains("already used"),
        "a solution works once"
    );
    assert_eq!(
        stored[0].values[0].1, "<script>alert(1)</script> The bridge is closing.",
        "kept exactly"
    );

    // A bot filling the hidden field is thanked and ignored.
    let bot = reader
        .post_raw(
            "/forms/tips",
            &[("tip", "Buy pills"), ("website", "http://spam.example")],
        )
        .await;
    assert_eq!(bot.status, StatusCode::OK);
    assert_eq!(
        app.store()
            .forms()
            .submissions(form.id, 10)
            .await
            .expect("q")
            .len(),
        1
    );

    // The newsroom sees it escaped, and the CSV neutralises formulas.
    let (mut editor, _) = app.signed_in("editor@example.org", Role::Editor).await;
    let page = editor.get(&format!("/admin/forms/{}", form.id)).await;
    assert!(
        page.body
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; The bridge is closing.")
    );
    let proof = reader.spam_proof().await;
    reader
        .post_raw(
            "/forms/tips",
            &[
                ("tip", "=HYPERLINK(\"http://evil.example\")"),
                ("altcha", &proof),
            ],
        )
        .await;
    let csv = editor
        .get(&format!("/admin/forms/{}/submissions.csv", form.id))
        .await;
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert!(
        csv.body.starts_with("\"submitted_at\",\"tip\"\r\n"),
        "{}",
        csv.body
    );
    assert!(
        csv.body
            .contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
        "{}",
        csv.body
    );

    // The submission is emailed to the desk through the job queue.
    if let Some(server) = &smtp {
        let context = app.worker();
        broadsheet_jobs::run_due(&context).await.expect("jobs");
        let messages = server.wait_for(2, 10);
        assert_eq!(messages.len(), 2, "one email per kept submission");
        assert!(messages[0].contains("To: desk@ledger.example"));
        assert!(
            messages
                .iter()
                .any(|m| m.contains("The bridge is closing."))
        );
    }

    // A flood from one address is slowed down.
    let mut last = StatusCode::OK;
    for _ in 0..12 {
        let proof = reader.spam_proof().await;
        last = reader
            .post_raw("/forms/tips", &[("tip", "again"), ("altcha", &proof)])
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn editors_define_forms_and_deleting_an_embedded_one_asks_first() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;
    let (mut editor, _) = app.signed_in("editor@example.org", Role::Editor).await;
    let bad = editor
        .post(
            "/admin/forms",
            &[
                ("title", "Corrections"),
                ("slug", "corrections"),
                ("fields", "what | What is wrong | paragraph | required"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("unknown kind `paragraph`"),
        "{}",
        bad.body
    );
    let created = editor
        .post(
            "/admin/forms",
            &[
                ("title", "Report an error"),
                ("slug", "corrections"),
                ("fields", "what | What is wrong | textarea | required\nsection | Section | select | optional | News, Sport"),
                ("recipients", "not an address"),
            ],
        )
        .await;
    assert_eq!(
        created.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "recipients are checked"
    );
    let created = editor
        .post(
            "/admin/forms",
            &[
                ("title", "Report an error"),
                ("slug", "corrections"),
                ("fields", "what | What is wrong | textarea | required"),
                ("recipients", "desk@ledger.example"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id: i64 = created
        .header("location")
        .trim_start_matches("/admin/forms/")
        .parse()
        .expect("id");

    // Embed it in a published article.
    let article = app
        .store()
        .articles()
        .article_by_id(paper.other)
        .await
        .expect("q")
        .expect("a");
    let mut draft = broadsheet_store::ArticleDraft::new(
        &article.summary.headline,
        "Tell us.\n\n[[form corrections]]\n",
    );
    draft.section_id = Some(paper.news);
    app.store()
        .articles()
        .save_article(
            paper.other,
            &draft,
            article.version,
            None,
            broadsheet_core::article::RevisionKind::Save,
        )
        .await
        .expect("save");
    let url = "/2024/03/17/parks-stay-open-late";
    assert!(app.get(url).await.body.contains("Report an error"));

    let warned = editor.post(&format!("/admin/forms/{id}/delete"), &[]).await;
    assert_eq!(warned.status, StatusCode::CONFLICT);
    assert!(warned.body.contains("Parks stay open late"));
    let deleted = editor
        .post(&format!("/admin/forms/{id}/delete"), &[("confirm", "1")])
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    let page = app.get(url).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains("Report an error"),
        "the deleted form renders as nothing"
    );
    assert!(
        !page.body.contains("[[") && !page.body.contains("corrections]]"),
        "no raw embed or error text"
    );
    let (mut author, _) = app.signed_in("author@example.org", Role::Author).await;
    assert_eq!(
        author.get("/admin/forms").await.status,
        StatusCode::FORBIDDEN
    );
}
