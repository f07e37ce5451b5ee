//! The read cache (published articles and lists kept in memory): what readers are shown
//! from it is never older than this process's last write, and another node's writes reach
//! it when that node follows the change log. Run on SQLite and PostgreSQL.

use broadsheet_core::article::Status;
use broadsheet_core::comments::{CommentStatus, ThreadOrder};
use broadsheet_core::email::Email;
use broadsheet_core::role::Role;
use broadsheet_core::workflow::Action;
use broadsheet_store::{
    ArticleDraft, ArticleQuery, NewComment, NewMedia, NewSection, NewUser, StaffRef, Store,
};
use broadsheet_test_support::TestDb;

async fn setup(store: &Store) -> (i64, i64, StaffRef) {
    let news = store
        .taxonomy()
        .create_section(&NewSection {
            slug: "news".into(),
            name: "News".into(),
            description: String::new(),
            parent_id: None,
            position: 0,
        })
        .await
        .expect("section");
    let photo = store
        .media()
        .create_media(&NewMedia {
            file_name: "harbour.jpg".into(),
            mime_type: "image/jpeg".into(),
            width: 1200,
            height: 800,
            byte_size: 1000,
            alt_text: "The harbour".into(),
            created_at: 1,
            ..Default::default()
        })
        .await
        .expect("photo");
    let user_id = store
        .users()
        .create_user(&NewUser {
            email: Email::parse("desk@example.org").expect("email"),
            name: "Desk".into(),
            role: Role::Editor,
            password_hash: "not used".into(),
            author_id: None,
        })
        .await
        .expect("user");
    (
        news,
        photo,
        StaffRef {
            user_id,
            role: Role::Editor,
        },
    )
}

async fn publish(store: &Store, headline: &str, section: i64, photo: i64, at: i64) -> i64 {
    let mut draft = ArticleDraft::new(headline, "Body text.");
    draft.section_id = Some(section);
    draft.featured_media_id = Some(photo);
    let id = store
        .articles()
        .create_article(&draft)
        .await
        .expect("draft");
    store
        .articles()
        .publish_article(id, at)
        .await
        .expect("published");
    id
}

fn latest() -> ArticleQuery {
    ArticleQuery {
        limit: 10,
        ..Default::default()
    }
}

async fn headlines(store: &Store) -> Vec<String> {
    let list = store
        .articles()
        .list_articles(&latest())
        .await
        .expect("list");
    list.into_iter().map(|a| a.headline).collect()
}

fn comment(article_id: i64) -> NewComment {
    NewComment {
        article_id,
        parent_id: None,
        user_id: None,
        reader_id: None,
        author_name: "A reader".into(),
        author_email: "reader@example.org".into(),
        body_source: "Well said.".into(),
        body_html: "<p>Well said.</p>".into(),
        status: CommentStatus::Approved,
        reason: String::new(),
        client_hash: "client".into(),
    }
}

#[tokio::test]
async fn kept_reads_follow_every_write_that_changes_them() {
    let db = TestDb::new().await;
    let store = &db.store;
    store.cache_reads();
    let (news, photo, desk) = setup(store).await;
    let first = publish(store, "Ferry fares rise", news, photo, 100).await;
    assert_eq!(headlines(store).await, ["Ferry fares rise"]);
    assert_eq!(
        store
            .articles()
            .count_articles(&latest())
            .await
            .expect("count"),
        1
    );

    // A second article joins every list and count read before it.
    let second = publish(store, "Bridge reopens", news, photo, 200).await;
    assert_eq!(
        headlines(store).await,
        ["Bridge reopens", "Ferry fares rise"]
    );
    assert_eq!(
        store
            .articles()
            .count_articles(&latest())
            .await
            .expect("count"),
        2
    );

    // A comment changes the count cards show, and the article's.
    let article = store
        .articles()
        .published_article("ferry-fares-rise")
        .await
        .expect("read")
        .expect("published");
    assert_eq!(article.summary.comment_count, 0);
    store
        .comments()
        .add_comment(&comment(first))
        .await
        .expect("comment");
    let list = store
        .articles()
        .list_articles(&latest())
        .await
        .expect("list");
    assert_eq!(list[1].comment_count, 1);
    let article = store
        .articles()
        .published_article("ferry-fares-rise")
        .await
        .expect("read")
        .expect("published");
    assert_eq!(article.summary.comment_count, 1);
    let thread = |store: &Store| {
        let store = store.clone();
        async move {
            store
                .comments()
                .comment_threads(first, ThreadOrder::Oldest, 1, 50)
                .await
                .expect("threads")
        }
    };
    let (comments, threads) = thread(store).await;
    assert_eq!((comments.len(), threads), (1, 1));
    let second_comment = store
        .comments()
        .add_comment(&comment(first))
        .await
        .expect("comment");
    assert_eq!(
        thread(store).await.0.len(),
        2,
        "a new comment joins the kept thread"
    );
    store
        .comments()
        .moderate_comments(&[second_comment], CommentStatus::Spam, "spam")
        .await
        .expect("moderated");
    assert_eq!(
        thread(store).await.0.len(),
        1,
        "a comment marked spam leaves it"
    );

    // A photo's description reaches the cards that show it.
    store
        .media()
        .describe_media(photo, "The harbour at dusk", "", "")
        .await
        .expect("described");
    let list = store
        .articles()
        .list_articles(&latest())
        .await
        .expect("list");
    assert!(
        list.iter()
            .all(|a| a.image.as_ref().expect("image").alt_text == "The harbour at dusk")
    );

    // An edit reaches the article page and the lists.
    let mut draft = ArticleDraft::new("Ferry fares rise again", "New text.");
    draft.section_id = Some(news);
    draft.slug = Some("ferry-fares-rise".into());
    store
        .articles()
        .save_article(
            first,
            &draft,
            article.version,
            None,
            broadsheet_core::article::RevisionKind::Save,
        )
        .await
        .expect("saved");
    let article = store
        .articles()
        .published_article("ferry-fares-rise")
        .await
        .expect("read")
        .expect("published");
    assert_eq!(article.summary.headline, "Ferry fares rise again");
    assert!(article.body_html.contains("New text."));
    assert_eq!(
        headlines(store).await,
        ["Bridge reopens", "Ferry fares rise again"]
    );

    // Pulled: gone from the lists, the count, and its address at once.
    store
        .articles()
        .transition_article(second, desk, Action::Unpublish, None)
        .await
        .expect("unpublished");
    assert_eq!(headlines(store).await, ["Ferry fares rise again"]);
    assert_eq!(
        store
            .articles()
            .count_articles(&latest())
            .await
            .expect("count"),
        1
    );
    assert!(
        store
            .articles()
            .published_article("bridge-reopens")
            .await
            .expect("read")
            .is_none()
    );
    assert_eq!(
        store
            .articles()
            .article_by_id(second)
            .await
            .expect("read")
            .expect("kept")
            .status,
        Status::Unpublished
    );
}

#[tokio::test]
async fn another_nodes_writes_reach_kept_reads_when_it_follows_the_log() {
    let db = TestDb::new().await;
    let writer = &db.store;
    let (news, photo, desk) = setup(writer).await;
    let id = publish(writer, "Ferry fares rise", news, photo, 100).await;

    let reader = Store::connect(&db.url).await.expect("second node");
    let cursor = reader.latest_change_id().await.expect("cursor");
    reader.cache_reads();
    assert_eq!(headlines(&reader).await, ["Ferry fares rise"]);

    writer
        .articles()
        .transition_article(id, desk, Action::Unpublish, None)
        .await
        .expect("unpublished");
    // Until it follows the log, the other node may serve what it kept (as its page cache
    // may): for at most the poll interval in a running app.
    assert_eq!(headlines(&reader).await, ["Ferry fares rise"]);
    let (_, changes) = reader.follow_changes(cursor).await.expect("followed");
    assert!(!changes.is_empty());
    assert!(headlines(&reader).await.is_empty());
    assert!(
        reader
            .articles()
            .published_article("ferry-fares-rise")
            .await
            .expect("read")
            .is_none()
    );
}

#[tokio::test]
async fn a_store_that_does_not_follow_the_log_keeps_nothing() {
    let db = TestDb::new().await;
    let writer = &db.store;
    let (news, photo, desk) = setup(writer).await;
    let id = publish(writer, "Ferry fares rise", news, photo, 100).await;
    // A CLI command or a separate worker: never told of others' writes, so it reads the
    // database every time.
    let other = Store::connect(&db.url).await.expect("second process");
    assert_eq!(headlines(&other).await, ["Ferry fares rise"]);
    writer
        .articles()
        .transition_article(id, desk, Action::Unpublish, None)
        .await
        .expect("unpublished");
    assert!(headlines(&other).await.is_empty());
}
