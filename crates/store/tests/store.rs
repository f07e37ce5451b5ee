//! The store's behaviour, run on SQLite and (with BROADSHEET_TEST_POSTGRES_URL) on
//! PostgreSQL: the same tests, the same SQL.

use broadsheet_core::article::NoteKind;
use broadsheet_store::{
    ArticleDraft, ArticleQuery, Dep, FormField, NewAuthor, NewForm, NewMedia, NewNote, NewPage,
    NewSection, NewTopic, SchemaState, Store, StoreError,
};
use broadsheet_test_support::TestDb;

async fn section(store: &Store, slug: &str, parent: Option<i64>) -> i64 {
    store
        .taxonomy()
        .create_section(&NewSection {
            slug: slug.into(),
            name: slug.to_uppercase(),
            description: String::new(),
            parent_id: parent,
            position: 0,
        })
        .await
        .expect("section created")
}

async fn author(store: &Store, slug: &str) -> i64 {
    store
        .taxonomy()
        .create_author(&NewAuthor {
            slug: slug.into(),
            name: format!("Author {slug}"),
            job_title: "Reporter".into(),
            bio: "Writes.".into(),
            avatar_media_id: None,
        })
        .await
        .expect("author created")
}

async fn photo(store: &Store, name: &str) -> i64 {
    store
        .media()
        .create_media(&NewMedia {
            file_name: name.into(),
            mime_type: "image/jpeg".into(),
            width: 1200,
            height: 800,
            byte_size: 1000,
            content_hash: None,
            alt_text: "A street".into(),
            caption: "The street at dawn.".into(),
            credit: "Staff photographer".into(),
            created_at: 1,
            ..Default::default()
        })
        .await
        .expect("media created")
}

async fn published(store: &Store, headline: &str, section_id: i64, at: i64) -> i64 {
    let mut draft = ArticleDraft::new(headline, "Body text.");
    draft.section_id = Some(section_id);
    let id = store
        .articles()
        .create_article(&draft)
        .await
        .expect("draft saved");
    store
        .articles()
        .publish_article(id, at)
        .await
        .expect("published");
    id
}

#[tokio::test]
async fn migrations_apply_once_and_a_newer_database_is_refused() {
    let db = TestDb::empty().await;
    assert!(matches!(
        db.store.schema_state().await.expect("state"),
        SchemaState::Behind { current: 0, .. }
    ));
    let first = db.store.migrate().await.expect("migrate");
    assert!(!first.applied.is_empty());
    let again = db.store.migrate().await.expect("migrate again");
    assert!(again.applied.is_empty());
    db.store.ensure_schema_current().await.expect("current");

    // Pretend a newer binary migrated this database.
    let sql = "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
               VALUES (9999, 'from the future', CURRENT_TIMESTAMP, TRUE, $1, 0)";
    let other = Store::connect(&db.url).await.expect("connect");
    other
        .execute_for_tests(sql, vec![0u8; 48])
        .await
        .expect("insert");
    let err = db.store.ensure_schema_current().await.unwrap_err();
    assert!(err.to_string().contains("newer"), "{err}");
    assert!(db.store.migrate().await.is_err());
}

#[tokio::test]
async fn sqlite_and_postgresql_migrations_build_the_same_tables_columns_and_indexes() {
    let db = TestDb::new().await;
    if !db.is_postgres() {
        broadsheet_test_support::loud(
            "SKIPPED: comparing the SQLite and PostgreSQL schemas needs BROADSHEET_TEST_POSTGRES_URL",
        );
        return;
    }
    let folder = tempfile::tempdir().expect("folder");
    let sqlite = Store::connect(&format!(
        "sqlite://{}",
        folder.path().join("s.db").display()
    ))
    .await
    .expect("SQLite opens");
    sqlite.migrate().await.expect("SQLite migrates");
    let sqlite = sqlite.schema_outline().await.expect("SQLite schema");
    let postgres = db.store.schema_outline().await.expect("PostgreSQL schema");
    assert!(sqlite.len() > 20, "{} tables", sqlite.len());
    let indexes: usize = sqlite.values().map(|t| t.indexes.len()).sum();
    assert!(indexes > 10, "{indexes} indexes");
    assert_eq!(
        sqlite.keys().collect::<Vec<_>>(),
        postgres.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (table, outline) in &sqlite {
        assert_eq!(
            outline.columns, postgres[table].columns,
            "columns of {table}"
        );
        assert_eq!(
            outline.indexes, postgres[table].indexes,
            "indexes of {table}"
        );
    }
}

#[tokio::test]
async fn articles_are_listed_newest_first_with_bylines_and_filters() {
    let db = TestDb::new().await;
    let store = &db.store;
    let news = section(store, "news", None).await;
    let local = section(store, "local", Some(news)).await;
    let sport = section(store, "sport", None).await;
    let ana = author(store, "ana").await;
    let ben = author(store, "ben").await;
    let topic = store
        .taxonomy()
        .create_topic(&NewTopic {
            slug: "transit".into(),
            name: "Transit".into(),
            description: String::new(),
        })
        .await
        .expect("topic");
    let image = photo(store, "street.jpg").await;

    let mut draft = ArticleDraft::new("Subway fares rise", "Fares rise **today**.");
    draft.section_id = Some(local);
    draft.author_ids = vec![ben, ana];
    draft.topic_ids = vec![topic];
    draft.featured_media_id = Some(image);
    draft.dek = "A quarter more per ride.".into();
    let fares = store
        .articles()
        .create_article(&draft)
        .await
        .expect("saved");
    store
        .articles()
        .publish_article(fares, 2_000)
        .await
        .expect("published");
    let older = published(store, "Council meets", news, 1_000).await;
    let _game = published(store, "Home team wins", sport, 3_000).await;
    let _draft_only = store
        .articles()
        .create_article(&ArticleDraft::new("Unfinished", "..."))
        .await
        .expect("draft");

    let all = store
        .articles()
        .list_articles(&ArticleQuery {
            limit: 10,
            ..Default::default()
        })
        .await
        .expect("list");
    let headlines: Vec<_> = all.iter().map(|a| a.headline.as_str()).collect();
    assert_eq!(
        headlines,
        ["Home team wins", "Subway fares rise", "Council meets"]
    );
    let fares_summary = &all[1];
    let byline: Vec<_> = fares_summary
        .bylines
        .iter()
        .map(|b| b.slug.as_str())
        .collect();
    assert_eq!(byline, ["ben", "ana"], "bylines keep their order");
    assert_eq!(
        fares_summary.image.as_ref().map(|m| m.credit.as_str()),
        Some("Staff photographer")
    );
    assert_eq!(
        fares_summary.section.as_ref().map(|s| s.slug.as_str()),
        Some("local")
    );

    let in_news = ArticleQuery {
        sections: vec![news, local],
        limit: 10,
        ..Default::default()
    };
    assert_eq!(
        store
            .articles()
            .count_articles(&in_news)
            .await
            .expect("count"),
        2
    );
    let by_topic = ArticleQuery {
        topics: vec![topic],
        limit: 10,
        ..Default::default()
    };
    assert_eq!(
        store
            .articles()
            .list_articles(&by_topic)
            .await
            .expect("list")[0]
            .id,
        fares
    );
    let by_author = ArticleQuery {
        author: Some(ana),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(
        store
            .articles()
            .count_articles(&by_author)
            .await
            .expect("count"),
        1
    );
    let window = ArticleQuery {
        from: Some(1_000),
        until: Some(2_000),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(
        store.articles().list_articles(&window).await.expect("list")[0].id,
        older
    );
    let paged = ArticleQuery {
        limit: 1,
        offset: 2,
        ..Default::default()
    };
    assert_eq!(
        store.articles().list_articles(&paged).await.expect("list")[0].id,
        older
    );

    let article = store
        .articles()
        .published_article("subway-fares-rise")
        .await
        .expect("read")
        .expect("found");
    assert!(article.body_html.contains("<strong>today</strong>"));
    assert_eq!(article.topics[0].slug, "transit");
    assert_eq!(
        store.articles().publication_span().await.expect("span"),
        Some((1_000, 3_000))
    );
    assert!(
        store
            .articles()
            .published_article("unfinished")
            .await
            .expect("read")
            .is_none()
    );
}

#[tokio::test]
async fn publishing_is_refused_while_embeds_do_not_resolve() {
    let db = TestDb::new().await;
    let store = &db.store;
    let body = "Intro.\n\n[[form letters]]\n\nMore.\n\n[[image 999]]\n\n[[pullquote \"Fine.\"]]\n";
    let id = store
        .articles()
        .create_article(&ArticleDraft::new("Write to us", body))
        .await
        .expect("a draft with broken embeds can be saved");
    let err = store.articles().publish_article(id, 10).await.unwrap_err();
    let StoreError::Blocked(blocked) = &err else {
        panic!("expected Blocked, got {err}")
    };
    let lines: Vec<_> = blocked.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [3, 7]);
    assert!(
        err.to_string().contains("no form with the slug `letters`"),
        "{err}"
    );
    assert!(err.to_string().contains("[[image 999]]"), "{err}");

    store
        .forms()
        .create_form(&NewForm {
            slug: "letters".into(),
            title: "Letters to the editor".into(),
            description: String::new(),
            fields: vec![FormField {
                name: "letter".into(),
                label: "Your letter".into(),
                kind: "textarea".into(),
                required: true,
                options: vec![],
            }],
            ..Default::default()
        })
        .await
        .expect("form");
    let image = photo(store, "a.jpg").await;
    let body = format!("Intro.\n\n[[form letters]]\n\n[[image {image}]]\n");
    let id = store
        .articles()
        .create_article(&ArticleDraft::new("Write to us again", &body))
        .await
        .expect("draft");
    store
        .articles()
        .publish_article(id, 10)
        .await
        .expect("now it publishes");

    let syntax = store
        .articles()
        .create_article(&ArticleDraft::new("Broken", "[[gallery 4]]\n"))
        .await
        .expect("draft");
    let err = store
        .articles()
        .publish_article(syntax, 10)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");
    assert!(
        err.to_string().contains("unknown embed kind `gallery`"),
        "{err}"
    );
}

#[tokio::test]
async fn slugs_are_unique_and_may_be_unicode() {
    let db = TestDb::new().await;
    let store = &db.store;
    let news = section(store, "news", None).await;
    published(store, "שלום עולם", news, 5).await;
    let found = store
        .articles()
        .published_article("שלום-עולם")
        .await
        .expect("read");
    assert_eq!(
        found.map(|a| a.summary.headline),
        Some("שלום עולם".to_string())
    );
    let err = store
        .articles()
        .create_article(&ArticleDraft::new("שלום עולם", "again"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Taken { field: "slug", .. }),
        "{err}"
    );
    let again = NewSection {
        slug: "news".into(),
        name: "News again".into(),
        description: String::new(),
        parent_id: None,
        position: 0,
    };
    let err = store.taxonomy().create_section(&again).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Taken { field: "slug", .. }),
        "{err}"
    );
}

#[tokio::test]
async fn notes_are_kept_in_order_and_updates_set_the_updated_time() {
    let db = TestDb::new().await;
    let store = &db.store;
    let news = section(store, "news", None).await;
    let id = published(store, "Bridge reopens", news, 100).await;
    store
        .articles()
        .add_note(
            id,
            &NewNote {
                kind: NoteKind::Correction,
                body: "An earlier version misspelled the bridge.".into(),
                created_at: 200,
            },
        )
        .await
        .expect("note");
    store
        .articles()
        .add_note(
            id,
            &NewNote {
                kind: NoteKind::Update,
                body: "The mayor spoke at the opening.".into(),
                created_at: 300,
            },
        )
        .await
        .expect("note");
    let article = store
        .articles()
        .published_article("bridge-reopens")
        .await
        .expect("read")
        .expect("found");
    let kinds: Vec<_> = article.notes.iter().map(|n| n.kind.as_str()).collect();
    assert_eq!(kinds, ["correction", "update"]);
    assert_eq!(article.summary.updated_at, Some(300));
    assert_eq!(article.summary.published_at, 100);
}

#[tokio::test]
async fn writes_announce_what_they_changed() {
    let db = TestDb::new().await;
    let store = &db.store;
    let news = section(store, "news", None).await;
    let mut changes = store.subscribe();
    let id = published(store, "Ferry service expands", news, 100).await;
    let change = changes.recv().await.expect("a change");
    assert!(change.deps.contains(&Dep::Article(id)));
    assert!(change.deps.contains(&Dep::SectionList(news)));
    assert!(change.deps.contains(&Dep::Latest));
}

#[tokio::test]
async fn pages_form_a_tree_and_reserved_addresses_are_refused() {
    let db = TestDb::new().await;
    let store = &db.store;
    let page = |slug: &str, parent: Option<i64>| NewPage {
        slug: slug.into(),
        parent_id: parent,
        title: slug.into(),
        body_format: broadsheet_core::body::BodyFormat::Markdown,
        body_source: "Text.".into(),
        position: 0,
        publish: true,
    };
    let about = store
        .pages()
        .create_page(&page("about", None))
        .await
        .expect("page");
    store
        .pages()
        .create_page(&page("staff", Some(about)))
        .await
        .expect("child");
    assert!(
        store
            .pages()
            .published_page("about/staff")
            .await
            .expect("read")
            .is_some()
    );
    let err = store
        .pages()
        .create_page(&page("admin", None))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid { field: "slug", .. }));
    let links = store.pages().page_links().await.expect("links");
    assert_eq!(links.len(), 2);
}

/// Rendering has a time budget: a body that takes longer is refused with what to do,
/// and nothing is written. (A body near the size limit takes far longer than a
/// millisecond to render, so it overruns a one-millisecond budget.)
#[tokio::test]
async fn a_body_that_overruns_the_render_budget_is_refused_and_nothing_is_saved() {
    let db = TestDb::new().await;
    let store = db
        .store
        .clone()
        .with_render_budget(std::time::Duration::from_millis(1));
    let long = "Words of an ordinary article, sentence after sentence.\n\n".repeat(15_000);
    let err = store
        .articles()
        .create_article(&ArticleDraft::new("Slow", &long))
        .await
        .unwrap_err();
    match err {
        StoreError::Invalid { field, message } => {
            assert_eq!(field, "body");
            assert!(message.contains("took longer than"), "{message}");
        }
        other => panic!("expected an invalid body, got {other:?}"),
    }
    assert!(
        !db.store
            .articles()
            .article_slug_taken("slow")
            .await
            .expect("read")
    );
    // With the normal budget the same draft saves.
    db.store
        .articles()
        .create_article(&ArticleDraft::new("Slow", &long))
        .await
        .expect("saved");
}

/// A renamed article's old address keeps leading to it: no other article may take
/// that slug (which used to delete the redirect), while the article itself may take
/// its old address back.
#[tokio::test]
async fn a_renamed_articles_old_address_cannot_be_taken_by_another() {
    let db = TestDb::new().await;
    let store = &db.store;
    let original = store
        .articles()
        .create_article(&ArticleDraft::new("Old name", "Text."))
        .await
        .expect("create");
    store
        .articles()
        .publish_article(original, store.now())
        .await
        .expect("publish");
    let mut renamed = ArticleDraft::new("New name", "Text.");
    renamed.slug = Some("new-name".into());
    let version = store
        .articles()
        .save_article(
            original,
            &renamed,
            2,
            None,
            broadsheet_core::article::RevisionKind::Save,
        )
        .await
        .expect("renamed");
    let mut thief = ArticleDraft::new("Something else", "Text.");
    thief.slug = Some("old-name".into());
    let err = store.articles().create_article(&thief).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Taken { field: "slug", message } if message.contains("old address")),
        "{err:?}"
    );
    let other = store
        .articles()
        .create_article(&ArticleDraft::new("Something else", "Text."))
        .await
        .expect("create");
    let err = store
        .articles()
        .save_article(
            other,
            &thief,
            1,
            None,
            broadsheet_core::article::RevisionKind::Save,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Taken { .. }), "{err:?}");
    assert_eq!(
        store
            .articles()
            .article_status_by_slug("old-name")
            .await
            .expect("q")
            .map(|(_, slug)| slug),
        Some("new-name".to_string()),
        "the old address still leads to the renamed article"
    );
    // The article itself may go back to its old name.
    let mut back = ArticleDraft::new("Old name", "Text.");
    back.slug = Some("old-name".into());
    store
        .articles()
        .save_article(
            original,
            &back,
            version,
            None,
            broadsheet_core::article::RevisionKind::Save,
        )
        .await
        .expect("taken back");
}

/// Rate-limit records and failed sign-ins older than a day are pruned.
#[tokio::test]
async fn old_rate_limit_records_are_pruned() {
    let db = TestDb::new().await;
    let start = broadsheet_store::now();
    let store = db
        .store
        .clone()
        .with_clock(broadsheet_store::Clock::manual(start));
    store
        .limits()
        .count_event("comment:client-1", start - 60)
        .await
        .expect("event");
    store
        .users()
        .record_login_failure(&["email:a@example.org".to_string()])
        .await
        .expect("failure");
    assert_eq!(
        store
            .limits()
            .prune_rate_records(86_400)
            .await
            .expect("prune"),
        0
    );
    store.clock().set(start + 2 * 86_400);
    store
        .limits()
        .count_event("comment:client-1", start)
        .await
        .expect("event");
    assert_eq!(
        store
            .limits()
            .prune_rate_records(86_400)
            .await
            .expect("prune"),
        2
    );
    assert_eq!(
        store
            .limits()
            .count_event("comment:client-1", start)
            .await
            .expect("event"),
        2,
        "the recent events stay"
    );
}
