//! The reader site, end to end through the real router, on SQLite and (with
//! BROADSHEET_TEST_POSTGRES_URL) PostgreSQL.

mod common;

use axum::http::StatusCode;
use broadsheet_core::article::NoteKind;
use broadsheet_store::{ArticleDraft, NewNote, Store};
use common::TestApp;

const ARTICLE: &str = "/2024/03/18/subway-fares-rise";

/// Asserts that `needles` appear in `haystack` in this order.
fn in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        match haystack[from..].find(needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("`{needle}` not found after position {from} (in order {needles:?})"),
        }
    }
}

#[tokio::test]
async fn the_article_page_carries_everything_in_reading_order() {
    let app = TestApp::new().await;
    app.with_paper().await;
    let page = app.get(ARTICLE).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    let html = &page.body;
    in_order(
        html,
        &[
            "class=\"masthead-date\"",
            " | ", // the second calendar
            ">Subscribe</a>",
            "class=\"kicker\"><a href=\"/section/local\">Local</a>",
            "<h1 id=\"headline\">Subway fares rise</h1>",
            "<p class=\"dek\">A quarter more per ride.</p>",
            "class=\"avatar\" src=\"/media/ana.jpg\"",
            "<a href=\"/author/ana-ortiz\">Ana Ortiz</a> and <a href=\"/author/ben-cho\">Ben Cho</a>",
            "Published <time datetime=\"2024-03-18T12:00:00-04:00\">March 18, 2024, 12:00 p.m. EDT</time>",
            "Updated <time",
            "0 comments",
            "src=\"/media/street.jpg\" alt=\"Commuters on a platform\"",
            "Riders wait at Canal Street.",
            "Jo Park/The Test Ledger",
            "Fares rise on <strong>Monday</strong>",
            "<blockquote><p>A quarter is a quarter.</p></blockquote>",
            "href=\"/2024/03/15/council-approves-ferry-plan\"",
            "class=\"embed embed-article\"",
            "Send us a tip",
            "Corrections and updates",
            "An earlier version gave the wrong fare.",
            "The board confirmed the date.",
            "href=\"/topic/transit\"",
            "facebook.com/sharer",
            "x.com/intent/post",
            "wa.me",
            "t.me/share",
            "linkedin.com/sharing",
            "mailto:?subject=Subway%20fares%20rise",
            "Copy link",
            "Related coverage",
            "Parks stay open late",
            "Join us",
        ],
    );
    // Share previews and search engines.
    assert!(html.contains(
        "<link rel=\"canonical\" href=\"https://ledger.example/2024/03/18/subway-fares-rise\">"
    ));
    assert!(html.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(html.contains(
        "<meta property=\"og:image\" content=\"https://ledger.example/media/street.jpg\">"
    ));
    assert!(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(html.contains("\"@type\":\"NewsArticle\""));
    // No raw embed syntax, no third-party scripts.
    assert!(!html.contains("[["));
    assert!(!html.contains("<script src=\"http"));
    assert!(
        page.header("content-security-policy")
            .contains("script-src 'self'")
    );
}

#[tokio::test]
async fn a_wrong_date_redirects_to_the_canonical_address() {
    let app = TestApp::new().await;
    app.with_paper().await;
    let page = app.get("/2023/01/01/subway-fares-rise").await;
    assert_eq!(page.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(page.header("location"), ARTICLE);
    let page = app.get("/2024/03/18/subway-fares-rise/").await;
    assert_eq!(page.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(page.header("location"), ARTICLE);
}

#[tokio::test]
async fn unknown_addresses_get_a_themed_404() {
    let app = TestApp::new().await;
    app.with_paper().await;
    for uri in [
        "/no-such-page",
        "/2024/03/18/no-such-story",
        "/section/nope",
        "/topic/nope",
        "/author/nope",
        "/2024/13",
        "/2023/02/29",
        "/99999",
        "/2024/03/18/a/b",
        "/%FF%FE",
        "/media/../Cargo.toml",
        "/static/nope.css",
    ] {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(page.body.contains("The Test Ledger"), "{uri}: themed page");
    }
    let page = app.get("/nothing-here").await;
    assert!(page.body.contains("Page not found"));
}

#[tokio::test]
async fn bad_page_numbers_are_refused_without_a_server_error() {
    let app = TestApp::new().await;
    app.with_paper().await;
    let cases = [
        ("/section/news?page=-1", StatusCode::NOT_FOUND),
        ("/section/news?page=0", StatusCode::NOT_FOUND),
        ("/section/news?page=abc", StatusCode::BAD_REQUEST),
        ("/section/news?page=1.5", StatusCode::BAD_REQUEST),
        (
            "/section/news?page=99999999999999999999",
            StatusCode::NOT_FOUND,
        ),
        ("/section/news?page=2", StatusCode::NOT_FOUND),
        ("/topic/transit?page=x", StatusCode::BAD_REQUEST),
        ("/author/ana-ortiz?page=7", StatusCode::NOT_FOUND),
        ("/2024?page=-5", StatusCode::NOT_FOUND),
        ("/section/news?page=1", StatusCode::OK),
    ];
    for (uri, status) in cases {
        assert_eq!(app.get(uri).await.status, status, "{uri}");
    }
}

#[tokio::test]
async fn lists_show_their_articles_and_empty_ones_say_so() {
    let app = TestApp::new().await;
    app.with_paper().await;
    let section = app.get("/section/news").await;
    assert_eq!(section.status, StatusCode::OK);
    // A parent section lists its subsections' articles too.
    in_order(
        &section.body,
        &[
            "<h1>News</h1>",
            "Subway fares rise",
            "Parks stay open late",
            "Council approves ferry plan",
        ],
    );
    assert!(section.body.contains("href=\"/section/local\""));
    let empty = app.get("/section/weather").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("No articles here yet"));
    let topic = app.get("/topic/transit").await;
    in_order(
        &topic.body,
        &[
            "<h1>Transit</h1>",
            "Subway fares rise",
            "Council approves ferry plan",
        ],
    );
    assert!(!topic.body.contains("Parks stay open late"));
    let author = app.get("/author/ana-ortiz").await;
    in_order(
        &author.body,
        &[
            "Portrait of Ana Ortiz",
            "<h1>Ana Ortiz</h1>",
            "Transit reporter",
            "Ana covers the subway",
            "Subway fares rise",
            "Parks stay open late",
        ],
    );
    let front = app.get("/").await;
    in_order(
        &front.body,
        &[
            "class=\"lead-story\"",
            "Subway fares rise",
            "Parks stay open late",
        ],
    );
}

#[tokio::test]
async fn date_archives_cover_the_papers_days() {
    let app = TestApp::new().await;
    app.with_paper().await;
    let year = app.get("/2024").await;
    assert_eq!(year.status, StatusCode::OK);
    assert!(year.body.contains("Subway fares rise"));
    assert!(year.body.contains("href=\"/2024/03\""));
    let month = app.get("/2024/03").await;
    assert!(month.body.contains("Council approves ferry plan"));
    let day = app.get("/2024/03/18").await;
    assert!(day.body.contains("Monday, March 18th, 2024"));
    assert!(day.body.contains("Subway fares rise"));
    assert!(!day.body.contains("Parks stay open late"));
    let empty_year = app.get("/1999").await;
    assert_eq!(empty_year.status, StatusCode::OK);
    assert!(empty_year.body.contains("No articles here yet"));
}

#[tokio::test]
async fn static_pages_nest_and_embed_forms() {
    let app = TestApp::new().await;
    app.with_paper().await;
    let about = app.get("/about").await;
    assert_eq!(about.status, StatusCode::OK);
    in_order(
        &about.body,
        &[
            "<h1>About us</h1>",
            "<em>test</em>",
            "Send us a tip",
            "href=\"/about/staff\"",
        ],
    );
    assert_eq!(app.get("/about/staff").await.status, StatusCode::OK);
    // Footer navigation lists top-level pages.
    assert!(
        app.get("/")
            .await
            .body
            .contains("href=\"/about\">About us</a>")
    );
}

#[tokio::test]
async fn unicode_slugs_are_readable_addresses() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;
    let mut draft = ArticleDraft::new("שלום עולם", "גוף הכתבה.\n");
    draft.section_id = Some(paper.news);
    let id = app
        .store()
        .articles()
        .create_article(&draft)
        .await
        .expect("draft");
    app.store()
        .articles()
        .publish_article(id, common::MIDDAY_2024_03_18)
        .await
        .expect("publish");
    let encoded = "/2024/03/18/%D7%A9%D7%9C%D7%95%D7%9D-%D7%A2%D7%95%D7%9C%D7%9D";
    let page = app.get(encoded).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<h1 id=\"headline\">שלום עולם</h1>"));
    assert!(
        page.body
            .contains(&format!("href=\"https://ledger.example{encoded}\""))
    );
}

#[tokio::test]
async fn markup_in_a_headline_is_shown_as_text() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;
    let mut draft = ArticleDraft::new(
        "Hello <script>alert(1)</script> & \"friends\"",
        "Body <script>alert(2)</script>\n",
    );
    draft.slug = Some("xss-check".into());
    draft.section_id = Some(paper.news);
    let id = app
        .store()
        .articles()
        .create_article(&draft)
        .await
        .expect("draft");
    app.store()
        .articles()
        .publish_article(id, common::MIDDAY_2024_03_18)
        .await
        .expect("publish");
    let page = app.get("/2024/03/18/xss-check").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;")
    );
    assert!(!page.body.contains("<script>alert"));
    // JSON-LD cannot be broken out of either.
    assert!(!page.body.contains("</script>alert"));
}

#[tokio::test]
async fn conditional_requests_get_304() {
    let app = TestApp::new().await;
    app.with_paper().await;
    let first = app.get(ARTICLE).await;
    let etag = first.header("etag").to_string();
    assert!(etag.starts_with('"'));
    assert!(!first.header("last-modified").is_empty());
    let again = app.get_with(ARTICLE, ("if-none-match", &etag)).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    let since = app
        .get_with(
            ARTICLE,
            ("if-modified-since", first.header("last-modified")),
        )
        .await;
    assert_eq!(since.status, StatusCode::NOT_MODIFIED);
    let stale = app.get_with(ARTICLE, ("if-none-match", "\"other\"")).await;
    assert_eq!(stale.status, StatusCode::OK);
}

#[tokio::test]
async fn a_write_drops_exactly_the_pages_that_show_it() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;
    // The set-up writes were this node's own: following the log drops nothing more.
    app.app.0.follow_once().await.expect("change log");
    let now = broadsheet_store::now();
    for uri in [
        ARTICLE,
        "/2024/03/17/parks-stay-open-late",
        "/about",
        "/topic/transit",
    ] {
        assert_eq!(app.get(uri).await.status, StatusCode::OK, "{uri}");
    }
    assert!(
        app.app.cache.get(ARTICLE, now).is_some(),
        "the article page is cached"
    );
    app.store()
        .articles()
        .add_note(
            paper.lead,
            &NewNote {
                kind: NoteKind::Correction,
                body: "A second correction.".into(),
                created_at: now,
            },
        )
        .await
        .expect("note");
    assert!(
        app.app.cache.get(ARTICLE, now).is_none(),
        "the corrected article was dropped"
    );
    assert!(
        app.app.cache.get("/about", now).is_some(),
        "an unrelated page stays cached"
    );
    assert!(app.get(ARTICLE).await.body.contains("A second correction."));
}

#[tokio::test]
async fn writes_by_another_process_reach_this_nodes_cache() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;
    let now = broadsheet_store::now();
    assert!(app.get(ARTICLE).await.status.is_success());
    let other_node = Store::connect(&app.db.url)
        .await
        .expect("second connection");
    other_node
        .articles()
        .add_note(
            paper.lead,
            &NewNote {
                kind: NoteKind::Update,
                body: "Written elsewhere.".into(),
                created_at: now,
            },
        )
        .await
        .expect("note from elsewhere");
    app.app.0.follow_once().await.expect("change log");
    assert!(
        app.app.cache.get(ARTICLE, now).is_none(),
        "the page cached on this node was dropped"
    );
    assert!(app.get(ARTICLE).await.body.contains("Written elsewhere."));
}

#[tokio::test]
async fn right_to_left_sites_say_so() {
    let app = TestApp::with_settings("language = \"he\"").await;
    app.with_paper().await;
    let page = app.get("/").await;
    assert!(
        page.body
            .starts_with("<!DOCTYPE html>\n<html lang=\"he\" dir=\"rtl\">")
    );
}

#[tokio::test]
async fn the_masthead_shows_both_calendars() {
    let app = TestApp::new().await;
    let page = app.get("/").await;
    let start = page.body.find("class=\"masthead-date\"").expect("masthead");
    let line = &page.body[start..start + 200];
    let hebrew_months = [
        "Tishrei", "Cheshvan", "Kislev", "Tevet", "Shevat", "Adar", "Nisan", "Iyar", "Sivan",
        "Tamuz", "Av", "Elul",
    ];
    assert!(hebrew_months.iter().any(|m| line.contains(m)), "{line}");
    assert!(line.contains(" | "));
}

#[tokio::test]
async fn a_site_template_overrides_the_theme() {
    let app = TestApp::new().await;
    app.with_paper().await;
    let templates = app.path().join("templates");
    std::fs::create_dir_all(&templates).expect("mkdir");
    std::fs::write(
        templates.join("error.html"),
        "{% extends \"base.html\" %}{% block content %}<p>Custom missing page: {{ title }}</p>{% endblock %}",
    )
    .expect("write");
    app.app.renderer.reload().expect("reload");
    let page = app.get("/nothing").await;
    assert!(
        page.body.contains("Custom missing page: Page not found"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn media_and_theme_files_are_served() {
    let app = TestApp::new().await;
    app.with_paper().await;
    let photo = app.get("/media/street.jpg").await;
    assert_eq!(photo.status, StatusCode::OK);
    assert_eq!(photo.header("content-type"), "image/jpeg");
    let css = app.get("/static/style.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.header("content-type").starts_with("text/css"));
    assert_eq!(
        app.get("/media/.hidden").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn readers_search_from_every_page_with_filters_pages_and_a_suggestion_for_a_slip() {
    let app = TestApp::new().await;
    app.with_paper().await;
    let front = app.get("/").await;
    assert!(
        front
            .body
            .contains("role=\"search\" method=\"get\" action=\"/search\""),
        "a search box in the masthead"
    );

    let found = app.get("/search?q=fares").await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(
        found.body.contains(&format!("href=\"{ARTICLE}\"")),
        "{}",
        found.body
    );
    assert!(
        found.body.contains("<mark>fares</mark>"),
        "the match is marked"
    );
    assert!(found.body.contains("1 article found"), "the count");
    assert!(
        found
            .body
            .contains("<meta name=\"robots\" content=\"noindex\">")
    );
    assert_eq!(found.header("cache-control"), "private, no-store");

    let filtered = app.get("/search?q=fares&section=weather").await;
    assert_eq!(filtered.status, StatusCode::OK);
    assert!(
        filtered.body.contains("No articles found"),
        "{}",
        filtered.body
    );
    assert!(filtered.body.contains("with these filters"));
    let newest = app.get("/search?q=council+OR+parks&order=newest").await;
    assert_eq!(newest.status, StatusCode::OK);

    for (uri, says) in [
        ("/search?q=fares&section=nope", "There is no section “nope”"),
        (
            "/search?q=fares&author=nobody",
            "There is no author “nobody”",
        ),
        (
            "/search?q=fares&from=2024-13-01",
            "write it as year-month-day",
        ),
        ("/search?q=fares&from=2024-03-20&to=2024-03-01", "swap them"),
        (
            "/search?q=fares&order=random",
            "relevance or by newest first",
        ),
    ] {
        let reply = app.get(uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(reply.body.contains(says), "{uri}: {}", reply.body);
        assert!(
            reply.body.contains("id=\"search-q\""),
            "{uri}: the form is shown again"
        );
    }

    let slip = app.get("/search?q=farse").await;
    assert!(
        slip.body
            .contains("Did you mean <a href=\"/search?q=fares\">fares</a>?"),
        "{}",
        slip.body
    );

    assert_eq!(
        app.get("/search?q=fares&page=9").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/search?q=fares&page=abc").await.status,
        StatusCode::BAD_REQUEST
    );
    let long = "fares ".repeat(2_000);
    for typed in [
        "\"fares",
        "fares*",
        "NEAR(fares rise)",
        "title:fares",
        "(((",
        "'; DROP TABLE articles; --",
        "the of and",
        "🎉",
        "שלום مرحبا fares",
        long.as_str(),
    ] {
        let uri = format!(
            "/search?{}",
            form_urlencoded::Serializer::new(String::new())
                .append_pair("q", typed)
                .finish()
        );
        let reply = app.get(&uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{typed:?}: {}", reply.body);
        assert!(!reply.body.contains("fts5") && !reply.body.contains("syntax error"));
    }
    let only_symbols = app.get("/search?q=%F0%9F%8E%89").await;
    assert!(only_symbols.body.contains("Type a word to search for"));
}

#[tokio::test]
async fn a_running_story_reads_as_a_timeline_with_its_explainer_and_key_moments() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;
    let (mut editor, _) = app
        .signed_in("editor@example.org", broadsheet_core::role::Role::Editor)
        .await;
    // The transit topic has the ferry plan (15 March) and the fare rise (18 March).
    let topic = paper.transit;
    let page = editor.get(&format!("/admin/topics/{topic}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Subway fares rise")
            && page.body.contains("Council approves ferry plan")
    );
    let list = editor.get("/admin/topics").await;
    assert!(list.body.contains(&format!("/admin/topics/{topic}")));

    // Not a timeline yet: a list, and articles do not point to it.
    let article = app.get(ARTICLE).await;
    assert!(!article.body.contains("The story so far"));

    // A key moment on an article of another topic is refused, and nothing is saved.
    let refused = editor
        .post(
            &format!("/admin/topics/{topic}"),
            &[
                ("timeline", "1"),
                ("moment_article", &paper.other.to_string()),
                ("moment_label", "Not ours"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("a key moment must be an article of this topic")
    );
    assert!(refused.body.contains("value=\"Not ours\"") || refused.body.contains("checked"));
    let too_long = "x".repeat(81);
    let refused = editor
        .post(
            &format!("/admin/topics/{topic}"),
            &[
                ("timeline", "1"),
                ("moment_article", &paper.lead.to_string()),
                ("moment_label", &too_long),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("at most 80 characters"));
    assert!(
        !app.get("/topic/transit")
            .await
            .body
            .contains("The story so far")
    );

    let saved = editor
        .post(
            &format!("/admin/topics/{topic}"),
            &[
                ("timeline", "1"),
                ("explainer_id", &paper.older.to_string()),
                ("moment_article", &paper.older.to_string()),
                ("moment_label", ""),
                ("moment_article", &paper.lead.to_string()),
                ("moment_label", "Fares go up"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    let timeline = app.get("/topic/transit").await;
    assert_eq!(timeline.status, StatusCode::OK);
    in_order(
        &timeline.body,
        &[
            "The story so far",
            "Start here",
            "Council approves ferry plan",
            "class=\"timeline\"",
            "Council approves ferry plan",
            "Fares go up",
            "Subway fares rise",
            "A quarter more per ride.",
        ],
    );
    // Its articles now point to it, at once (the cached article page was dropped).
    let article = app.get(ARTICLE).await;
    assert!(
        article.body.contains("The story so far: Transit"),
        "{}",
        article.body
    );
    assert!(article.body.contains("href=\"/topic/transit\""));

    // Switched off again: a list, newest first.
    editor
        .post(&format!("/admin/topics/{topic}"), &[("explainer_id", "")])
        .await;
    let list = app.get("/topic/transit").await;
    assert!(!list.body.contains("class=\"timeline\""));
    assert!(!app.get(ARTICLE).await.body.contains("The story so far"));
}
