//! Feeds, sitemaps and robots.txt through the real router, on SQLite and (with
//! BROADSHEET_TEST_POSTGRES_URL) PostgreSQL. With BROADSHEET_TEST_PARSERS set (CI sets
//! it), the documents are also read by the parsers the machines out there use: Python's
//! `feedparser` for feeds and `ultimate-sitemap-parser` for sitemaps.

mod common;

use axum::http::StatusCode;
use broadsheet_core::article::RevisionKind;
use broadsheet_store::ArticleDraft;
use common::TestApp;

const PARSERS_ENV: &str = "BROADSHEET_TEST_PARSERS";

/// Saves an article again with `headline`, `slug` and `body` (the rest as it is).
async fn resave(app: &TestApp, id: i64, headline: &str, slug: &str, body: Option<&str>) {
    let article = app
        .store()
        .articles()
        .article_by_id(id)
        .await
        .expect("read")
        .expect("exists");
    let mut draft = ArticleDraft::new(headline, body.unwrap_or(&article.body_source));
    draft.slug = Some(slug.into());
    draft.dek = article.summary.dek.clone();
    draft.section_id = article.summary.section.as_ref().map(|s| s.id);
    draft.author_ids = article.summary.bylines.iter().map(|b| b.id).collect();
    draft.topic_ids = article.topics.iter().map(|t| t.id).collect();
    draft.featured_media_id = article.summary.image.as_ref().map(|m| m.id);
    app.store()
        .articles()
        .save_article(id, &draft, article.version, None, RevisionKind::Save)
        .await
        .expect("saved");
}

/// Every `<guid …>value</guid>` of an RSS document, in order.
fn guids(xml: &str) -> Vec<String> {
    xml.split("<guid")
        .skip(1)
        .filter_map(|rest| rest.split_once('>'))
        .filter_map(|(_, rest)| rest.split_once("</guid>"))
        .map(|(value, _)| value.to_string())
        .collect()
}

/// Runs `script` with python3 on `files` (written to a folder first); panics with its
/// output unless it exits 0. Returns false (and says so loudly) when the parsers are not
/// to be run.
fn python_check(script: &str, files: &[(&str, &str)]) -> bool {
    if std::env::var(PARSERS_ENV).is_err() {
        broadsheet_test_support::loud(&format!(
            "SKIPPED: the feed and sitemap parsers (feedparser, ultimate-sitemap-parser) need \
             {PARSERS_ENV}=1 and `pip install feedparser ultimate-sitemap-parser extruct` (CI does)"
        ));
        return false;
    }
    let folder = tempfile::tempdir().expect("folder");
    for (name, text) in files {
        std::fs::write(folder.path().join(name), text).expect("write");
    }
    let output = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(folder.path())
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "python check failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    true
}

#[tokio::test]
async fn feeds_carry_the_latest_articles_with_ids_an_edit_never_changes() {
    let app = TestApp::new().await;
    let paper = app.with_paper().await;

    let rss = app.get("/feed").await;
    assert_eq!(rss.status, StatusCode::OK);
    assert_eq!(
        rss.header("content-type"),
        "application/rss+xml; charset=utf-8"
    );
    let xml = &rss.body;
    for needle in [
        "<title>Subway fares rise</title>",
        "<description><![CDATA[A quarter more per ride.]]></description>",
        "<description><![CDATA[Summer hours begin.]]></description>",
        "<dc:creator>Ana Ortiz</dc:creator>",
        "<category>Local</category>",
        "<category>Transit</category>",
        "<enclosure url=\"http",
        "type=\"image/jpeg\"",
        "<media:content",
        "rel=\"self\"",
    ] {
        assert!(xml.contains(needle), "{needle} in\n{xml}");
    }
    assert!(
        !xml.contains("<content:encoded>"),
        "summaries only, unless the newsroom chooses whole articles"
    );
    let before = guids(xml);
    assert_eq!(before.len(), 3, "{xml}");
    assert!(before.iter().all(|g| g.starts_with("tag:")), "{before:?}");

    // Conditional GET: the same feed again is a 304.
    let etag = rss.header("etag").to_string();
    let again = app.get_with("/feed", ("if-none-match", &etag)).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());

    // A new headline and slug: the entry keeps its id, the feed changes.
    resave(
        &app,
        paper.lead,
        "Subway fares rise by a quarter",
        "subway-fares-rise-by-a-quarter",
        None,
    )
    .await;
    let edited = app.get_with("/feed", ("if-none-match", &etag)).await;
    assert_eq!(edited.status, StatusCode::OK, "the feed changed");
    assert!(
        edited
            .body
            .contains("<title>Subway fares rise by a quarter</title>")
    );
    assert!(
        edited
            .body
            .contains("subway-fares-rise-by-a-quarter</link>")
    );
    let mut after = guids(&edited.body);
    let mut sorted_before = before.clone();
    after.sort();
    sorted_before.sort();
    assert_eq!(after, sorted_before, "ids survive edits");

    let atom = app.get("/feed/atom").await;
    assert_eq!(atom.status, StatusCode::OK);
    assert_eq!(
        atom.header("content-type"),
        "application/atom+xml; charset=utf-8"
    );
    for needle in [
        "<entry>",
        "<id>tag:",
        "<published>",
        "rel=\"enclosure\"",
        "<name>Ana Ortiz</name>",
    ] {
        assert!(atom.body.contains(needle), "{needle} in\n{}", atom.body);
    }

    for (path, holds, lacks) in [
        (
            "/section/local/feed",
            "by a quarter",
            "Parks stay open late",
        ),
        ("/section/news/feed", "by a quarter", "nothing-lacking"),
        (
            "/topic/transit/feed/atom",
            "by a quarter",
            "Parks stay open late",
        ),
        (
            "/author/ben-cho/feed",
            "by a quarter",
            "Parks stay open late",
        ),
    ] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(reply.body.contains(holds), "{path}: {}", reply.body);
        assert!(!reply.body.contains(lacks), "{path}");
    }
    for path in [
        "/section/nope/feed",
        "/topic/nope/feed/atom",
        "/author/nobody/feed",
    ] {
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let moved = app.get("/rss").await;
    assert_eq!(moved.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(moved.header("location"), "/feed");

    // Pages point feed readers at their feeds.
    let front = app.get("/").await;
    assert!(
        front
            .body
            .contains("<link rel=\"alternate\" type=\"application/rss+xml\"")
    );
    let section = app.get("/section/local").await;
    assert!(
        section.body.contains("/section/local/feed\">"),
        "{}",
        section.body
    );
    let author = app.get("/author/ana-ortiz").await;
    assert!(author.body.contains("/author/ana-ortiz/feed/atom\">"));

    python_check(
        r#"
import sys, pathlib, feedparser
for path in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, (path.name, feed.bozo_exception)
    assert feed.feed.title, path.name
    assert len(feed.entries) >= 1, path.name
    for entry in feed.entries:
        assert entry.id.startswith("tag:"), (path.name, entry.id)
        assert entry.link.startswith("http"), (path.name, entry.link)
        assert entry.title and entry.summary, path.name
        assert entry.published_parsed, path.name
    print(path.name, feed.version, len(feed.entries))
"#,
        &[
            ("site.rss", &edited.body),
            ("site.atom", &atom.body),
            ("section.rss", &app.get("/section/local/feed").await.body),
            (
                "topic.atom",
                &app.get("/topic/transit/feed/atom").await.body,
            ),
        ],
    );
}

#[tokio::test]
async fn whole_articles_go_out_when_the_newsroom_says_so_but_never_a_members_only_one() {
    let app = TestApp::new().await;
    app.with_paper().await;
    let mut locked = ArticleDraft::new("Inside the tunnel", "The SECRET-PART of the story.");
    locked.dek = "What the inspectors found.".into();
    locked.members_only = true;
    app.publish(&locked, common::MIDDAY_2024_03_18 + 60).await;

    let mut settings = app
        .store()
        .settings()
        .site_settings()
        .await
        .expect("settings");
    settings.feed_full_text = true;
    app.store()
        .settings()
        .save_site_settings(&settings)
        .await
        .expect("saved");
    app.app.reload_site().await.expect("reloaded");

    let rss = app.get("/feed").await;
    assert!(rss.body.contains("<content:encoded>"), "{}", rss.body);
    // The embeds are drawn as plain HTML with absolute addresses.
    assert!(
        rss.body.contains("A quarter is a quarter."),
        "the pull quote"
    );
    assert!(rss.body.contains("href=\"http"), "absolute links");
    assert!(!rss.body.contains("[["), "no embed syntax");
    assert!(
        !rss.body.contains("SECRET-PART"),
        "a members-only body never goes out"
    );
    assert!(rss.body.contains("What the inspectors found."));
    let atom = app.get("/feed/atom").await;
    assert!(atom.body.contains("<content type=\"html\">"));
    assert!(!atom.body.contains("SECRET-PART"));
    python_check(
        r#"
import sys, pathlib, feedparser
for path in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, (path.name, feed.bozo_exception)
    whole = [e for e in feed.entries if e.get("content")]
    assert whole, path.name
    for entry in feed.entries:
        for part in entry.get("content", []):
            assert "SECRET-PART" not in part.value
"#,
        &[("whole.rss", &rss.body), ("whole.atom", &atom.body)],
    );
}

#[tokio::test]
async fn sitemaps_list_what_is_published_with_dates_that_move_only_with_the_content() {
    let clock = broadsheet_store::Clock::manual(common::MIDDAY_2024_03_18 + 86_400);
    let app = TestApp::with_clock("", clock.clone()).await;
    let paper = app.with_paper().await;

    let robots = app.get("/robots.txt").await;
    assert_eq!(robots.status, StatusCode::OK);
    assert_eq!(robots.header("content-type"), "text/plain; charset=utf-8");
    for line in [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /account",
        "Disallow: /preview/",
        "Disallow: /search",
        "Sitemap: https://ledger.example/sitemap.xml",
        "Sitemap: https://ledger.example/sitemaps/news.xml",
    ] {
        assert!(
            robots.body.lines().any(|l| l == line),
            "{line} in\n{}",
            robots.body
        );
    }

    let index = app.get("/sitemap.xml").await;
    assert_eq!(index.status, StatusCode::OK);
    assert_eq!(
        index.header("content-type"),
        "application/xml; charset=utf-8"
    );
    for name in [
        "pages.xml",
        "sections.xml",
        "topics.xml",
        "authors.xml",
        "articles-2024-03.xml",
        "news.xml",
    ] {
        assert!(
            index.body.contains(&format!(
                "<loc>https://ledger.example/sitemaps/{name}</loc>"
            )),
            "{name} in\n{}",
            index.body
        );
    }

    let month = app.get("/sitemaps/articles-2024-03.xml").await;
    assert_eq!(month.status, StatusCode::OK);
    let body = &month.body;
    assert_eq!(body.matches("<url>").count(), 3, "{body}");
    assert!(body.contains("<loc>https://ledger.example/2024/03/18/subway-fares-rise</loc>"));
    assert!(body.contains("<image:loc>https://ledger.example/media/street.jpg</image:loc>"));
    let lastmod = |xml: &str, loc: &str| {
        let at = xml.find(loc).expect("the address");
        xml[at..]
            .split_once("<lastmod>")
            .and_then(|(_, rest)| rest.split_once("</lastmod>"))
            .map(|(date, _)| date.to_string())
            .expect("a lastmod")
    };
    let lead = "/2024/03/18/subway-fares-rise</loc>";
    let first = lastmod(body, lead);

    // A comment is not a change of the article: its lastmod stays.
    app.store()
        .articles()
        .edit_article(
            paper.lead,
            &broadsheet_store::ArticleEdit {
                comment_count: Some(5),
                ..Default::default()
            },
        )
        .await
        .expect("count");
    let after_comment = app.get("/sitemaps/articles-2024-03.xml").await;
    assert_eq!(lastmod(&after_comment.body, lead), first);
    // An edit is: the sitemap is drawn again with the new date.
    clock.advance(3_600);
    resave(
        &app,
        paper.other,
        "Parks stay open late",
        "parks-stay-open-late",
        Some("Summer hours begin at six."),
    )
    .await;
    let edited = app.get("/sitemaps/articles-2024-03.xml").await;
    let other = "/2024/03/17/parks-stay-open-late</loc>";
    assert_ne!(
        lastmod(&edited.body, other),
        lastmod(&after_comment.body, other)
    );
    assert_eq!(lastmod(&edited.body, lead), first);

    for (path, holds, lacks) in [
        (
            "/sitemaps/sections.xml",
            "/section/local</loc>",
            "/section/weather<",
        ),
        (
            "/sitemaps/topics.xml",
            "/topic/transit</loc>",
            "<loc></loc>",
        ),
        (
            "/sitemaps/authors.xml",
            "/author/ana-ortiz</loc>",
            "<loc></loc>",
        ),
        (
            "/sitemaps/pages.xml",
            "https://ledger.example/about</loc>",
            "<loc></loc>",
        ),
    ] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(reply.body.contains(holds), "{path}: {}", reply.body);
        assert!(!reply.body.contains(lacks), "{path}: {}", reply.body);
    }
    for path in [
        "/sitemaps/articles-2024-04.xml",
        "/sitemaps/articles-2024-03-2.xml",
        "/sitemaps/articles-2024-03-02.xml",
        "/sitemaps/nothing.xml",
    ] {
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }

    // The news sitemap holds only the last two days.
    let news = app.get("/sitemaps/news.xml").await;
    assert_eq!(news.body.matches("<url>").count(), 1, "{}", news.body);
    assert!(
        news.body
            .contains("<news:title>Subway fares rise</news:title>")
    );
    let fresh = app
        .store()
        .articles()
        .create_article(&ArticleDraft::new("Storm closes the bridge", "Wind."))
        .await
        .expect("draft");
    app.store()
        .articles()
        .publish_article(fresh, app.store().now() - 3600)
        .await
        .expect("published");
    let news = app.get("/sitemaps/news.xml").await;
    assert_eq!(news.body.matches("<url>").count(), 2, "{}", news.body);
    assert!(
        news.body
            .contains("<news:title>Storm closes the bridge</news:title>")
    );
    // Two days on, neither is news any more.
    clock.advance(3 * 86_400);
    let later = app.get("/sitemaps/news.xml").await;
    assert_eq!(later.body.matches("<url>").count(), 0, "{}", later.body);
    assert!(news.body.contains("<news:name>The Test Ledger</news:name>"));

    python_check(
        r#"
import sys, pathlib
from usp.tree import sitemap_from_str
from usp.objects.sitemap import InvalidSitemap
folder = pathlib.Path(sys.argv[1])
for path in sorted(folder.iterdir()):
    sitemap = sitemap_from_str(path.read_text())
    assert not isinstance(sitemap, InvalidSitemap), (path.name, sitemap)
    if path.name == "index.xml":
        subs = [s.url for s in sitemap.sub_sitemaps]
        assert any(u.endswith("/sitemaps/news.xml") for u in subs), subs
        continue
    pages = list(sitemap.all_pages())
    assert pages, path.name
    for page in pages:
        assert page.url.startswith("https://ledger.example/"), page.url
    if path.name == "month.xml":
        assert all(p.last_modified for p in pages), path.name
        assert any(p.images for p in pages), path.name
    if path.name == "news.xml":
        story = pages[0].news_story
        assert story and story.title == "Storm closes the bridge", story
        assert story.publish_date, story
"#,
        &[
            ("index.xml", &app.get("/sitemap.xml").await.body),
            ("month.xml", &after_comment.body),
            ("news.xml", &news.body),
            (
                "sections.xml",
                &app.get("/sitemaps/sections.xml").await.body,
            ),
            ("pages.xml", &app.get("/sitemaps/pages.xml").await.body),
        ],
    );
}

/// The JSON-LD of a page, parsed.
fn json_ld(html: &str) -> serde_json::Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD script")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").expect("its end");
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

#[tokio::test]
async fn pages_describe_themselves_to_search_engines_with_article_images_in_three_shapes() {
    let app = TestApp::new().await;
    app.with_paper().await;
    // A real photo in place of the test paper's placeholder bytes.
    let photo = image::RgbImage::from_fn(1200, 675, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut jpeg = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(photo)
        .write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .expect("jpeg");
    std::fs::write(
        app.app.config.media_dir.join("street.jpg"),
        jpeg.into_inner(),
    )
    .expect("photo");

    let page = app.get("/2024/03/18/subway-fares-rise").await;
    let data = json_ld(&page.body);
    let graph = data["@graph"].as_array().expect("a graph");
    let news = graph
        .iter()
        .find(|n| n["@type"] == "NewsArticle")
        .expect("NewsArticle");
    let images: Vec<&str> = news["image"]
        .as_array()
        .expect("images")
        .iter()
        .filter_map(|i| i.as_str())
        .collect();
    assert_eq!(
        images,
        [
            "https://ledger.example/media/crops/16x9/street.jpg",
            "https://ledger.example/media/crops/4x3/street.jpg",
            "https://ledger.example/media/crops/1x1/street.jpg",
        ]
    );
    assert!(
        news["dateModified"]
            .as_str()
            .is_some_and(|d| d.starts_with("20"))
    );
    assert_eq!(
        news["author"][0]["url"],
        "https://ledger.example/author/ana-ortiz"
    );
    assert_eq!(
        news["publisher"]["logo"]["url"],
        "https://ledger.example/static/favicon.svg"
    );
    let crumbs = graph
        .iter()
        .find(|n| n["@type"] == "BreadcrumbList")
        .expect("breadcrumbs");
    let names: Vec<&str> = crumbs["itemListElement"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["The Test Ledger", "News", "Local", "Subway fares rise"]
    );

    for (ratio, size) in [
        ("16x9", (1200, 675)),
        ("4x3", (900, 675)),
        ("1x1", (675, 675)),
    ] {
        let crop = app.get(&format!("/media/crops/{ratio}/street.jpg")).await;
        assert_eq!(crop.status, StatusCode::OK, "{ratio}");
        assert_eq!(crop.header("content-type"), "image/jpeg");
        let kept = app
            .app
            .config
            .media_dir
            .join(format!("crops/{ratio}/street.jpg"));
        let decoded = image::open(&kept).expect("the crop is kept on disk");
        assert_eq!((decoded.width(), decoded.height()), size, "{ratio}");
    }
    for path in [
        "/media/crops/3x2/street.jpg",
        "/media/crops/1x1/missing.jpg",
        "/media/crops/1x1/../street.jpg",
    ] {
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }

    let section = app.get("/section/local").await;
    let collection = json_ld(&section.body);
    assert_eq!(collection["@type"], "CollectionPage");
    assert_eq!(collection["url"], "https://ledger.example/section/local");
    let author = app.get("/author/ana-ortiz").await;
    let profile = json_ld(&author.body);
    assert_eq!(profile["@type"], "ProfilePage");
    assert_eq!(profile["mainEntity"]["name"], "Ana Ortiz");
    assert_eq!(profile["mainEntity"]["jobTitle"], "Transit reporter");

    python_check(
        r#"
import sys, pathlib, extruct
folder = pathlib.Path(sys.argv[1])
def graph(items):
    for item in items:
        yield from item.get("@graph", [item])
for path in sorted(folder.iterdir()):
    data = extruct.extract(path.read_text(), base_url="https://ledger.example/", syntaxes=["json-ld", "opengraph"], uniform=True)
    nodes = list(graph(data["json-ld"]))
    og = data["opengraph"][0]
    assert og.get("og:title") and og.get("og:url"), (path.name, og)
    if path.name == "article.html":
        news = next(n for n in nodes if n["@type"] == "NewsArticle")
        for field in ["headline", "image", "datePublished", "dateModified", "author", "publisher"]:
            assert news.get(field), (field, news)
        assert len(news["image"]) == 3, news["image"]
        assert all(a.get("url") for a in news["author"]), news["author"]
        assert news["publisher"]["logo"]["url"], news
        crumbs = next(n for n in nodes if n["@type"] == "BreadcrumbList")
        assert len(crumbs["itemListElement"]) == 4, crumbs
        assert og["@type"] == "article", og
        for prop in ["article:published_time", "article:author", "article:section", "article:tag"]:
            assert og.get(prop), (prop, og)
    if path.name == "section.html":
        assert nodes[0]["@type"] == "CollectionPage", nodes
    if path.name == "author.html":
        assert nodes[0]["@type"] == "ProfilePage", nodes
        assert nodes[0]["mainEntity"]["name"] == "Ana Ortiz", nodes
"#,
        &[
            ("article.html", &page.body),
            ("section.html", &section.body),
            ("author.html", &author.body),
        ],
    );
}
