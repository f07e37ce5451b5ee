//! The content API (`/api/v1`) through the real router, on SQLite and (with
//! BROADSHEET_TEST_POSTGRES_URL) PostgreSQL. CI also runs schemathesis against the
//! OpenAPI document on a running server (.ci/run).

mod common;

use axum::http::StatusCode;
use broadsheet_store::ArticleDraft;
use common::TestApp;
use serde_json::Value;

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|err| panic!("not JSON ({err}): {body}"))
}

async fn get_json(app: &TestApp, uri: &str) -> (StatusCode, Value) {
    let reply = app.get(uri).await;
    assert!(
        reply.header("content-type").starts_with("application/json"),
        "{uri}: {}",
        reply.header("content-type")
    );
    (reply.status, json(&reply.body))
}

fn error_code(value: &Value) -> &str {
    value["error"]["code"].as_str().unwrap_or("(none)")
}

#[tokio::test]
async fn published_content_pages_with_signed_cursors_and_errors_are_json() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;
    let draft = app
        .store()
        .articles()
        .create_article(&ArticleDraft::new("Secret draft", "Not yet."))
        .await
        .expect("draft");

    let (status, doc) = get_json(&app, "/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["paths"]["/api/v1/articles"]["get"].is_object());

    let (status, all) = get_json(&app, "/api/v1/articles").await;
    assert_eq!(status, StatusCode::OK);
    let headlines: Vec<&str> = all["data"]
        .as_array()
        .expect("data")
        .iter()
        .filter_map(|a| a["headline"].as_str())
        .collect();
    assert_eq!(
        headlines,
        [
            "Subway fares rise",
            "Parks stay open late",
            "Council approves ferry plan"
        ],
        "newest first, no draft"
    );
    assert!(all["next_cursor"].is_null());
    let lead = &all["data"][0];
    assert_eq!(
        lead["url"],
        "https://ledger.example/2024/03/18/subway-fares-rise"
    );
    assert_eq!(lead["published_at"], "2024-03-18T16:00:00Z");
    assert_eq!(lead["authors"][0]["name"], "Ana Ortiz");
    assert_eq!(lead["section"]["slug"], "local");

    // Two at a time: the cursor leads on without repeating or skipping anything.
    let (_, first) = get_json(&app, "/api/v1/articles?limit=2").await;
    assert_eq!(first["data"].as_array().map(Vec::len), Some(2));
    let next = first["next_cursor"].as_str().expect("a next page");
    let (status, second) = get_json(&app, &format!("/api/v1/articles?limit=2&cursor={next}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(second["data"][0]["headline"], "Council approves ferry plan");
    assert!(second["next_cursor"].is_null());

    for (uri, code) in [
        ("/api/v1/articles?limit=0", "invalid_parameter"),
        ("/api/v1/articles?limit=101", "invalid_parameter"),
        ("/api/v1/articles?limit=ten", "invalid_parameter"),
        ("/api/v1/articles?limit=", "invalid_parameter"),
        ("/api/v1/articles?cursor=forged", "invalid_cursor"),
        ("/api/v1/articles?cursor=eyJ4IjoxfQ.c2ln", "invalid_cursor"),
        ("/api/v1/articles/abc", "invalid_parameter"),
        ("/api/v1/search", "invalid_parameter"),
        ("/api/v1/search?q=fares&order=random", "invalid_parameter"),
    ] {
        let (status, body) = get_json(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert_eq!(error_code(&body), code, "{uri}: {body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    // A cursor is good only for the list it was made for.
    let (status, body) = get_json(
        &app,
        &format!("/api/v1/articles?limit=2&section=news&cursor={next}"),
    )
    .await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::BAD_REQUEST, "invalid_cursor")
    );

    for uri in [
        "/api/v1/articles?section=nope".to_string(),
        "/api/v1/search?q=fares&author=nobody".to_string(),
        format!("/api/v1/articles/{draft}"),
        "/api/v1/articles/999999".to_string(),
        "/api/v1/nothing-here".to_string(),
    ] {
        let (status, body) = get_json(&app, &uri).await;
        assert_eq!(
            (status, error_code(&body)),
            (StatusCode::NOT_FOUND, "not_found"),
            "{uri}"
        );
    }

    let (_, news) = get_json(&app, "/api/v1/articles?section=news").await;
    assert_eq!(
        news["data"].as_array().map(Vec::len),
        Some(3),
        "a section holds its subsections"
    );
    let (_, local) = get_json(&app, "/api/v1/articles?section=local&topic=transit").await;
    assert_eq!(local["data"].as_array().map(Vec::len), Some(1));

    let (status, one) = get_json(&app, &format!("/api/v1/articles/{}", paper.lead)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        one["body_html"]
            .as_str()
            .is_some_and(|b| b.contains("<strong>Monday</strong>"))
    );
    assert!(
        !one["body_html"].as_str().unwrap_or("").contains("[["),
        "no embed syntax"
    );
    assert_eq!(one["body_is_teaser"], false);
    assert_eq!(one["topics"][0]["slug"], "transit");
    assert_eq!(one["notes"][0]["kind"], "correction");

    for (uri, first_key, value) in [
        ("/api/v1/sections", "slug", "news"),
        ("/api/v1/topics", "slug", "transit"),
        ("/api/v1/authors", "slug", "ana-ortiz"),
    ] {
        let (status, list) = get_json(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(
            list.as_array()
                .expect("a list")
                .iter()
                .any(|item| item[first_key] == value),
            "{uri}: {list}"
        );
    }
    let (_, pages) = get_json(&app, "/api/v1/pages").await;
    assert!(pages.as_array().is_some_and(|p| !p.is_empty()));

    let (status, nothing) = get_json(&app, "/api/v1/search?q=%22%22%F0%9F%8E%89").await;
    assert_eq!(
        (status, &nothing["total"]),
        (StatusCode::OK, &Value::from(0))
    );
    let (status, found) = get_json(&app, "/api/v1/search?q=fares&limit=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(found["total"], 1);
    assert!(
        found["data"][0]["snippet_html"]
            .as_str()
            .is_some_and(|s| s.contains("<mark>"))
    );
    assert!(found["next_cursor"].is_null());
}

#[tokio::test]
async fn a_members_only_body_is_only_its_teaser() {
    let app = TestApp::new().await;
    let body = common::body_with_a_secret_past_the_teaser();
    let mut draft = ArticleDraft::new("Inside the tunnel", &body);
    draft.members_only = true;
    let id = app.publish(&draft, common::MIDDAY_2024_03_18).await;
    let (status, one) = get_json(&app, &format!("/api/v1/articles/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["members_only"], true);
    assert_eq!(one["body_is_teaser"], true);
    let text = one["body_html"].as_str().expect("body");
    assert!(
        text.contains("Paragraph 1") && !text.contains("SECRET-PART"),
        "{text}"
    );
    let (_, found) = get_json(&app, "/api/v1/search?q=secret").await;
    assert_eq!(found["total"], 0, "locked words are not searchable either");
}
