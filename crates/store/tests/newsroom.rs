//! Newsroom storage on SQLite and (with BROADSHEET_TEST_POSTGRES_URL) PostgreSQL:
//! accounts and sessions, versioned saves, revisions, old slugs, the job queue and
//! scheduled publishing.

use broadsheet_core::article::Status;
use broadsheet_core::email::Email;
use broadsheet_core::role::Role;
use broadsheet_core::secrets::hash_password;
use broadsheet_core::workflow::Action;
use broadsheet_store::{
    ArticleDraft, Clock, NewJob, NewUser, PUBLISH_SCHEDULED, PublishScheduled, StaffRef, Store,
    StoreError,
};
use broadsheet_test_support::TestDb;

async fn user(store: &Store, email: &str, role: Role) -> i64 {
    store
        .users()
        .create_user(&NewUser {
            email: Email::parse(email).expect("email"),
            name: format!("User {email}"),
            role,
            password_hash: hash_password("a long enough password").expect("hash"),
            author_id: None,
        })
        .await
        .expect("user")
}

#[tokio::test]
async fn accounts_sessions_and_sign_in_failures() {
    let db = TestDb::new().await;
    let store = &db.store;
    let id = user(store, "Ana@Example.org", Role::Editor).await;
    let duplicate = store
        .users()
        .create_user(&NewUser {
            email: Email::parse("ana@example.ORG").expect("email"),
            name: "Again".into(),
            role: Role::Author,
            password_hash: "x".into(),
            author_id: None,
        })
        .await
        .unwrap_err();
    assert!(
        matches!(duplicate, StoreError::Taken { field: "email", .. }),
        "{duplicate}"
    );
    let (found, hash) = store
        .users()
        .user_for_login(&Email::parse("ANA@example.org").expect("email"))
        .await
        .expect("query")
        .expect("found regardless of case");
    assert_eq!(found.id, id);
    assert!(broadsheet_core::secrets::verify_password(
        "a long enough password",
        &hash
    ));

    let first = store.users().create_session(id).await.expect("session");
    let second = store.users().create_session(id).await.expect("session");
    assert_eq!(
        store
            .users()
            .session_user(&first)
            .await
            .expect("q")
            .map(|u| u.id),
        Some(id)
    );
    store.users().end_session(&first).await.expect("logout");
    assert!(
        store
            .users()
            .session_user(&first)
            .await
            .expect("q")
            .is_none()
    );
    assert!(
        store
            .users()
            .session_user(&second)
            .await
            .expect("q")
            .is_some()
    );
    assert_eq!(
        store
            .users()
            .end_all_sessions(id)
            .await
            .expect("everywhere"),
        1
    );
    assert!(
        store
            .users()
            .session_user(&second)
            .await
            .expect("q")
            .is_none()
    );
    assert!(
        store
            .users()
            .session_user("forged-token")
            .await
            .expect("q")
            .is_none()
    );

    let third = store.users().create_session(id).await.expect("session");
    store
        .users()
        .update_user(id, Role::Editor, true)
        .await
        .expect("disable");
    assert!(
        store
            .users()
            .session_user(&third)
            .await
            .expect("q")
            .is_none(),
        "disabling signs out"
    );

    store
        .users()
        .record_login_failure(&["email:x".into(), "ip:1".into()])
        .await
        .expect("record");
    store
        .users()
        .record_login_failure(&["email:x".into()])
        .await
        .expect("record");
    assert_eq!(
        store
            .users()
            .login_failures("email:x", 0)
            .await
            .expect("count"),
        2
    );
    assert_eq!(
        store
            .users()
            .login_failures("ip:1", 0)
            .await
            .expect("count"),
        1
    );

    let reset = store
        .users()
        .create_password_reset(id, 3600)
        .await
        .expect("reset");
    assert!(store.users().password_reset_valid(&reset).await.expect("q"));
    assert_eq!(
        store
            .users()
            .redeem_password_reset(&reset)
            .await
            .expect("q"),
        Some(id)
    );
    assert_eq!(
        store
            .users()
            .redeem_password_reset(&reset)
            .await
            .expect("q"),
        None,
        "one use only"
    );
    let expired = store
        .users()
        .create_password_reset(id, -1)
        .await
        .expect("reset");
    assert_eq!(
        store
            .users()
            .redeem_password_reset(&expired)
            .await
            .expect("q"),
        None
    );
}

#[tokio::test]
async fn saves_keep_revisions_and_stale_saves_lose_nothing() {
    let db = TestDb::new().await;
    let store = &db.store;
    let ana = user(store, "ana@example.org", Role::Author).await;
    let ben = user(store, "ben@example.org", Role::Editor).await;
    let mut draft = ArticleDraft::new("First headline", "First body.");
    draft.created_by = Some(ana);
    let id = store
        .articles()
        .create_article(&draft)
        .await
        .expect("create");

    let mut anas = draft.clone();
    anas.body_source = "Ana's second body.".into();
    let mut bens = draft.clone();
    bens.body_source = "Ben's body, written at the same time.".into();
    let v2 = store
        .articles()
        .save_article(
            id,
            &anas,
            1,
            Some(ana),
            broadsheet_core::article::RevisionKind::Save,
        )
        .await
        .expect("first save wins");
    assert_eq!(v2, 2);
    let err = store
        .articles()
        .save_article(
            id,
            &bens,
            1,
            Some(ben),
            broadsheet_core::article::RevisionKind::Save,
        )
        .await
        .unwrap_err();
    let StoreError::Stale {
        current_version,
        kept_revision,
    } = err
    else {
        panic!("expected a stale save, got {err}");
    };
    assert_eq!(current_version, 2);
    let kept = store
        .articles()
        .revision(kept_revision)
        .await
        .expect("q")
        .expect("kept");
    assert_eq!(kept.kind.as_str(), "conflict");
    assert_eq!(kept.body_source, "Ben's body, written at the same time.");
    let current = store
        .articles()
        .article_by_id(id)
        .await
        .expect("q")
        .expect("article");
    assert_eq!(current.body_source, "Ana's second body.");

    let history = store.articles().revisions(id).await.expect("history");
    let kinds: Vec<_> = history
        .iter()
        .map(|r| (r.version, r.kind.as_str()))
        .collect();
    assert_eq!(kinds, [(2, "conflict"), (2, "save"), (1, "save")]);
    assert_eq!(
        history[1].user_name.as_deref(),
        Some("User ana@example.org")
    );

    // Restoring version 1 is a new save.
    let first = history.iter().find(|r| r.version == 1).expect("v1");
    let v3 = store
        .articles()
        .save_article(
            id,
            &first.to_draft(),
            2,
            Some(ben),
            broadsheet_core::article::RevisionKind::Restore,
        )
        .await
        .expect("restore");
    assert_eq!(v3, 3);
    assert_eq!(
        store
            .articles()
            .article_by_id(id)
            .await
            .expect("q")
            .expect("a")
            .body_source,
        "First body."
    );
}

#[tokio::test]
async fn a_published_articles_old_slugs_keep_pointing_at_it() {
    let db = TestDb::new().await;
    let store = &db.store;
    let id = store
        .articles()
        .create_article(&ArticleDraft::new("Bridge opens", "Text."))
        .await
        .expect("create");
    store
        .articles()
        .publish_article(id, 1_000)
        .await
        .expect("publish");
    let article = store
        .articles()
        .article_by_id(id)
        .await
        .expect("q")
        .expect("a");
    let mut renamed = ArticleDraft::new("Bridge opens", "Text.");
    renamed.slug = Some("bridge-opens-to-traffic".into());
    store
        .articles()
        .save_article(
            id,
            &renamed,
            article.version,
            None,
            broadsheet_core::article::RevisionKind::Save,
        )
        .await
        .expect("rename");
    assert_eq!(
        store
            .articles()
            .article_status_by_slug("bridge-opens")
            .await
            .expect("q"),
        Some((Status::Published, "bridge-opens-to-traffic".to_string()))
    );
    // A clashing slug is a field error.
    let other = store
        .articles()
        .create_article(&ArticleDraft::new("Other story", "x"))
        .await
        .expect("create");
    let mut clash = ArticleDraft::new("Other story", "x");
    clash.slug = Some("bridge-opens-to-traffic".into());
    let err = store
        .articles()
        .save_article(
            other,
            &clash,
            1,
            None,
            broadsheet_core::article::RevisionKind::Save,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Taken { field: "slug", .. }),
        "{err}"
    );
}

#[tokio::test]
async fn scheduled_articles_are_published_by_a_job_at_their_time() {
    let db = TestDb::new().await;
    let store = db
        .store
        .clone()
        .with_clock(Clock::manual(broadsheet_store::now()));
    let desk = StaffRef {
        user_id: user(&store, "desk@example.org", Role::Editor).await,
        role: Role::Editor,
    };
    let id = store
        .articles()
        .create_article(&ArticleDraft::new("Embargoed", "Not yet."))
        .await
        .expect("create");
    let past = store
        .articles()
        .transition_article(id, desk, Action::Schedule, Some(store.now() - 5))
        .await
        .unwrap_err();
    assert!(
        matches!(
            past,
            StoreError::Invalid {
                field: "scheduled_at",
                ..
            }
        ),
        "{past}"
    );
    let at = store.now() + 2;
    store
        .articles()
        .transition_article(id, desk, Action::Schedule, Some(at))
        .await
        .expect("schedule");
    assert!(
        store
            .articles()
            .published_article("embargoed")
            .await
            .expect("q")
            .is_none(),
        "invisible before its time"
    );
    assert!(
        store.jobs().claim_job(60).await.expect("claim").is_none(),
        "not due yet"
    );
    assert_eq!(store.jobs().next_job_at().await.expect("q"), Some(at));

    store.clock().advance(2);
    let job = store
        .jobs()
        .claim_job(60)
        .await
        .expect("claim")
        .expect("due now");
    assert_eq!(job.kind, PUBLISH_SCHEDULED);
    assert!(
        store.jobs().claim_job(60).await.expect("claim").is_none(),
        "a claimed job is not claimed twice"
    );
    let payload: PublishScheduled = job.payload().expect("payload");
    assert!(
        store
            .articles()
            .publish_if_due(&payload)
            .await
            .expect("publish")
    );
    store.jobs().complete_job(job.id).await.expect("done");
    let article = store
        .articles()
        .published_article("embargoed")
        .await
        .expect("q")
        .expect("published");
    assert_eq!(
        article.summary.published_at, at,
        "published with its scheduled time"
    );
    assert!(
        !store
            .articles()
            .publish_if_due(&payload)
            .await
            .expect("again"),
        "running it twice changes nothing"
    );
}

#[tokio::test]
async fn failed_jobs_back_off_then_stay_visible_and_unique_jobs_enqueue_once() {
    let db = TestDb::new().await;
    let store = &db.store;
    let now = broadsheet_store::now();
    let job = NewJob::new(
        "send_email",
        &serde_json::json!({"to": "a@example.org"}),
        now,
    )
    .unique("mail:1".into())
    .attempts(2);
    store.jobs().enqueue(&job).await.expect("enqueue");
    store
        .jobs()
        .enqueue(&job)
        .await
        .expect("enqueue again is a no-op");
    let claimed = store
        .jobs()
        .claim_job(60)
        .await
        .expect("claim")
        .expect("job");
    assert!(
        store.jobs().claim_job(60).await.expect("claim").is_none(),
        "only one copy was queued"
    );
    store
        .jobs()
        .fail_job(&claimed, "SMTP refused")
        .await
        .expect("fail");
    let queued = store.jobs().jobs("queued", 10).await.expect("list");
    assert_eq!(queued.len(), 1);
    assert!(queued[0].run_at >= now + 30, "retried after a backoff");
    assert_eq!(queued[0].last_error.as_deref(), Some("SMTP refused"));

    // Second and last attempt fails: the job is kept as failed.
    let mut second = claimed.clone();
    second.attempts = 2;
    store
        .jobs()
        .fail_job(&second, "SMTP refused again")
        .await
        .expect("fail");
    let failed = store.jobs().jobs("failed", 10).await.expect("list");
    assert_eq!(failed.len(), 1);
    store.jobs().retry_job(failed[0].id).await.expect("retry");
    assert!(
        store.jobs().claim_job(60).await.expect("claim").is_some(),
        "retried now"
    );
}
