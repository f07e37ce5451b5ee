//! The newsroom in a real browser: Chromium driven through chromedriver.
//! Runs when BROADSHEET_TEST_BROWSER=1 (CI sets it); otherwise says loudly that it is
//! skipped.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use broadsheet_core::role::Role;
use common::{PASSWORD, TestApp};
use fantoccini::{Client, ClientBuilder, Locator};

const BROWSER_ENV: &str = "BROADSHEET_TEST_BROWSER";

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn browser_wanted() -> bool {
    if std::env::var(BROWSER_ENV).is_ok_and(|v| v == "1") {
        return true;
    }
    broadsheet_test_support::loud(&format!(
        "NOTE: browser tests are SKIPPED: set {BROWSER_ENV}=1 with chromium and chromium-driver installed (CI does)."
    ));
    false
}

async fn start_driver() -> (Driver, u16) {
    let port = broadsheet_test_support::free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts (apt-get install chromium-driver)");
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (driver, port)
}

async fn browser(driver_port: u16) -> Client {
    let profile = tempfile::tempdir().expect("profile").keep();
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("a browser session")
}

/// chromedriver and a headless Chromium session through it (the driver stops when
/// the first value is dropped).
async fn chromium() -> (Driver, Client) {
    let (driver, port) = start_driver().await;
    (driver, browser(port).await)
}

/// The site served on a real port, with a worker running jobs as `serve` does.
async fn served_app() -> (TestApp, String) {
    served_app_with(None).await
}

/// [`served_app`] telling time by `clock` (the test moves it instead of waiting).
async fn served_app_with(clock: Option<broadsheet_store::Clock>) -> (TestApp, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("port");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let settings = format!("base_url = \"{base}\"");
    let app = match clock {
        Some(clock) => TestApp::with_clock(&settings, clock).await,
        None => TestApp::with_settings(&settings).await,
    };
    tokio::spawn(broadsheet_web::serve(app.app.clone(), listener));
    tokio::spawn(broadsheet_jobs::run_worker(broadsheet_jobs::Context {
        store: app.store().clone(),
        mailer: None,
        newsletters: None,
    }));
    (app, base)
}

async fn sign_in(client: &Client, base: &str, email: &str) {
    client
        .goto(&format!("{base}/admin/login"))
        .await
        .expect("login page");
    client
        .find(Locator::Id("email"))
        .await
        .expect("email")
        .send_keys(email)
        .await
        .expect("type");
    client
        .find(Locator::Id("password"))
        .await
        .expect("password")
        .send_keys(PASSWORD)
        .await
        .expect("type");
    client
        .find(Locator::Css("form button[type=submit]"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
    wait_for(client, "form.signout").await;
    let heading = client
        .find(Locator::Css("h1"))
        .await
        .expect("heading")
        .text()
        .await
        .expect("text");
    assert!(
        heading.starts_with("Good to see you"),
        "signed in: {heading}"
    );
}

async fn sign_out(client: &Client) {
    wait_for(client, "form.signout button")
        .await
        .click()
        .await
        .expect("click");
    wait_for(client, "#email").await;
}

/// Waits until the ALTCHA widget in the form that `form_js` evaluates to has solved its
/// challenge (its hidden `altcha` field is filled); on failure, says what the page had.
async fn wait_for_spam_check(client: &Client, form_js: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    let read = format!(
        "const i = ({form_js}).querySelector('input[name=altcha]'); return i ? i.value : '';"
    );
    loop {
        let value = client.execute(&read, vec![]).await.expect("script");
        if value.as_str().is_some_and(|v| !v.is_empty()) {
            return;
        }
        if Instant::now() >= deadline {
            let state = client
                .execute(
                    "return JSON.stringify({defined: !!customElements.get('altcha-widget'), altcha: typeof window.$altcha});",
                    vec![],
                )
                .await
                .expect("script");
            panic!("the widget never solved the challenge: {state}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Waits until an element with this text is on the page (the previous page may still
/// show one with other text).
async fn wait_for_text(client: &Client, css: &str, needle: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(element) = client.find(Locator::Css(css)).await
            && element.text().await.is_ok_and(|text| text.contains(needle))
        {
            return;
        }
        assert!(Instant::now() < deadline, "no `{css}` saying `{needle}`");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The element once it is on the page (forms navigate: the next page takes a moment).
async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    match client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
    {
        Ok(element) => element,
        Err(err) => panic!(
            "`{css}` never appeared ({err}): {}",
            client.source().await.unwrap_or_default()
        ),
    }
}

/// Types into the field with `id` as a reader does: scrolled into view and focused
/// first (the spam-check widget starts solving when its form gets focus).
async fn type_into(client: &Client, id: &str, text: &str) {
    client
        .execute(
            &format!("const e = document.getElementById('{id}'); e.scrollIntoView(); e.focus();"),
            vec![],
        )
        .await
        .expect("focus");
    wait_for(client, &format!("#{id}"))
        .await
        .send_keys(text)
        .await
        .expect("type");
}

/// Waits for the spam check of the form holding the field `id` (when it has one), then
/// presses that form's submit button.
async fn submit_form_of(client: &Client, id: &str, has_spam_check: bool) {
    let form = format!("document.getElementById('{id}').form");
    if has_spam_check {
        wait_for_spam_check(client, &form).await;
    }
    client
        .execute(
            &format!("{form}.querySelector('button[type=submit]').click();"),
            vec![],
        )
        .await
        .expect("submit");
}

#[tokio::test]
async fn writing_reviewing_scheduling_and_a_stale_save_in_chromium() {
    if !browser_wanted() {
        return;
    }
    // The site's clock starts at the real time; the test moves it to the scheduled
    // time instead of waiting for it.
    let clock = broadsheet_store::Clock::manual(broadsheet_store::now());
    let (app, base) = served_app_with(Some(clock.clone())).await;
    app.with_paper().await;
    app.user("writer@example.org", Role::Contributor).await;
    app.user("photographer@example.org", Role::Author).await;
    app.user("editor@example.org", Role::Editor).await;
    let (_driver, client) = chromium().await;

    // An author uploads a photo to the media library.
    sign_in(&client, &base, "photographer@example.org").await;
    let photo = std::env::temp_dir().join(format!("broadsheet-browser-{}.png", std::process::id()));
    image::RgbImage::from_fn(1200, 800, |x, y| {
        image::Rgb([(x % 255) as u8, (y % 255) as u8, 120])
    })
    .save(&photo)
    .expect("a photo to upload");
    client
        .goto(&format!("{base}/admin/media"))
        .await
        .expect("library");
    client
        .find(Locator::Id("file"))
        .await
        .expect("file input")
        .send_keys(&photo.display().to_string())
        .await
        .expect("choose file");
    client
        .find(Locator::Id("alt"))
        .await
        .expect("alt")
        .send_keys("Ferry at dusk")
        .await
        .expect("type");
    client
        .find(Locator::Css("#upload button[type=submit]"))
        .await
        .expect("upload")
        .click()
        .await
        .expect("click");
    wait_for(&client, ".media-item").await;
    let photo_id: i64 = client
        .current_url()
        .await
        .expect("url")
        .path()
        .trim_start_matches("/admin/media/")
        .parse()
        .expect("media id");
    sign_out(&client).await;

    // A contributor writes an article with that photo and submits it for review.
    sign_in(&client, &base, "writer@example.org").await;
    client
        .goto(&format!("{base}/admin/articles/new"))
        .await
        .expect("editor");
    client
        .find(Locator::Id("headline"))
        .await
        .expect("headline")
        .send_keys("Harbor ferry gets a night run")
        .await
        .expect("type");
    client
        .find(Locator::Id("body"))
        .await
        .expect("body")
        .send_keys("The ferry will run **all night** from May.")
        .await
        .expect("type");
    // The live preview renders the Markdown while typing.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let preview = client
            .find(Locator::Id("preview"))
            .await
            .expect("preview")
            .html(true)
            .await
            .expect("html");
        if preview.contains("<strong>all night</strong>") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "live preview did not update: {preview}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    client
        .find(Locator::Css(&format!(
            "#featured_media_id option[value='{photo_id}']"
        )))
        .await
        .expect("the uploaded photo is offered")
        .click()
        .await
        .expect("choose photo");
    client
        .find(Locator::Css("#editor button[type=submit]"))
        .await
        .expect("save")
        .click()
        .await
        .expect("click");
    wait_for_text(&client, ".flash", "Saved").await;
    let url = client.current_url().await.expect("url");
    let id: i64 = url
        .path()
        .trim_start_matches("/admin/articles/")
        .parse()
        .expect("id");
    assert!(
        client
            .find(Locator::Css("button[value=publish]"))
            .await
            .is_err(),
        "a contributor is not offered Publish"
    );
    client
        .find(Locator::Css("button[value=submit]"))
        .await
        .expect("submit")
        .click()
        .await
        .expect("click");
    wait_for_text(&client, ".flash", "status").await;
    sign_out(&client).await;

    // An editor schedules it two minutes ahead.
    sign_in(&client, &base, "editor@example.org").await;
    let dashboard = client
        .find(Locator::Css("main"))
        .await
        .expect("main")
        .text()
        .await
        .expect("t");
    assert!(
        dashboard.contains("Harbor ferry gets a night run"),
        "awaiting review"
    );
    client
        .goto(&format!("{base}/admin/articles/{id}"))
        .await
        .expect("editor");
    let tz = app.site_time_zone();
    let at = broadsheet_core::dates::from_unix(clock.now() + 120).with_timezone(&tz);
    let field = client
        .find(Locator::Id("scheduled_at"))
        .await
        .expect("schedule field");
    // datetime-local inputs take their value from script most reliably.
    client
        .execute(
            "document.getElementById('scheduled_at').value = arguments[0];",
            vec![serde_json::json!(at.format("%Y-%m-%dT%H:%M").to_string())],
        )
        .await
        .expect("set time");
    drop(field);
    client
        .find(Locator::Css("button[value=schedule]"))
        .await
        .expect("schedule")
        .click()
        .await
        .expect("click");
    wait_for(&client, ".flash").await;
    let status = client
        .find(Locator::Css(".status"))
        .await
        .expect("status")
        .text()
        .await
        .expect("t");
    assert_eq!(status, "scheduled");
    let due = app
        .store()
        .articles()
        .article_scheduled_at(id)
        .await
        .expect("q")
        .expect("scheduled");
    let slug = app
        .store()
        .articles()
        .article_by_id(id)
        .await
        .expect("q")
        .expect("a")
        .summary
        .slug;
    let public = format!(
        "{base}{}",
        broadsheet_core::urls::article_path(broadsheet_core::dates::from_unix(due), &slug, tz)
    );

    // A colleague saves meanwhile; this editor's stale save shows the conflict view.
    client
        .goto(&format!("{base}/admin/articles/{id}"))
        .await
        .expect("editor");
    let article = app
        .store()
        .articles()
        .article_by_id(id)
        .await
        .expect("q")
        .expect("a");
    let mut colleague =
        broadsheet_store::ArticleDraft::new(&article.summary.headline, "A colleague's newer text.");
    colleague.featured_media_id = article.summary.image.as_ref().map(|m| m.id);
    app.store()
        .articles()
        .save_article(
            id,
            &colleague,
            article.version,
            None,
            broadsheet_core::article::RevisionKind::Save,
        )
        .await
        .expect("colleague saves");
    let body = client.find(Locator::Id("body")).await.expect("body");
    body.clear().await.expect("clear");
    body.send_keys("My stale text.").await.expect("type");
    client
        .find(Locator::Css("#editor button[type=submit]"))
        .await
        .expect("save")
        .click()
        .await
        .expect("click");
    wait_for(&client, ".side-by-side").await;
    let page = client
        .find(Locator::Css("main"))
        .await
        .expect("main")
        .text()
        .await
        .expect("t");
    assert!(page.contains("Someone else saved this article"), "{page}");
    assert!(
        page.contains("A colleague's newer text.") && page.contains("My stale text."),
        "both versions shown"
    );

    // The article appears on the site at its time, with nobody touching anything.
    client.goto(&public).await.expect("public page");
    assert!(
        !client
            .source()
            .await
            .expect("html")
            .contains("Harbor ferry gets a night run"),
        "embargoed"
    );
    // Its time comes; the worker (polling at least once a second) publishes it.
    assert!(clock.set(due));
    let came = Instant::now();
    let deadline = came + Duration::from_secs(15);
    loop {
        client.goto(&public).await.expect("public page");
        let html = client.source().await.expect("html");
        if html.contains("<h1 id=\"headline\">Harbor ferry gets a night run</h1>") {
            assert!(
                html.contains("alt=\"Ferry at dusk\""),
                "the uploaded photo leads the article"
            );
            assert!(
                html.contains("type=\"image/webp\""),
                "served as WebP with a JPEG fallback"
            );
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the scheduled article never appeared"
        );
        // Waiting for the worker's poll, not for time to pass.
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    broadsheet_test_support::loud(&format!(
        "browser: the scheduled article was on the site {} ms after its time came",
        came.elapsed().as_millis()
    ));
    client.close().await.expect("close");
}

#[tokio::test]
async fn a_reader_sends_a_form_after_the_widget_solves_the_spam_check() {
    if !browser_wanted() {
        return;
    }
    let (app, base) = served_app().await;
    app.with_paper().await;
    let (_driver, client) = chromium().await;
    client
        .goto(&format!("{base}/about"))
        .await
        .expect("page with a form");
    let field = wait_for(&client, "textarea[name=tip]").await;
    field.click().await.expect("focus");
    field
        .send_keys("The ferry schedule changed today.")
        .await
        .expect("type");
    // The widget fetches a challenge from this site, solves it in a worker and fills
    // the hidden `altcha` field.
    wait_for_spam_check(&client, "document.querySelector('textarea[name=tip]').form").await;
    client
        .find(Locator::Css(
            "form[action='/forms/tips'] button[type=submit]",
        ))
        .await
        .expect("send")
        .click()
        .await
        .expect("click");
    wait_for_text(&client, ".form-thanks", "received your message").await;
    let form = app
        .store()
        .forms()
        .form_by_slug("tips")
        .await
        .expect("q")
        .expect("form");
    let stored = app
        .store()
        .forms()
        .submissions(form.id, 10)
        .await
        .expect("q");
    assert_eq!(stored.len(), 1, "the submission was kept");
    client.close().await.expect("close");
}

#[tokio::test]
async fn a_reader_posts_a_comment_after_the_widget_solves_the_spam_check() {
    if !browser_wanted() {
        return;
    }
    let (app, base) = served_app().await;
    app.with_paper().await;
    let (_driver, client) = chromium().await;
    client
        .goto(&format!("{base}/2024/03/18/subway-fares-rise"))
        .await
        .expect("article");
    type_into(&client, "c-new-name", "Dana Reader").await;
    type_into(&client, "c-new-email", "dana@example.org").await;
    type_into(
        &client,
        "c-new-body",
        "The new fares hit night workers hardest.",
    )
    .await;
    submit_form_of(&client, "c-new-body", true).await;
    wait_for_text(&client, ".form-thanks", "Your comment is published").await;
    client
        .goto(&format!("{base}/2024/03/18/subway-fares-rise"))
        .await
        .expect("article again");
    let html = client.source().await.expect("html");
    assert!(
        html.contains("The new fares hit night workers hardest.") && html.contains("Comments (1)")
    );
    client.close().await.expect("close");
}

#[tokio::test]
async fn a_reader_joins_from_a_members_only_article_and_comments_as_a_member() {
    if !browser_wanted() {
        return;
    }
    let (app, base) = served_app().await;
    let body = (1..=8)
        .map(|n| format!("Paragraph {n} of the inquiry."))
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut draft = broadsheet_store::ArticleDraft::new("Inside the tunnel", &body);
    draft.members_only = true;
    let id = app
        .store()
        .articles()
        .create_article(&draft)
        .await
        .expect("article");
    app.store()
        .articles()
        .publish_article(id, common::MIDDAY_2024_03_18)
        .await
        .expect("publish");
    let article = format!("{base}/2024/03/18/inside-the-tunnel");
    let (_driver, client) = chromium().await;
    client.goto(&article).await.expect("article");
    wait_for_text(&client, ".members-call h2", "for members").await;
    assert!(!client.source().await.expect("html").contains("Paragraph 8"));
    type_into(&client, "m-email", "rosa@example.org").await;
    submit_form_of(&client, "m-email", true).await;
    wait_for_text(&client, ".form-thanks", "Check your inbox").await;

    // The email job carries the link (no SMTP server here: it waits in the queue).
    let mut link = None;
    for _ in 0..50 {
        for state in ["queued", "running", "failed"] {
            for job in app.store().jobs().jobs(state, 20).await.expect("jobs") {
                if let Some(start) = job.payload.find("/account/link/") {
                    let rest = &job.payload[start..];
                    let end = rest
                        .find(|c: char| c.is_whitespace() || c == '"' || c == '\\')
                        .unwrap_or(rest.len());
                    link = Some(rest[..end].to_string());
                }
            }
        }
        if link.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let link = link.expect("a sign-in email was queued");
    client.goto(&format!("{base}{link}")).await.expect("link");
    wait_for(&client, "#a-name")
        .await
        .send_keys("Rosa Reader")
        .await
        .expect("type");
    client
        .find(Locator::Css(".account-page form button[type=submit]"))
        .await
        .expect("button")
        .click()
        .await
        .expect("create");
    wait_for_text(&client, ".story-body", "Paragraph 8 of the inquiry.").await;
    let masthead = client
        .find(Locator::Css(".account-link"))
        .await
        .expect("account link")
        .text()
        .await
        .expect("text");
    assert_eq!(masthead, "Rosa Reader");

    type_into(
        &client,
        "c-new-body",
        "Members can finally read the whole report.",
    )
    .await;
    submit_form_of(&client, "c-new-body", false).await;
    wait_for_text(&client, ".form-thanks", "Your comment is published").await;
    client.goto(&article).await.expect("article again");
    wait_for_text(&client, ".comment-meta", "Rosa Reader").await;
    let html = client.source().await.expect("html");
    assert!(html.contains("badge badge-member"), "the member badge");
    client.close().await.expect("close");
}
