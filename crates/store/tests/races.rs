//! Races between state changes, on SQLite and (with BROADSHEET_TEST_POSTGRES_URL)
//! PostgreSQL. Each test runs the same race hundreds of times on a two-thread runtime,
//! so that both sides really run at once, and checks that what each side was told
//! agrees with what the database holds: a pulled article is never published, and no
//! typed text is lost.

use broadsheet_core::article::Status;
use broadsheet_core::email::Email;
use broadsheet_core::role::Role;
use broadsheet_core::workflow::{self, Action, Actor, WorkflowError};
use broadsheet_store::{
    ArticleDraft, Clock, NewUser, PUBLISH_SCHEDULED, PublishScheduled, StaffRef, Store, StoreError,
};
use broadsheet_test_support::TestDb;

/// Rounds of each race: enough to hit both orders many times on both databases while
/// the suite stays within seconds.
const ROUNDS: usize = 200;

async fn editor(store: &Store, email: &str) -> StaffRef {
    let user_id = store
        .users()
        .create_user(&NewUser {
            email: Email::parse(email).expect("email"),
            name: email.into(),
            role: Role::Editor,
            password_hash: "not used".into(),
            author_id: None,
        })
        .await
        .expect("user");
    StaffRef {
        user_id,
        role: Role::Editor,
    }
}

async fn status_of(store: &Store, id: i64) -> Status {
    let article = store
        .articles()
        .article_by_id(id)
        .await
        .expect("q")
        .expect("article");
    article.status
}

/// A lost race is one of the two answers a state change may give when someone else
/// moved the article first.
fn lost_race(err: &StoreError) -> bool {
    matches!(
        err,
        StoreError::Workflow(WorkflowError::WrongState { .. }) | StoreError::Moved(_)
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_article_pulled_from_the_schedule_is_never_published() {
    let db = TestDb::new().await;
    let start = broadsheet_store::now();
    let store = db.store.clone().with_clock(Clock::manual(start));
    let desk = editor(&store, "desk@example.org").await;
    let (mut pulled, mut published) = (0, 0);
    for round in 0..ROUNDS {
        let id = store
            .articles()
            .create_article(&ArticleDraft::new(&format!("Embargoed {round}"), "Text."))
            .await
            .expect("create");
        let at = store.now() + 60;
        store
            .articles()
            .transition_article(id, desk, Action::Schedule, Some(at))
            .await
            .expect("schedule");
        store.clock().set(at);
        let job = store
            .jobs()
            .claim_job(60)
            .await
            .expect("claim")
            .expect("due");
        assert_eq!(job.kind, PUBLISH_SCHEDULED);
        let payload: PublishScheduled = job.payload().expect("payload");

        let (unschedule, publish) = tokio::join!(
            tokio::spawn({
                let store = store.clone();
                async move {
                    store
                        .articles()
                        .transition_article(id, desk, Action::Unschedule, None)
                        .await
                }
            }),
            tokio::spawn({
                let store = store.clone();
                async move { store.articles().publish_if_due(&payload).await }
            }),
        );
        let unschedule = unschedule.expect("task");
        let went_out = publish.expect("task").expect("the job runs");
        store.jobs().complete_job(job.id).await.expect("done");
        let now = status_of(&store, id).await;
        match unschedule {
            Ok(to) => {
                assert_eq!(to, Status::Draft);
                assert!(
                    !went_out,
                    "round {round}: unscheduled, yet the job published"
                );
                assert_eq!(now, Status::Draft, "round {round}");
                assert!(
                    store
                        .articles()
                        .published_article(&format!("embargoed-{round}"))
                        .await
                        .expect("q")
                        .is_none(),
                    "round {round}: a pulled article is on the site"
                );
                pulled += 1;
            }
            Err(err) => {
                assert!(lost_race(&err), "round {round}: {err}");
                assert!(went_out, "round {round}: refused, yet nothing published");
                assert_eq!(now, Status::Published, "round {round}");
                published += 1;
            }
        }
    }
    broadsheet_test_support::loud(&format!(
        "unschedule vs the publish job, {ROUNDS} rounds: pulled first {pulled}, published first {published}"
    ));
}

/// What a state change answered, reduced to what the serial check compares.
fn outcome(result: &Result<Status, StoreError>) -> Option<Status> {
    match result {
        Ok(to) => Some(*to),
        Err(err) => {
            assert!(lost_race(err), "an unexpected error: {err}");
            None
        }
    }
}

/// The answers and final state of taking `first` then `second` from `from`, by the
/// workflow rule alone.
fn serially(
    from: Status,
    first: Action,
    second: Action,
) -> (Option<Status>, Option<Status>, Status) {
    let actor = Actor {
        role: Role::Editor,
        owns: false,
    };
    let a = workflow::transition(actor, from, first).ok();
    let after_a = a.unwrap_or(from);
    let b = workflow::transition(actor, after_a, second).ok();
    (a, b, b.unwrap_or(after_a))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_editors_moving_one_article_at_once_agree_with_the_database() {
    let db = TestDb::new().await;
    let store = db.store.clone();
    let first = editor(&store, "first@example.org").await;
    let second = editor(&store, "second@example.org").await;
    let pairs = [
        (Action::Publish, Action::Withdraw),
        (Action::Publish, Action::Publish),
        (Action::Withdraw, Action::Withdraw),
        (Action::Publish, Action::Unpublish),
        (Action::Withdraw, Action::Submit),
    ];
    let mut orders = [0usize; 2];
    for round in 0..ROUNDS {
        let (one, two) = pairs[round % pairs.len()];
        let id = store
            .articles()
            .create_article(&ArticleDraft::new(&format!("Contested {round}"), "Text."))
            .await
            .expect("create");
        store
            .articles()
            .transition_article(id, first, Action::Submit, None)
            .await
            .expect("submit");
        let (a, b) = tokio::join!(
            tokio::spawn({
                let store = store.clone();
                async move {
                    store
                        .articles()
                        .transition_article(id, first, one, None)
                        .await
                }
            }),
            tokio::spawn({
                let store = store.clone();
                async move {
                    store
                        .articles()
                        .transition_article(id, second, two, None)
                        .await
                }
            }),
        );
        let (a, b) = (outcome(&a.expect("task")), outcome(&b.expect("task")));
        let now = status_of(&store, id).await;
        // Whatever happened must be what one of the two serial orders gives.
        let (a1, b1, end1) = serially(Status::Pending, one, two);
        let (b2, a2, end2) = serially(Status::Pending, two, one);
        if (a, b, now) == (a1, b1, end1) {
            orders[0] += 1;
        } else if (a, b, now) == (a2, b2, end2) {
            orders[1] += 1;
        } else {
            panic!(
                "round {round}: {one:?} answered {a:?}, {two:?} answered {b:?}, the article is {now:?}: \
                 no serial order gives that"
            );
        }
    }
    broadsheet_test_support::loud(&format!(
        "two editors' workflow steps, {ROUNDS} rounds: each matched a serial order \
         (first-then-second {}, second-then-first {})",
        orders[0], orders[1]
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_racing_a_publish_loses_no_text() {
    let db = TestDb::new().await;
    let store = db.store.clone();
    let desk = editor(&store, "desk@example.org").await;
    for round in 0..ROUNDS {
        let id = store
            .articles()
            .create_article(&ArticleDraft::new(&format!("Racing {round}"), "Old text."))
            .await
            .expect("create");
        let version = store
            .articles()
            .article_by_id(id)
            .await
            .expect("q")
            .expect("a")
            .version;
        let typed = format!("New text typed in round {round}.");
        let draft = ArticleDraft::new(&format!("Racing {round}"), &typed);
        let (save, publish) = tokio::join!(
            tokio::spawn({
                let store = store.clone();
                async move {
                    store
                        .articles()
                        .save_article(
                            id,
                            &draft,
                            version,
                            Some(desk.user_id),
                            broadsheet_core::article::RevisionKind::Save,
                        )
                        .await
                }
            }),
            tokio::spawn({
                let store = store.clone();
                async move {
                    store
                        .articles()
                        .transition_article(id, desk, Action::Publish, None)
                        .await
                }
            }),
        );
        let article = store
            .articles()
            .article_by_id(id)
            .await
            .expect("q")
            .expect("a");
        assert_eq!(
            publish.expect("task").expect("publishing never loses"),
            Status::Published
        );
        match save.expect("task") {
            Ok(_) => assert_eq!(article.body_source, typed, "round {round}"),
            Err(StoreError::Stale { kept_revision, .. }) => {
                let kept = store
                    .articles()
                    .revision(kept_revision)
                    .await
                    .expect("q")
                    .expect("kept");
                assert_eq!(kept.kind.as_str(), "conflict");
                assert_eq!(
                    kept.body_source, typed,
                    "round {round}: the typed text is kept"
                );
            }
            Err(err) => panic!("round {round}: {err}"),
        }
        assert_eq!(article.status, Status::Published);
    }
}

/// Comments approved at the same moment on one article are all counted: the count
/// shown on the article and in lists never drifts from the comments shown.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_comments_are_all_counted() {
    let db = TestDb::new().await;
    let store = db.store.clone();
    let id = store
        .articles()
        .create_article(&ArticleDraft::new("Busy thread", "Text."))
        .await
        .expect("create");
    store
        .articles()
        .publish_article(id, store.now())
        .await
        .expect("publish");
    const WRITERS: usize = 16;
    const EACH: usize = 25;
    let writers = (0..WRITERS).map(|writer| {
        let store = store.clone();
        tokio::spawn(async move {
            for n in 0..EACH {
                store
                    .comments()
                    .add_comment(&broadsheet_store::NewComment {
                        article_id: id,
                        parent_id: None,
                        user_id: None,
                        reader_id: None,
                        author_name: format!("Writer {writer}"),
                        author_email: format!("w{writer}@example.org"),
                        body_source: format!("Comment {writer}-{n}"),
                        body_html: format!("<p>Comment {writer}-{n}</p>"),
                        status: broadsheet_core::comments::CommentStatus::Approved,
                        reason: String::new(),
                        client_hash: format!("client-{writer}"),
                    })
                    .await
                    .expect("comment");
            }
        })
    });
    for writer in writers.collect::<Vec<_>>() {
        writer.await.expect("writer");
    }
    let article = store
        .articles()
        .article_by_id(id)
        .await
        .expect("q")
        .expect("article");
    assert_eq!(article.summary.comment_count, (WRITERS * EACH) as i64);
}

/// Drafts created and saved at the same moment (an importer posting through the admin
/// API beside the newsroom) all land: a transaction that reads before it writes must not
/// fail with "database is locked" because another wrote in between (SQLite).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_creates_and_saves_all_land() {
    let db = TestDb::new().await;
    let store = db.store.clone();
    let section = store
        .taxonomy()
        .create_section(&broadsheet_store::NewSection {
            slug: "wire".into(),
            name: "Wire".into(),
            description: String::new(),
            parent_id: None,
            position: 0,
        })
        .await
        .expect("section");
    const WRITERS: usize = 8;
    const EACH: usize = 15;
    let writers = (0..WRITERS).map(|writer| {
        let store = store.clone();
        tokio::spawn(async move {
            for n in 0..EACH {
                let mut draft = ArticleDraft::new(&format!("Wire {writer}-{n}"), "Copy.");
                draft.section_id = Some(section);
                let id = store
                    .articles()
                    .create_article(&draft)
                    .await
                    .unwrap_or_else(|err| panic!("create {writer}-{n}: {err}"));
                draft.body_source = "Copy, updated.".into();
                store
                    .articles()
                    .save_article(
                        id,
                        &draft,
                        1,
                        None,
                        broadsheet_core::article::RevisionKind::Save,
                    )
                    .await
                    .unwrap_or_else(|err| panic!("save {writer}-{n}: {err}"));
            }
        })
    });
    for writer in writers.collect::<Vec<_>>() {
        writer.await.expect("writer");
    }
    let saved = store
        .articles()
        .count_newsroom_articles(&broadsheet_store::NewsroomQuery::default())
        .await
        .expect("count");
    assert_eq!(saved, (WRITERS * EACH) as u64);
}
