//! Sitemaps (an index, articles by month split at 50,000 addresses, sections, topics,
//! authors, pages, and a Google News sitemap of the last two days) and robots.txt.
//!
//! A `lastmod` is when the listed content last changed — an article's last edit, a
//! list's newest article — never when the sitemap was drawn, so crawlers come back
//! only for what changed. Sitemaps are kept in the page cache like pages and dropped
//! by the writes that change what they list.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use broadsheet_core::change::Dep;
use broadsheet_core::dates::{from_unix, utc_rfc3339};
use broadsheet_core::urls;
use broadsheet_store::SitemapArticle;
use chrono::NaiveDate;
use quick_xml::escape::escape;

use crate::accounts::Viewer;
use crate::app::{App, AppState};
use crate::error::WebError;
use crate::respond::{Rendered, cache_key, cached};

/// Addresses one sitemap may hold (the sitemaps protocol's limit).
pub const URLS_PER_SITEMAP: u64 = 50_000;
/// A news sitemap holds articles of the last two days, at most this many.
const NEWS_WINDOW: i64 = 2 * 86_400;
const NEWS_MAX: u32 = 1_000;

const XML: &str = "application/xml; charset=utf-8";
const URLSET: &str = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
     xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">";
const NEWS_URLSET: &str = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
     xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">";

/// `<url>` with an optional `lastmod` and optional inner elements.
fn url_entry(out: &mut String, loc: &str, lastmod: Option<i64>, inner: &str) {
    out.push_str("<url><loc>");
    out.push_str(&escape(loc));
    out.push_str("</loc>");
    if let Some(at) = lastmod.filter(|at| *at > 0) {
        out.push_str("<lastmod>");
        out.push_str(&utc_rfc3339(at));
        out.push_str("</lastmod>");
    }
    out.push_str(inner);
    out.push_str("</url>");
}

fn article_url(app: &App, article: &SitemapArticle) -> String {
    let path = urls::article_path(
        from_unix(article.published_at),
        &article.slug,
        app.site().time_zone,
    );
    app.absolute(&path)
}

fn xml_page(xml: String, deps: Vec<Dep>, expires_at: i64) -> Rendered {
    Rendered {
        html: xml,
        deps,
        expires_at,
        content_type: XML,
    }
}

pub async fn robots(State(app): State<AppState>) -> Response {
    let base = &app.config.base_url;
    let text = format!(
        "# {name}: what crawlers may read.\n\
         User-agent: *\n\
         Disallow: /admin/\n\
         Disallow: /account\n\
         Disallow: /join\n\
         Disallow: /preview/\n\
         Disallow: /search\n\
         Disallow: /comments/\n\
         Disallow: /subscribe/confirm/\n\
         Disallow: /newsletters/\n\
         Disallow: /altcha/\n\
         \n\
         Sitemap: {base}/sitemap.xml\n\
         Sitemap: {base}/sitemaps/news.xml\n",
        name = app.site().name.replace(['\n', '\r'], " "),
    );
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        text,
    )
        .into_response()
}

/// `/sitemap.xml`: every sitemap of the site with when its content last changed.
pub async fn index(
    State(app): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    viewer: Viewer,
) -> Response {
    cached(&app, &cache_key(&uri), &headers, &viewer, || async {
        let sitemaps = app.store.sitemaps();
        let months = sitemaps.article_months().await?;
        let newest =
            |dated: &[broadsheet_store::Dated]| dated.iter().filter_map(|d| d.last_modified).max();
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
        );
        let mut entry = |name: &str, lastmod: Option<i64>| {
            out.push_str("<sitemap><loc>");
            out.push_str(&escape(app.absolute(&format!("/sitemaps/{name}"))));
            out.push_str("</loc>");
            if let Some(at) = lastmod.filter(|at| *at > 0) {
                out.push_str("<lastmod>");
                out.push_str(&utc_rfc3339(at));
                out.push_str("</lastmod>");
            }
            out.push_str("</sitemap>");
        };
        let newest_article = months.iter().map(|m| m.last_modified).max();
        let pages = sitemaps.pages().await?;
        entry("pages.xml", newest(&pages).max(newest_article));
        entry("sections.xml", newest(&sitemaps.sections().await?));
        entry("topics.xml", newest(&sitemaps.topics().await?));
        entry("authors.xml", newest(&sitemaps.authors().await?));
        for month in &months {
            let parts = month.count.div_ceil(URLS_PER_SITEMAP).max(1);
            for part in 1..=parts {
                let name = if part == 1 {
                    format!("articles-{}.xml", month.month)
                } else {
                    format!("articles-{}-{part}.xml", month.month)
                };
                entry(&name, Some(month.last_modified));
            }
        }
        entry("news.xml", newest_article);
        out.push_str("</sitemapindex>");
        let mut deps = vec![Dep::Latest, Dep::Navigation];
        deps.extend(pages.iter().map(|p| Dep::Page(p.id)));
        Ok(xml_page(out, deps, i64::MAX))
    })
    .await
}

/// What `/sitemaps/{name}` names.
#[derive(Debug, PartialEq, Eq)]
enum Sitemap {
    Pages,
    Sections,
    Topics,
    Authors,
    News,
    /// Articles of a UTC month, part `n` (from 1) of 50,000 addresses each.
    Month {
        first: NaiveDate,
        part: u64,
    },
}

impl Sitemap {
    fn parse(name: &str) -> Option<Sitemap> {
        let stem = name.strip_suffix(".xml")?;
        Some(match stem {
            "pages" => Sitemap::Pages,
            "sections" => Sitemap::Sections,
            "topics" => Sitemap::Topics,
            "authors" => Sitemap::Authors,
            "news" => Sitemap::News,
            _ => {
                let rest = stem.strip_prefix("articles-")?;
                let (month, part) = match rest.len() {
                    7 => (rest, 1),
                    9.. => {
                        let (month, part) = rest.split_at(7);
                        let text = part.strip_prefix('-')?;
                        let part: u64 = text.parse().ok()?;
                        // One spelling per sitemap: part 1 has no number, none has a
                        // leading zero or sign.
                        if part < 2 || text != part.to_string() {
                            return None;
                        }
                        (month, part)
                    }
                    _ => return None,
                };
                let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
                if first.format("%Y-%m").to_string() != month {
                    return None;
                }
                Sitemap::Month { first, part }
            }
        })
    }
}

pub async fn sitemap(
    State(app): State<AppState>,
    Path(name): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    viewer: Viewer,
) -> Response {
    let Some(which) = Sitemap::parse(&name) else {
        return WebError::NotFound.into_response();
    };
    cached(&app, &cache_key(&uri), &headers, &viewer, || {
        draw(&app, which)
    })
    .await
}

async fn draw(app: &App, which: Sitemap) -> Result<Rendered, WebError> {
    let sitemaps = app.store.sitemaps();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let mut deps = vec![Dep::Latest];
    let mut expires_at = i64::MAX;
    match which {
        Sitemap::Pages => {
            out.push_str(URLSET);
            // The front page changes when a new article comes out.
            let newest = sitemaps.newest_publication().await?;
            url_entry(&mut out, &app.absolute("/"), newest, "");
            for page in sitemaps.pages().await? {
                deps.push(Dep::Page(page.id));
                url_entry(
                    &mut out,
                    &app.absolute(&urls::page_path(&page.key)),
                    page.last_modified,
                    "",
                );
            }
            deps.push(Dep::Navigation);
        }
        Sitemap::Sections | Sitemap::Topics | Sitemap::Authors => {
            out.push_str(URLSET);
            let (listed, path): (_, fn(&str) -> String) = match which {
                Sitemap::Sections => (sitemaps.sections().await?, urls::section_path),
                Sitemap::Topics => (sitemaps.topics().await?, urls::topic_path),
                _ => (sitemaps.authors().await?, urls::author_path),
            };
            deps.push(Dep::Navigation);
            // A list with nothing published in it is not worth a crawler's visit.
            for dated in listed.iter().filter(|d| d.last_modified.is_some()) {
                url_entry(
                    &mut out,
                    &app.absolute(&path(&dated.key)),
                    dated.last_modified,
                    "",
                );
            }
        }
        Sitemap::Month { first, part } => {
            out.push_str(URLSET);
            let next = first
                .checked_add_months(chrono::Months::new(1))
                .ok_or(WebError::NotFound)?;
            let seconds = |day: NaiveDate| {
                day.and_hms_opt(0, 0, 0)
                    .map(|t| t.and_utc().timestamp())
                    .unwrap_or(0)
            };
            let articles = sitemaps
                .articles_between(
                    seconds(first),
                    seconds(next),
                    (part - 1) * URLS_PER_SITEMAP,
                    URLS_PER_SITEMAP as u32,
                )
                .await?;
            if articles.is_empty() {
                return Err(WebError::NotFound);
            }
            for article in &articles {
                let image = match &article.image {
                    Some(media) => format!(
                        "<image:image><image:loc>{}</image:loc></image:image>",
                        escape(app.absolute(&urls::media_path(&media.file_for_width(1200))))
                    ),
                    None => String::new(),
                };
                url_entry(
                    &mut out,
                    &article_url(app, article),
                    Some(article.modified_at),
                    &image,
                );
            }
        }
        Sitemap::News => {
            out.push_str(NEWS_URLSET);
            let now = app.store.now();
            let articles = sitemaps.articles_since(now - NEWS_WINDOW, NEWS_MAX).await?;
            let site = app.site();
            let language = &app.config.language;
            for article in &articles {
                let news = format!(
                    "<news:news><news:publication><news:name>{}</news:name>\
                     <news:language>{}</news:language></news:publication>\
                     <news:publication_date>{}</news:publication_date>\
                     <news:title>{}</news:title></news:news>",
                    escape(&site.name),
                    escape(language),
                    utc_rfc3339(article.published_at),
                    escape(&article.headline)
                );
                url_entry(&mut out, &article_url(app, article), None, &news);
            }
            // Drawn again when its oldest article leaves the two days.
            if let Some(oldest) = articles.iter().map(|a| a.published_at).min() {
                expires_at = oldest + NEWS_WINDOW;
            }
        }
    }
    out.push_str("</urlset>");
    Ok(xml_page(out, deps, expires_at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_names_have_one_spelling_each() {
        let month = |y, m, part| Sitemap::Month {
            first: NaiveDate::from_ymd_opt(y, m, 1).expect("date"),
            part,
        };
        assert_eq!(
            Sitemap::parse("articles-2024-03.xml"),
            Some(month(2024, 3, 1))
        );
        assert_eq!(
            Sitemap::parse("articles-2024-03-2.xml"),
            Some(month(2024, 3, 2))
        );
        assert_eq!(Sitemap::parse("news.xml"), Some(Sitemap::News));
        for bad in [
            "articles-2024-03-1.xml",
            "articles-2024-03-02.xml",
            "articles-2024-3.xml",
            "articles-2024-13.xml",
            "articles-2024-03-x.xml",
            "articles-2024-03",
            "other.xml",
            "articles-.xml",
        ] {
            assert_eq!(Sitemap::parse(bad), None, "{bad}");
        }
    }
}
