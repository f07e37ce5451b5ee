//! The demo paper seeds, serves every kind of page, and (when the W3C Nu checker is
//! available) every page is valid HTML.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use broadsheet_core::config::Config;
use broadsheet_test_support::TestDb;
use tower::ServiceExt;

const VNU_ENV: &str = "BROADSHEET_TEST_VNU";

async fn get(app: &broadsheet_web::AppState, uri: &str) -> (StatusCode, String) {
    let response = broadsheet_web::router(app.clone())
        .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let status = response.status();
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .expect("body")
        .to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn first_link<'a>(html: &'a str, prefix: &str) -> Option<&'a str> {
    let start = html.find(&format!("href=\"{prefix}"))? + 6;
    let end = html[start..].find('"')? + start;
    Some(&html[start..end])
}

#[tokio::test]
async fn the_demo_paper_serves_valid_pages() {
    let folder = tempfile::tempdir().expect("tempdir");
    let db = TestDb::new().await;
    let text = format!(
        "{}\ndatabase_url = \"{}\"\n",
        super::config_file("127.0.0.1:8080"),
        db.url
    );
    let config = Config::parse(&text, "demo.toml", folder.path(), &BTreeMap::new())
        .expect("demo config parses");
    let report = super::seed(&db.store, &config.media_dir, 40, 7)
        .await
        .expect("seeding works")
        .expect("a new paper");
    assert_eq!(report.articles, 40);
    assert!(
        super::seed(&db.store, &config.media_dir, 40, 7)
            .await
            .expect("again")
            .is_none(),
        "re-running reuses the data"
    );
    let app = broadsheet_web::App::build(config, db.store.clone())
        .await
        .expect("app");

    let (status, front) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    let article = first_link(&front, "/20")
        .expect("an article link")
        .to_string();
    let mut pages = vec![
        "/".to_string(),
        article.clone(),
        first_link(&front, "/section/")
            .expect("a section")
            .to_string(),
        "/contact".into(),
        "/about/staff".into(),
        "/join".into(),
        "/account/sign-in".into(),
        "/subscribe".into(),
        "/no-such-page".into(),
        article[..8].to_string(),
    ];
    let members_only = db
        .store
        .articles()
        .list_articles(&broadsheet_store::ArticleQuery {
            limit: 40,
            ..Default::default()
        })
        .await
        .expect("articles")
        .into_iter()
        .find(|a| a.members_only)
        .expect("a members-only story in the demo");
    let members_path = broadsheet_core::urls::article_path(
        broadsheet_core::dates::from_unix(members_only.published_at),
        &members_only.slug,
        chrono_tz::America::New_York,
    );
    let (_, members_html) = get(&app, &members_path).await;
    assert!(members_html.contains("this article is for members"));
    pages.push(members_path);
    let word = members_only
        .headline
        .split_whitespace()
        .find(|w| w.len() >= 4 && w.chars().all(char::is_alphabetic))
        .unwrap_or("city")
        .to_lowercase();
    pages.push(format!("/search?q={word}&order=newest"));
    pages.push("/search?q=zzzzqx".into());
    let (_, contact) = get(&app, "/contact").await;
    assert!(contact.contains("embed-newsletter"));
    let (_, article_html) = get(&app, &article).await;
    pages.push(
        first_link(&article_html, "/author/")
            .expect("a byline")
            .to_string(),
    );
    if let Some(topic) = first_link(&article_html, "/topic/") {
        pages.push(topic.to_string());
    }
    assert!(article_html.contains("| "), "two-calendar masthead");
    let out = tempfile::tempdir().expect("tempdir");
    for (index, uri) in pages.iter().enumerate() {
        let (status, html) = get(&app, uri).await;
        let expected = if uri == "/no-such-page" {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::OK
        };
        assert_eq!(status, expected, "{uri}");
        assert!(!html.contains("[["), "{uri}: raw embed syntax");
        std::fs::write(out.path().join(format!("page{index}.html")), html).expect("write");
    }

    let Ok(vnu) = std::env::var(VNU_ENV) else {
        broadsheet_test_support::loud(&format!(
            "NOTE: the HTML validity check is SKIPPED: set {VNU_ENV}=/path/to/vnu.jar (CI does)."
        ));
        return;
    };
    let files: Vec<_> = (0..pages.len())
        .map(|i| out.path().join(format!("page{i}.html")))
        .collect();
    let result = std::process::Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--format", "gnu"])
        .args(&files)
        .output()
        .expect("java runs the W3C Nu checker");
    let report = String::from_utf8_lossy(&result.stderr).to_string()
        + &String::from_utf8_lossy(&result.stdout);
    assert!(
        result.status.success(),
        "the W3C Nu checker found errors in {pages:?}:\n{report}"
    );
}
