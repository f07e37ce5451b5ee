//! A crash loop loses no acknowledged comment or save.
//!
//! The real `broadsheet serve` is killed with SIGKILL (no shutdown of any kind) while
//! readers post guest comments and an editor saves an article, round after round, each
//! time restarted on the same data. Whatever the server acknowledged (a comment's
//! "Thank you" page, a save's redirect back to the editor, a kept conflict) must be in
//! the database afterwards, and the article must still render.
//!
//! Runs on SQLite, and on PostgreSQL too when BROADSHEET_TEST_POSTGRES_URL is set (on a
//! fresh database, as every database test gets one).

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use broadsheet_store::Store;
use broadsheet_test_support::{POSTGRES_ENV, TestDb, loud};

/// How many times the server is killed while it works.
const ROUNDS: u64 = 10;
/// Threads posting guest comments; one more thread saves the article.
const COMMENTERS: usize = 2;
const EDITOR_EMAIL: &str = "night.desk@crash-loop.test";
const EDITOR_PASSWORD: &str = "the presses never stop 7";
const SLUG: &str = "crash-loop-story";

/// The two tests start many processes each; one at a time keeps each quick on 2 cores.
static SERIAL: Mutex<()> = Mutex::new(());

#[test]
fn a_crash_loop_on_sqlite_loses_no_acknowledged_comment_or_save() {
    let _serial = SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let folder = tempfile::tempdir().expect("a folder for the paper");
    let url = format!("sqlite://{}", folder.path().join("paper.db").display());
    crash_loop(folder, &url, "sqlite");
}

#[test]
fn a_crash_loop_on_postgres_loses_no_acknowledged_comment_or_save() {
    if std::env::var(POSTGRES_ENV).map_or(true, |url| url.is_empty()) {
        loud(&format!(
            "NOTE: the crash-loop test on PostgreSQL is SKIPPED (it ran on SQLite only). \
             Set {POSTGRES_ENV}=postgres://postgres@127.0.0.1:5432/postgres to run it (CI does)."
        ));
        return;
    }
    let _serial = SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let runtime = runtime();
    // A new database of its own, dropped when `db` goes (after every server is gone).
    let db = runtime.block_on(TestDb::new());
    assert!(db.is_postgres());
    let folder = tempfile::tempdir().expect("a folder for the paper");
    crash_loop(folder, &db.url, "postgres");
    drop(db);
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// What the clients were told was done.
#[derive(Default)]
struct Ledger {
    /// Texts of comments answered with "Thank you".
    comments: Vec<String>,
    /// (headline, body marker) of saves answered with the redirect to the editor.
    saves: Vec<(String, String)>,
    /// (headline, body marker) of saves refused as stale, whose text the conflict view
    /// says is kept.
    kept: Vec<(String, String)>,
    /// Answers no client should get from a working server (for the report).
    unexpected: Vec<String>,
    /// Times a session the server had handed out was gone after a restart.
    sessions_lost: usize,
    comment_attempts: usize,
    save_attempts: usize,
}

fn crash_loop(folder: tempfile::TempDir, database_url: &str, label: &str) {
    let started = Instant::now();
    let paper = Paper::create(folder, database_url);

    // The story the loop works on, written and published through the newsroom.
    let mut editor = Client::new(0);
    let (article_id, article_path) = {
        let server = paper.start("setup");
        editor.port = server.port;
        assert!(
            sign_in(&mut editor).expect("the newsroom answers"),
            "{EDITOR_EMAIL} signs in"
        );
        let created = editor
            .post(
                "/admin/articles",
                &[
                    ("_csrf", &editor.cookie("bs_csrf")),
                    ("headline", "Crash loop: the first edition"),
                    ("dek", ""),
                    ("slug", SLUG),
                    ("body_format", "markdown"),
                    ("body", "The story before the first crash."),
                ],
            )
            .expect("the newsroom answers");
        assert_eq!(
            created.status, 303,
            "creating the article: {}",
            created.body
        );
        let article_id: i64 = created
            .header("location")
            .strip_prefix("/admin/articles/")
            .and_then(|rest| rest.split('?').next())
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("no article id in {:?}", created.header("location")));
        let published = editor
            .post(
                &format!("/admin/articles/{article_id}/status"),
                &[("_csrf", &editor.cookie("bs_csrf")), ("action", "publish")],
            )
            .expect("the newsroom answers");
        assert_eq!(published.status, 303, "publishing: {}", published.body);
        let page = editor
            .get(&format!("/admin/articles/{article_id}"))
            .expect("the editor opens");
        let path = page
            .body
            .split_once("\" target=\"_blank\" rel=\"noopener\">view on site")
            .and_then(|(before, _)| before.rsplit_once("href=\""))
            .map(|(_, path)| path.to_string())
            .expect("the editor links to the published article");
        let mut reader = Client::new(server.port);
        let shown = reader.get(&path).expect("the site answers");
        assert_eq!(shown.status, 200, "the published article at {path}");
        // The first crash: before any load.
        drop(server);
        (article_id, path)
    };
    let setup_time = started.elapsed();

    let ledger = Mutex::new(Ledger::default());
    let mut seed: u64 = 0x5eed_2026;
    let mut kills = Vec::new();
    for round in 0..ROUNDS {
        let server = paper.start(&format!("round-{round}"));
        editor.port = server.port;
        let port = server.port;
        let delay = Duration::from_millis(50 + next_random(&mut seed) % 351);
        kills.push(delay.as_millis());
        let stop = AtomicBool::new(false);
        std::thread::scope(|scope| {
            // Whatever happens on this thread, the clients stop.
            let _stop = StopOnDrop(&stop);
            for commenter in 0..COMMENTERS {
                let (stop, ledger) = (&stop, &ledger);
                scope.spawn(move || {
                    comment_until_stopped(port, article_id, round, commenter, label, stop, ledger);
                });
            }
            let (stop, ledger, editor) = (&stop, &ledger, &mut editor);
            scope.spawn(move || save_until_stopped(editor, article_id, round, label, stop, ledger));
            std::thread::sleep(delay);
            // SIGKILL, then reap it.
            drop(server);
            stop.store(true, Ordering::SeqCst);
        });
    }
    let loop_time = started.elapsed() - setup_time;

    let ledger = ledger.into_inner().unwrap_or_else(|p| p.into_inner());

    // Everything acknowledged is in the database.
    let runtime = runtime();
    let (article, revisions, comments) = runtime.block_on(async {
        let store = Store::connect(database_url)
            .await
            .expect("the database opens after the crashes");
        let article = store
            .articles()
            .article_by_id(article_id)
            .await
            .expect("the article reads")
            .expect("the article is still there");
        let revisions = store
            .articles()
            .revisions(article_id)
            .await
            .expect("its history reads");
        let mut comments = store
            .comments()
            .approved_comments(article_id)
            .await
            .expect("approved comments read");
        let approved = comments.len();
        comments.extend(
            store
                .comments()
                .comments_by_status(broadsheet_core::comments::CommentStatus::Pending, 1_000_000)
                .await
                .expect("held comments read")
                .into_iter()
                .filter(|c| c.article_id == article_id),
        );
        store.close().await;
        (article, revisions, (comments, approved))
    });
    let (comments, approved) = comments;

    let missing_comments: Vec<&String> = ledger
        .comments
        .iter()
        .filter(|text| !comments.iter().any(|c| c.body_html.contains(text.as_str())))
        .collect();
    let found_comments = ledger.comments.len() - missing_comments.len();
    let in_history = |(headline, marker): &(String, String)| {
        (article.summary.headline == *headline && article.body_source.contains(marker.as_str()))
            || revisions
                .iter()
                .any(|r| r.headline == *headline && r.body_source.contains(marker.as_str()))
    };
    let missing_saves: Vec<&(String, String)> = ledger
        .saves
        .iter()
        .filter(|save| !in_history(save))
        .collect();
    let missing_kept: Vec<&(String, String)> = ledger
        .kept
        .iter()
        .filter(|save| !in_history(save))
        .collect();
    let found_saves = ledger.saves.len() - missing_saves.len();

    eprintln!(
        "crash loop on {label}: setup {:.1} s, {ROUNDS} rounds in {:.1} s, killed after {kills:?} ms; \
         comments: {} attempted, {} acknowledged, {found_comments} found ({} stored in all); \
         saves: {} attempted, {} acknowledged, {found_saves} found, {} kept conflicts; \
         {} revisions; sessions lost: {}",
        setup_time.as_secs_f64(),
        loop_time.as_secs_f64(),
        ledger.comment_attempts,
        ledger.comments.len(),
        comments.len(),
        ledger.save_attempts,
        ledger.saves.len(),
        ledger.kept.len(),
        revisions.len(),
        ledger.sessions_lost,
    );
    assert!(
        missing_comments.is_empty(),
        "{label}: {} comments were acknowledged, {found_comments} of them are stored; lost: {missing_comments:#?}",
        ledger.comments.len()
    );
    assert!(
        missing_saves.is_empty(),
        "{label}: {} saves were acknowledged, {found_saves} of them are in the article or its history; lost: {missing_saves:#?}",
        ledger.saves.len()
    );
    assert!(
        missing_kept.is_empty(),
        "{label}: {} stale saves were answered with the conflict view (text kept), {} of them are in the history; lost: {missing_kept:#?}",
        ledger.kept.len(),
        ledger.kept.len() - missing_kept.len()
    );
    assert!(
        ledger.unexpected.is_empty(),
        "{label}: answers a working server should not give: {:#?}",
        ledger.unexpected
    );
    assert_eq!(
        ledger.sessions_lost, 0,
        "{label}: a newsroom session the server had handed out was gone after a restart"
    );
    assert_eq!(
        article.summary.comment_count, approved as i64,
        "{label}: the article's comment count matches its approved comments"
    );
    assert!(
        !ledger.comments.is_empty() && !ledger.saves.is_empty(),
        "{label}: the loop acknowledged {} comments and {} saves; it must exercise both",
        ledger.comments.len(),
        ledger.saves.len()
    );

    // One clean start on the same data: the article still renders, as last saved.
    let server = paper.start("final");
    let mut reader = Client::new(server.port);
    let page = reader.get(&article_path).expect("the site answers");
    assert_eq!(
        page.status, 200,
        "{label}: the article at {article_path} renders after the crashes"
    );
    assert!(
        page.body.contains(&article.summary.headline),
        "{label}: the page shows the stored headline {:?}",
        article.summary.headline
    );
    drop(server);
}

/// Posts guest comments with unique texts until told to stop.
fn comment_until_stopped(
    port: u16,
    article_id: i64,
    round: u64,
    commenter: usize,
    label: &str,
    stop: &AtomicBool,
    ledger: &Mutex<Ledger>,
) {
    let mut client = Client::new(port);
    let email = format!("reader{commenter}@crash-loop.test");
    let mut n = 0;
    while !stop.load(Ordering::SeqCst) {
        n += 1;
        let text =
            format!("Crash loop comment {label} round {round} reader {commenter} number {n}");
        lock(ledger).comment_attempts += 1;
        match post_comment(&mut client, article_id, &email, &text) {
            Ok(reply) if reply.status == 200 => lock(ledger).comments.push(text),
            Ok(reply) => lock(ledger).unexpected.push(format!(
                "comment {text:?}: HTTP {} {}",
                reply.status,
                excerpt(&reply.body)
            )),
            // The server is being killed (or is gone): not acknowledged.
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// Fetches and solves a spam check, then posts a guest comment.
fn post_comment(
    client: &mut Client,
    article_id: i64,
    email: &str,
    text: &str,
) -> std::io::Result<Reply> {
    let challenge = client.get("/altcha/challenge")?;
    if challenge.status != 200 {
        return Err(std::io::Error::other(format!(
            "challenge: HTTP {}",
            challenge.status
        )));
    }
    let challenge: broadsheet_core::pow::Challenge =
        serde_json::from_str(&challenge.body).map_err(std::io::Error::other)?;
    let proof = broadsheet_core::pow::solve(&challenge)
        .ok_or_else(|| std::io::Error::other("the challenge has no solution"))?;
    client.post(
        &format!("/comments/{article_id}"),
        &[
            ("name", "Crash Loop Reader"),
            ("email", email),
            ("body", text),
            ("altcha", &proof),
        ],
    )
}

/// Saves the article with a new headline and body, again and again, until told to stop.
fn save_until_stopped(
    editor: &mut Client,
    article_id: i64,
    round: u64,
    label: &str,
    stop: &AtomicBool,
    ledger: &Mutex<Ledger>,
) {
    let mut n = 0;
    while !stop.load(Ordering::SeqCst) {
        if !editor.cookies.contains_key("bs_session") {
            if sign_in(editor).is_err() {
                std::thread::sleep(Duration::from_millis(5));
            }
            continue;
        }
        n += 1;
        let headline = format!("Crash loop edition {label} round {round} save {n}");
        let marker = format!("marker-{label}-r{round}-s{n}");
        let body = format!("The story as of {marker}.\n\nEvery acknowledged save must survive.");
        lock(ledger).save_attempts += 1;
        match save(editor, article_id, &headline, &body) {
            Ok(Saved::Yes) => lock(ledger).saves.push((headline, marker)),
            Ok(Saved::Kept) => lock(ledger).kept.push((headline, marker)),
            Ok(Saved::SignedOut) => {
                editor.cookies.remove("bs_session");
                lock(ledger).sessions_lost += 1;
            }
            Ok(Saved::Refused(status, body)) => lock(ledger).unexpected.push(format!(
                "save {headline:?}: HTTP {status} {}",
                excerpt(&body)
            )),
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

enum Saved {
    /// Redirected to the editor with `?saved=1`.
    Yes,
    /// 409: the conflict view, which says the text is kept in the history.
    Kept,
    /// Sent to the sign-in page.
    SignedOut,
    Refused(u16, String),
}

/// Opens the editor (for the current version) and saves, as a browser does.
fn save(
    editor: &mut Client,
    article_id: i64,
    headline: &str,
    body: &str,
) -> std::io::Result<Saved> {
    let path = format!("/admin/articles/{article_id}");
    let page = editor.get(&path)?;
    if page.status == 303 && page.header("location").starts_with("/admin/login") {
        return Ok(Saved::SignedOut);
    }
    if page.status != 200 {
        return Ok(Saved::Refused(page.status, page.body));
    }
    let version = between(&page.body, "name=\"version\" value=\"", "\"")
        .ok_or_else(|| std::io::Error::other("the editor page was cut short"))?
        .to_string();
    let reply = editor.post(
        &path,
        &[
            ("_csrf", &editor.cookie("bs_csrf")),
            ("version", &version),
            ("headline", headline),
            ("dek", ""),
            ("slug", SLUG),
            ("body_format", "markdown"),
            ("body", body),
        ],
    )?;
    Ok(match reply.status {
        303 if reply.header("location").contains("saved=1") => Saved::Yes,
        303 if reply.header("location").starts_with("/admin/login") => Saved::SignedOut,
        409 => Saved::Kept,
        status => Saved::Refused(status, reply.body),
    })
}

/// Signs the editor in; `Ok(false)` when the newsroom refused.
fn sign_in(editor: &mut Client) -> std::io::Result<bool> {
    editor.get("/admin/login")?;
    let reply = editor.post(
        "/admin/login",
        &[
            ("_csrf", &editor.cookie("bs_csrf")),
            ("next", "/admin"),
            ("email", EDITOR_EMAIL),
            ("password", EDITOR_PASSWORD),
        ],
    )?;
    Ok(reply.status == 303 && editor.cookies.contains_key("bs_session"))
}

fn lock(ledger: &Mutex<Ledger>) -> std::sync::MutexGuard<'_, Ledger> {
    ledger
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn excerpt(body: &str) -> String {
    body.chars().take(300).collect()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(&text[from..to])
}

/// A small deterministic generator (xorshift): the kill delays are the same every run.
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[path = "crash_loop/http.rs"]
mod http;
#[path = "crash_loop/processes.rs"]
mod processes;

use http::{Client, Reply};
use processes::Paper;
