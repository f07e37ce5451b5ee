//! The admin API (`/api/v1/admin`) and API tokens, through the real router, on SQLite
//! and (with BROADSHEET_TEST_POSTGRES_URL) PostgreSQL. CI also runs schemathesis with a
//! token against the OpenAPI document on a running server (.ci/run).

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use broadsheet_core::api_token::Scopes;
use broadsheet_core::role::Role;
use broadsheet_store::{ArticleDraft, NewApiToken};
use common::{Reply, TestApp, png};
use serde_json::{Value, json};

fn body_json(reply: &Reply) -> Value {
    serde_json::from_str(&reply.body)
        .unwrap_or_else(|err| panic!("not JSON ({err}): {}", reply.body))
}

fn code(reply: &Reply) -> String {
    body_json(reply)["error"]["code"]
        .as_str()
        .unwrap_or("(none)")
        .to_string()
}

/// Makes a token acting as `user_id` with `scopes` (checked against `role`).
async fn token(app: &TestApp, user_id: i64, role: Role, scopes: &[&str]) -> String {
    let scopes = Scopes::parse(scopes.iter().copied(), role).expect("scopes");
    app.store()
        .api_tokens()
        .create_token(&NewApiToken {
            name: "Wire importer".into(),
            user_id,
            scopes,
            created_by: None,
            expires_at: None,
        })
        .await
        .expect("token")
        .1
}

async fn call(
    app: &TestApp,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<Body>,
) -> Reply {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let has_body = body.is_some();
    if has_body {
        request = request.header("content-type", "application/json");
    }
    app.request(
        request
            .body(body.unwrap_or_else(Body::empty))
            .expect("request"),
    )
    .await
}

async fn send(app: &TestApp, method: &str, uri: &str, token: &str, body: Value) -> Reply {
    call(
        app,
        method,
        uri,
        Some(token),
        Some(Body::from(body.to_string())),
    )
    .await
}

#[tokio::test]
async fn a_token_writes_publishes_and_uploads_as_its_user() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;
    let wire = app.user("wire@example.org", Role::Author).await;
    let key = token(
        &app,
        wire,
        Role::Author,
        &["read_drafts", "write_articles", "publish", "upload_media"],
    )
    .await;

    let me = call(&app, "GET", "/api/v1/admin/token", Some(&key), None).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
    assert_eq!(body_json(&me)["acts_as"]["role"], "author");
    assert_eq!(me.header("cache-control"), "private, no-store");

    // A draft, written by the token's user.
    let created = send(
        &app,
        "POST",
        "/api/v1/admin/articles",
        &key,
        json!({
            "headline": "Ferry service resumes",
            "dek": "After two weeks.",
            "body": "The **ferry** runs again.",
            "section_id": paper.local,
            "author_ids": [paper.ana],
        }),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let draft = body_json(&created);
    let id = draft["id"].as_i64().expect("id");
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["version"], 1);
    assert_eq!(draft["slug"], "ferry-service-resumes");
    assert!(
        draft["body_html"]
            .as_str()
            .unwrap_or("")
            .contains("<strong>ferry</strong>")
    );
    assert!(
        created
            .header("location")
            .ends_with(&format!("/api/v1/admin/articles/{id}"))
    );
    let owner = app
        .store()
        .articles()
        .article_owner(id)
        .await
        .expect("read");
    assert_eq!(owner.and_then(|(owner, _)| owner), Some(wire));
    let public = call(&app, "GET", &format!("/api/v1/articles/{id}"), None, None).await;
    assert_eq!(
        public.status,
        StatusCode::NOT_FOUND,
        "a draft is not public"
    );

    // Saving needs the version read; a stale one overwrites nothing.
    let edit = |version: Value, headline: &str| json!({"headline": headline, "body": "The ferry runs again.", "version": version});
    let uri = format!("/api/v1/admin/articles/{id}");
    let missing = send(&app, "PUT", &uri, &key, edit(Value::Null, "No version")).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(
        body_json(&missing)["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("version")
    );
    let saved = send(
        &app,
        "PUT",
        &uri,
        &key,
        edit(json!(1), "Ferry back after two weeks"),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(body_json(&saved)["version"], 2);
    let stale = send(&app, "PUT", &uri, &key, edit(json!(1), "Lost edit")).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(code(&stale), "changed_meanwhile");
    let now = call(&app, "GET", &uri, Some(&key), None).await;
    assert_eq!(body_json(&now)["headline"], "Ferry back after two weeks");

    // Bad input names what to fix, and nothing stored changes.
    for (body, status, expected) in [
        (
            json!({"headline": "x", "body": "y", "version": 2, "section_id": 999_999}),
            422,
            "section_id",
        ),
        (
            json!({"headline": "x", "body": "y", "version": 2, "author_ids": [999_999]}),
            422,
            "author_ids",
        ),
        (
            json!({"headline": "", "body": "y", "version": 2}),
            422,
            "headline",
        ),
        (
            json!({"headline": "a\u{0}b", "body": "y", "version": 2}),
            400,
            "NUL",
        ),
        (
            json!({"headline": "x", "body": "y", "version": 2, "byline": "?"}),
            400,
            "byline",
        ),
        (json!({"body": "y", "version": 2}), 400, "headline"),
    ] {
        let reply = send(&app, "PUT", &uri, &key, body.clone()).await;
        assert_eq!(reply.status.as_u16(), status, "{body}: {}", reply.body);
        assert!(reply.body.contains(expected), "{body}: {}", reply.body);
    }
    let not_json = call(&app, "PUT", &uri, Some(&key), Some(Body::from("{oops"))).await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&not_json), "invalid_parameter");
    let unchanged = body_json(&call(&app, "GET", &uri, Some(&key), None).await);
    assert_eq!(unchanged["version"], 2);
    assert_eq!(unchanged["headline"], "Ferry back after two weeks");

    // Workflow: scheduling needs a future time; publishing makes it public.
    let step = format!("/api/v1/admin/articles/{id}/workflow");
    let no_time = send(&app, "POST", &step, &key, json!({"action": "schedule"})).await;
    assert_eq!(no_time.status, StatusCode::BAD_REQUEST);
    let past = send(
        &app,
        "POST",
        &step,
        &key,
        json!({"action": "schedule", "publish_at": "2001-01-01T00:00:00Z"}),
    )
    .await;
    assert_eq!(
        past.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        past.body
    );
    let wrong = send(&app, "POST", &step, &key, json!({"action": "unpublish"})).await;
    assert_eq!(wrong.status, StatusCode::CONFLICT, "{}", wrong.body);
    assert_eq!(code(&wrong), "wrong_state");
    let published = send(&app, "POST", &step, &key, json!({"action": "publish"})).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    let published = body_json(&published);
    assert_eq!(published["status"], "published");
    assert!(
        published["url"]
            .as_str()
            .unwrap_or("")
            .contains("/ferry-back-after-two-weeks")
    );
    assert!(
        published["actions"]
            .as_array()
            .expect("actions")
            .iter()
            .any(|a| a == "unpublish")
    );
    let public = call(&app, "GET", &format!("/api/v1/articles/{id}"), None, None).await;
    assert_eq!(public.status, StatusCode::OK);

    // The newsroom's list of the token user's articles.
    let list = call(
        &app,
        "GET",
        "/api/v1/admin/articles?status=published",
        Some(&key),
        None,
    )
    .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let ids: Vec<i64> = body_json(&list)["data"]
        .as_array()
        .expect("data")
        .iter()
        .filter_map(|a| a["id"].as_i64())
        .collect();
    assert_eq!(ids, [id], "an author's token lists the author's own");
    let bad = call(
        &app,
        "GET",
        "/api/v1/admin/articles?status=gone",
        Some(&key),
        None,
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    // Photos go through the media pipeline; the same photo twice is the same item.
    let upload = |bytes: Vec<u8>| {
        let key = key.clone();
        let app = &app;
        async move {
            call(
                app,
                "POST",
                "/api/v1/admin/media?alt_text=The%20ferry&credit=Wire",
                Some(&key),
                Some(Body::from(bytes)),
            )
            .await
        }
    };
    let photo = upload(png(900, 600)).await;
    assert_eq!(photo.status, StatusCode::CREATED, "{}", photo.body);
    let photo = body_json(&photo);
    assert_eq!(photo["alt_text"], "The ferry");
    assert_eq!(photo["width"], 900);
    assert!(photo["url"].as_str().unwrap_or("").ends_with(".jpg"));
    let again = body_json(&upload(png(900, 600)).await);
    assert_eq!(again["id"], photo["id"]);
    let junk = upload(b"not an image at all".to_vec()).await;
    assert_eq!(
        junk.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        junk.body
    );
    assert_eq!(code(&junk), "invalid_field");
}

#[tokio::test]
async fn tokens_that_do_not_sign_in_or_may_not_act_are_refused_with_json() {
    let app = TestApp::new().await;
    let author = app.user("author@example.org", Role::Author).await;
    let other = app.user("other@example.org", Role::Author).await;
    let mut theirs = ArticleDraft::new("Someone else's draft", "Text.");
    theirs.created_by = Some(other);
    let theirs = app
        .store()
        .articles()
        .create_article(&theirs)
        .await
        .expect("draft");

    let no_token = call(&app, "GET", "/api/v1/admin/articles", None, None).await;
    assert_eq!(no_token.status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&no_token), "unauthorized");
    assert!(no_token.header("www-authenticate").starts_with("Bearer"));
    for header in ["Bearer bst_made_up", "Basic dXNlcjpwYXNz", "Bearer "] {
        let request = Request::get("/api/v1/admin/token")
            .header("authorization", header)
            .body(Body::empty())
            .expect("request");
        let reply = app.request(request).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{header}");
        assert_eq!(code(&reply), "unauthorized");
    }
    // A dead token is refused on the public API too, rather than quietly read as nobody.
    let public = call(&app, "GET", "/api/v1/articles", Some("bst_made_up"), None).await;
    assert_eq!(public.status, StatusCode::UNAUTHORIZED);

    // Out of scope: 403 naming the scope.
    let reader = token(&app, author, Role::Author, &["read_drafts"]).await;
    let refused = send(
        &app,
        "POST",
        "/api/v1/admin/articles",
        &reader,
        json!({"headline": "x", "body": "y"}),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(code(&refused), "insufficient_scope");
    assert!(refused.body.contains("write_articles"));
    let upload = call(
        &app,
        "POST",
        "/api/v1/admin/media",
        Some(&reader),
        Some(Body::from("x")),
    )
    .await;
    assert_eq!(upload.status, StatusCode::FORBIDDEN);

    // Someone else's draft does not exist for an author's token.
    let hidden = call(
        &app,
        "GET",
        &format!("/api/v1/admin/articles/{theirs}"),
        Some(&reader),
        None,
    )
    .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let step = send(
        &app,
        "POST",
        &format!("/api/v1/admin/articles/{theirs}/workflow"),
        &token(&app, author, Role::Author, &["publish"]).await,
        json!({"action": "publish"}),
    )
    .await;
    assert_eq!(step.status, StatusCode::NOT_FOUND);

    // The role is read at each request: a demoted user's token loses what the role lost.
    let writer = token(&app, author, Role::Author, &["write_articles", "publish"]).await;
    let mine = body_json(
        &send(
            &app,
            "POST",
            "/api/v1/admin/articles",
            &writer,
            json!({"headline": "Mine", "body": "Text."}),
        )
        .await,
    )["id"]
        .as_i64()
        .expect("created");
    app.store()
        .users()
        .update_user(author, Role::Contributor, false)
        .await
        .expect("demote");
    let demoted = send(
        &app,
        "POST",
        &format!("/api/v1/admin/articles/{mine}/workflow"),
        &writer,
        json!({"action": "publish"}),
    )
    .await;
    assert_eq!(demoted.status, StatusCode::FORBIDDEN, "{}", demoted.body);
    assert_eq!(code(&demoted), "not_allowed");

    // Revoked, expired, or acting as a disabled user: 401 that says which.
    let revoked = token(&app, other, Role::Author, &["read_drafts"]).await;
    let id = app.store().api_tokens().tokens().await.expect("list")[0].id;
    assert!(
        app.store()
            .api_tokens()
            .revoke_token(id)
            .await
            .expect("revoke")
    );
    let reply = call(&app, "GET", "/api/v1/admin/token", Some(&revoked), None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.body.contains("revoked"), "{}", reply.body);
    let (_, expired) = app
        .store()
        .api_tokens()
        .create_token(&NewApiToken {
            name: "Old".into(),
            user_id: other,
            scopes: Scopes::parse(["read_drafts"], Role::Author).expect("scopes"),
            created_by: None,
            expires_at: Some(app.store().now() - 1),
        })
        .await
        .expect("token");
    let reply = call(&app, "GET", "/api/v1/admin/token", Some(&expired), None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.body.contains("expired"), "{}", reply.body);
    let live = token(&app, other, Role::Author, &["read_drafts"]).await;
    app.store()
        .users()
        .update_user(other, Role::Author, true)
        .await
        .expect("disable");
    let reply = call(&app, "GET", "/api/v1/admin/token", Some(&live), None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.body.contains("disabled"), "{}", reply.body);
}

#[tokio::test]
async fn members_only_articles_are_whole_only_for_a_members_content_token() {
    let app = TestApp::new().await;
    let body = common::body_with_a_secret_past_the_teaser();
    let mut draft = ArticleDraft::new("Inside the tunnel", &body);
    draft.members_only = true;
    let id = app.publish(&draft, common::MIDDAY_2024_03_18).await;
    let editor = app.user("desk@example.org", Role::Editor).await;
    let uri = format!("/api/v1/articles/{id}");

    let anonymous = body_json(&call(&app, "GET", &uri, None, None).await);
    assert_eq!(anonymous["body_is_teaser"], true);
    let drafts_only = token(&app, editor, Role::Editor, &["read_drafts"]).await;
    let without = body_json(&call(&app, "GET", &uri, Some(&drafts_only), None).await);
    assert_eq!(
        without["body_is_teaser"], true,
        "the scope, not the role, decides"
    );
    let members = token(&app, editor, Role::Editor, &["members_content"]).await;
    let reply = call(&app, "GET", &uri, Some(&members), None).await;
    assert_eq!(reply.header("cache-control"), "private, no-store");
    let whole = body_json(&reply);
    assert_eq!(whole["body_is_teaser"], false);
    assert!(
        whole["body_html"]
            .as_str()
            .unwrap_or("")
            .contains("SECRET-PART")
    );
    let found =
        body_json(&call(&app, "GET", "/api/v1/search?q=secret", Some(&members), None).await);
    assert_eq!(found["total"], 1, "and its words are searchable");
    let found = body_json(&call(&app, "GET", "/api/v1/search?q=secret", None, None).await);
    assert_eq!(found["total"], 0);
}

#[tokio::test]
async fn administrators_make_show_once_and_revoke_tokens_in_the_newsroom() {
    let app = TestApp::new().await;
    let (mut admin, admin_id) = app
        .signed_in("admin@example.org", Role::Administrator)
        .await;
    let contributor = app.user("stringer@example.org", Role::Contributor).await;

    let page = admin.get("/admin/api-tokens").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("No tokens yet"));

    // Bad input: what to fix, and no token made.
    let contributor_id = contributor.to_string();
    for (fields, expected) in [
        (
            vec![("name", "Importer"), ("lifetime", "90")],
            "choose at least one",
        ),
        (
            vec![
                ("name", "Importer"),
                ("user_id", contributor_id.as_str()),
                ("scope", "publish"),
                ("lifetime", "90"),
            ],
            "may not do that",
        ),
        (
            vec![("name", ""), ("scope", "read_drafts"), ("lifetime", "90")],
            "name the token",
        ),
        (
            vec![
                ("name", "Importer"),
                ("scope", "read_drafts"),
                ("lifetime", "forever"),
            ],
            "from 1 to 3650",
        ),
    ] {
        let admin_id = admin_id.to_string();
        let mut fields = fields.clone();
        if !fields.iter().any(|(k, _)| *k == "user_id") {
            fields.push(("user_id", admin_id.as_str()));
        }
        let reply = admin.post("/admin/api-tokens", &fields).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        assert!(reply.body.contains(expected), "{fields:?}: {expected}");
    }
    assert!(
        app.store()
            .api_tokens()
            .tokens()
            .await
            .expect("list")
            .is_empty()
    );

    let admin_id_text = admin_id.to_string();
    let made = admin
        .post(
            "/admin/api-tokens",
            &[
                ("name", "Liveblog tool"),
                ("user_id", admin_id_text.as_str()),
                ("scope", "read_drafts"),
                ("scope", "publish"),
                ("lifetime", "30"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert_eq!(made.header("cache-control"), "no-store");
    let secret = made
        .body
        .split("value=\"bst_")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|rest| format!("bst_{rest}"))
        .expect("the secret is shown");
    let me = call(&app, "GET", "/api/v1/admin/token", Some(&secret), None).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
    assert_eq!(body_json(&me)["scopes"], json!(["read_drafts", "publish"]));

    let listed = admin.get("/admin/api-tokens").await;
    assert!(listed.body.contains("Liveblog tool"));
    assert!(!listed.body.contains(&secret), "shown only once");
    let id = app.store().api_tokens().tokens().await.expect("list")[0].id;
    let revoked = admin
        .post(&format!("/admin/api-tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    let me = call(&app, "GET", "/api/v1/admin/token", Some(&secret), None).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    assert!(
        admin
            .get("/admin/api-tokens")
            .await
            .body
            .contains("revoked")
    );
}
