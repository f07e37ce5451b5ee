//! Authorization: every newsroom route, requested by every role and by an anonymous
//! visitor, on SQLite and (with BROADSHEET_TEST_POSTGRES_URL) PostgreSQL.

mod common;

use axum::http::StatusCode;
use broadsheet_core::role::Role;
use common::TestApp;

/// Every newsroom route, requested by every role and by an anonymous visitor.
#[tokio::test]
async fn every_route_answers_every_role_as_it_should() {
    let app = TestApp::new().await;
    let admin = app.user("admin@example.org", Role::Administrator).await;
    let mut visitors = Vec::new();
    for (role, email) in [
        (Role::Administrator, "admin2@example.org"),
        (Role::Editor, "editor@example.org"),
        (Role::Author, "author@example.org"),
        (Role::Contributor, "contributor@example.org"),
    ] {
        let (visitor, id) = app.signed_in(email, role).await;
        visitors.push((Some(role), visitor, id));
    }
    visitors.push((None, app.visitor(), 0));
    // An article owned by the administrator (nobody else's own).
    let mut draft = broadsheet_store::ArticleDraft::new("Owned by the administrator", "Text.");
    draft.created_by = Some(admin);
    let theirs = app
        .store()
        .articles()
        .create_article(&draft)
        .await
        .expect("draft");
    let revision = app
        .store()
        .articles()
        .revisions(theirs)
        .await
        .expect("history")[0]
        .id;
    let photo = app
        .store()
        .media()
        .create_media(&broadsheet_store::NewMedia {
            file_name: "matrix.jpg".into(),
            mime_type: "image/jpeg".into(),
            width: 10,
            height: 10,
            ..Default::default()
        })
        .await
        .expect("media");
    app.store()
        .jobs()
        .enqueue(&broadsheet_store::NewJob::new("unknown_kind", &(), 0))
        .await
        .expect("job");
    let job = app
        .store()
        .jobs()
        .claim_job(60)
        .await
        .expect("claim")
        .expect("job");
    app.store()
        .jobs()
        .fail_job(
            &broadsheet_store::Job {
                attempts: 5,
                ..job.clone()
            },
            "failed for the test",
        )
        .await
        .expect("fail");

    let form = app
        .store()
        .forms()
        .create_form(&broadsheet_store::NewForm {
            slug: "matrix-form".into(),
            title: "Matrix".into(),
            fields: vec![broadsheet_store::FormField {
                name: "x".into(),
                label: "X".into(),
                kind: "text".into(),
                required: false,
                options: vec![],
            }],
            ..Default::default()
        })
        .await
        .expect("form");

    let topic = app
        .store()
        .taxonomy()
        .create_topic(&broadsheet_store::NewTopic {
            slug: "matrix-topic".into(),
            name: "Matrix topic".into(),
            description: String::new(),
        })
        .await
        .expect("topic");

    use Role::*;
    // (method, path, roles allowed). Allowed GETs answer 200, allowed POSTs answer 2xx/3xx
    // or a 4xx field error but never 403; others get 403, anonymous visitors 303 to sign in.
    let everyone: &[Role] = &[Administrator, Editor, Author, Contributor];
    let editors: &[Role] = &[Administrator, Editor];
    let admins: &[Role] = &[Administrator];
    let routes: Vec<(&str, String, &[Role])> = vec![
        ("GET", "/admin".into(), everyone),
        ("GET", "/admin/articles".into(), everyone),
        ("GET", "/admin/articles/new".into(), everyone),
        ("GET", format!("/admin/articles/{theirs}"), editors),
        (
            "GET",
            format!("/admin/articles/{theirs}/revisions"),
            editors,
        ),
        (
            "GET",
            format!("/admin/articles/{theirs}/compare?from={revision}"),
            editors,
        ),
        ("GET", format!("/admin/articles/{theirs}/preview"), editors),
        ("POST", format!("/admin/articles/{theirs}"), editors),
        ("POST", format!("/admin/articles/{theirs}/status"), editors),
        ("POST", format!("/admin/articles/{theirs}/notes"), editors),
        ("POST", format!("/admin/articles/{theirs}/share"), editors),
        (
            "POST",
            format!("/admin/articles/{theirs}/revisions/{revision}/restore"),
            editors,
        ),
        ("POST", "/admin/preview".into(), everyone),
        ("POST", "/admin/articles".into(), everyone),
        (
            "GET",
            format!("/admin/media/{photo}"),
            &[Administrator, Editor, Author],
        ),
        // The photo is not the author's own: only editors may change it.
        ("POST", format!("/admin/media/{photo}"), editors),
        ("POST", format!("/admin/jobs/{}/retry", job.id), editors),
        ("POST", "/admin/users/999999".into(), admins),
        ("GET", "/admin/jobs".into(), editors),
        (
            "GET",
            "/admin/media".into(),
            &[Administrator, Editor, Author],
        ),
        ("GET", "/admin/users".into(), admins),
        (
            "GET",
            "/admin/subscribers?q=x&status=confirmed".into(),
            admins,
        ),
        ("GET", "/admin/subscribers.csv".into(), admins),
        ("GET", "/admin/readers?q=a".into(), admins),
        ("POST", "/admin/readers/999999/tier".into(), admins),
        ("GET", "/admin/settings".into(), admins),
        ("POST", "/admin/settings".into(), admins),
        ("POST", "/admin/users".into(), admins),
        ("GET", "/admin/api-tokens".into(), admins),
        ("POST", "/admin/api-tokens".into(), admins),
        ("POST", "/admin/api-tokens/999999/revoke".into(), admins),
        ("GET", "/admin/topics".into(), editors),
        ("GET", format!("/admin/topics/{topic}"), editors),
        ("POST", format!("/admin/topics/{topic}"), editors),
        ("GET", "/admin/forms".into(), editors),
        ("POST", "/admin/forms".into(), editors),
        ("GET", format!("/admin/forms/{form}"), editors),
        ("POST", format!("/admin/forms/{form}"), editors),
        (
            "GET",
            format!("/admin/forms/{form}/submissions.csv"),
            editors,
        ),
        ("POST", format!("/admin/forms/{form}/delete"), editors),
        // Last: it deletes the photo and signs everybody out.
        ("POST", format!("/admin/media/{photo}/delete"), editors),
        ("POST", "/admin/logout-everywhere".into(), everyone),
    ];
    for (method, path, allowed) in &routes {
        for (role, visitor, _) in visitors.iter_mut() {
            let reply = if *method == "GET" {
                visitor.get(path).await
            } else {
                let fields: &[(&str, &str)] = if path.ends_with("/status") {
                    &[("action", "unschedule")]
                } else {
                    &[
                        ("headline", "Changed"),
                        ("body", "Changed."),
                        ("version", "1"),
                        ("kind", "update"),
                        ("role", "author"),
                    ]
                };
                visitor.post(path, fields).await
            };
            let status = reply.status;
            match role {
                None => assert_eq!(status, StatusCode::SEE_OTHER, "anonymous {method} {path}"),
                Some(role) if allowed.contains(role) => {
                    assert_ne!(
                        status,
                        StatusCode::FORBIDDEN,
                        "{role:?} {method} {path}: {}",
                        reply.body
                    );
                    assert!(status.as_u16() < 500, "{role:?} {method} {path}: {status}");
                    if *method == "GET" {
                        assert_eq!(status, StatusCode::OK, "{role:?} {method} {path}");
                    }
                }
                Some(role) => assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} {method} {path}"),
            }
            if path.ends_with("logout-everywhere") && role.is_some() {
                // Signed out now: sign back in for any later route.
            }
        }
    }
}
