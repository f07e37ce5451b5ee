//! Article and page bodies: stored as their source (Markdown or HTML) plus rendered,
//! sanitised HTML. Embeds are kept out of the sanitised HTML as markers
//! (`<!--embed:N-->`) and resolved when the page is drawn, so a photo's new caption
//! shows everywhere it is used and a deleted form renders as nothing.

use std::sync::OnceLock;

use pulldown_cmark::{Options, Parser};
use serde::{Deserialize, Serialize};

use crate::embed::{self, Embed, EmbedProblem};

mod structure;

use structure::{Tag, check_nesting};

/// How a body is written; new articles start in Markdown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyFormat {
    #[default]
    Markdown,
    Html,
}

impl BodyFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            BodyFormat::Markdown => "markdown",
            BodyFormat::Html => "html",
        }
    }

    pub fn parse(text: &str) -> Option<BodyFormat> {
        match text {
            "markdown" => Some(BodyFormat::Markdown),
            "html" => Some(BodyFormat::Html),
            _ => None,
        }
    }
}

/// A rendered body.
#[derive(Debug, Clone)]
pub struct RenderedBody {
    /// Sanitised HTML with `<!--embed:N-->` markers where the embeds go.
    pub html: String,
    pub embeds: Vec<Embed>,
    /// Embeds that are malformed. A body with problems cannot be published.
    pub problems: Vec<EmbedProblem>,
    pub word_count: usize,
}

/// The largest body accepted, in bytes of source. Long-reads run to about 150 KB and
/// WordPress posts with their markup rarely pass 500 KB; past this a body is almost
/// certainly a paste gone wrong, and every save and open would pay for it.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// How deeply lists, quotes, emphasis and tags may sit inside one another. Real articles
/// stay under ten levels and page-builder HTML under forty; the HTML parser behind the
/// sanitiser slows with the square of the depth, so a body nested thousands deep would
/// otherwise hold a CPU for minutes.
pub const MAX_NESTING: usize = 100;

/// Why a body cannot be rendered; each says what the writer should change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    #[error(
        "the body is {size_kb} KB, over the limit of {limit_kb} KB: split it into parts, or move long tables and data into an attachment",
        limit_kb = MAX_BODY_BYTES / 1024
    )]
    TooLong { size_kb: usize },
    #[error(
        "line {line}: lists, quotes, emphasis or tags are nested more than {limit} levels deep here; flatten the structure",
        limit = MAX_NESTING
    )]
    TooDeep { line: usize },
}

/// Renders and sanitises a body. Time and memory grow linearly with the source: the
/// size and nesting limits are checked first, in one pass, before the HTML parser runs.
pub fn render(source: &str, format: BodyFormat) -> Result<RenderedBody, BodyError> {
    if source.len() > MAX_BODY_BYTES {
        return Err(BodyError::TooLong {
            size_kb: source.len().div_ceil(1024),
        });
    }
    check_nesting(source, format)?;
    let extracted = embed::extract(source);
    let unsafe_html = match format {
        BodyFormat::Markdown => markdown_to_html(&extracted.text),
        BodyFormat::Html => extracted.text.clone(),
    };
    let sanitized = sanitize(&unsafe_html);
    let mut problems = extracted.problems;
    let html = place_embeds(&sanitized, &extracted.embeds, &mut problems);
    let word_count = count_words(&html);
    Ok(RenderedBody {
        html,
        embeds: extracted.embeds,
        problems,
        word_count,
    })
}

/// Puts a marker where each embed's placeholder stands in the text, in one pass. A
/// placeholder wrapped in a paragraph of its own is replaced with the paragraph. One that
/// ended up inside a tag (an HTML body with an embed line inside an attribute) or was
/// dropped with an HTML comment cannot be shown: it gets its source back and a problem,
/// so the body can be saved but not published.
fn place_embeds(html: &str, embeds: &[Embed], problems: &mut Vec<EmbedProblem>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut placed = vec![false; embeds.len()];
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    let mut rest = html;
    while let Some(offset) = rest.find(['<', '>', '"', '\'', 'B']) {
        let (before, from) = rest.split_at(offset);
        out.push_str(before);
        let c = from.chars().next().unwrap_or('B');
        if c == 'B' {
            if let Some((index, len)) =
                embed::parse_placeholder(from).filter(|(i, _)| *i < embeds.len())
            {
                if in_tag {
                    out.push_str(&escape_attribute(&embeds[index].source));
                } else {
                    let wrapped = out.ends_with("<p>") && from[len..].starts_with("</p>");
                    if wrapped {
                        out.truncate(out.len() - "<p>".len());
                    }
                    out.push_str(&embed_marker(index));
                    placed[index] = true;
                    rest = &from[len + if wrapped { "</p>".len() } else { 0 }..];
                    continue;
                }
                rest = &from[len..];
                continue;
            }
            out.push('B');
            rest = &from[1..];
            continue;
        }
        match (in_tag, quote, c) {
            (false, _, '<') => in_tag = true,
            (true, None, '>') => in_tag = false,
            (true, None, '"' | '\'') => quote = Some(c),
            (true, Some(q), c) if c == q => quote = None,
            _ => {}
        }
        out.push(c);
        rest = &from[c.len_utf8()..];
    }
    out.push_str(rest);
    for (embed, placed) in embeds.iter().zip(placed) {
        if !placed {
            problems.push(EmbedProblem {
                line: embed.line,
                source: embed.source.clone(),
                message: "this embed is inside an HTML tag or comment, where it cannot be shown; put it on a line of its own between paragraphs".into(),
            });
        }
    }
    out
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;")
}

pub fn embed_marker(index: usize) -> String {
    format!("<!--embed:{index}-->")
}

/// A piece of a rendered body: HTML to print as it is, or the embed to draw in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyPiece<'a> {
    Html(&'a str),
    Embed(usize),
}

/// Splits rendered HTML at its embed markers. Sanitising strips comments from user
/// content, so every marker here was put there by `render`.
pub fn pieces(html: &str) -> Vec<BodyPiece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<!--embed:") {
        let after = &rest[start + "<!--embed:".len()..];
        let Some(end) = after.find("-->") else { break };
        let Ok(index) = after[..end].parse::<usize>() else {
            break;
        };
        if start > 0 {
            pieces.push(BodyPiece::Html(&rest[..start]));
        }
        pieces.push(BodyPiece::Embed(index));
        rest = &after[end + 3..];
    }
    if !rest.is_empty() {
        pieces.push(BodyPiece::Html(rest));
    }
    pieces
}

fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

fn markdown_to_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(text, markdown_options()));
    html
}

/// The one sanitising policy for HTML that did not come from our templates: article
/// bodies, imports, and (later) comments use it or a stricter subset.
pub fn sanitize(html: &str) -> String {
    static POLICY: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    POLICY
        .get_or_init(|| {
            let mut builder = ammonia::Builder::default();
            builder
                .add_tags(["figure", "figcaption", "mark", "section", "aside"])
                .add_tag_attributes("a", ["title"])
                .add_tag_attributes("img", ["loading", "width", "height"])
                .add_tag_attributes("td", ["colspan", "rowspan"])
                .add_tag_attributes("th", ["colspan", "rowspan", "scope"])
                .add_generic_attributes(["lang", "dir"])
                .link_rel(Some("noopener"))
                .url_relative(ammonia::UrlRelative::PassThrough);
            builder
        })
        .clean(html)
        .to_string()
}

/// A reader's comment as HTML: paragraphs and line breaks from the text, and only a
/// small safe subset of markup (emphasis, strong, links marked `nofollow ugc`).
pub fn render_comment(text: &str) -> String {
    static POLICY: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    let paragraphs: Vec<String> = text
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", p.replace('\n', "<br>")))
        .collect();
    POLICY
        .get_or_init(|| {
            let mut builder = ammonia::Builder::empty();
            builder
                .add_tags(["p", "br", "em", "strong", "i", "b", "a"])
                .add_tag_attributes("a", ["href"])
                .url_schemes(std::collections::HashSet::from(["http", "https", "mailto"]))
                .link_rel(Some("nofollow ugc noopener"));
            builder
        })
        .clean(&paragraphs.join(""))
        .to_string()
}

/// The opening of a members-only body that everyone may read: its first `paragraphs`
/// top-level paragraphs (with whatever comes before them, such as a heading), but never
/// more than half of the body's paragraphs, so a short article is not given away whole.
/// `html` is our own sanitised output (every element closed, attributes quoted), so the
/// top level can be found by counting tags.
pub fn teaser(html: &str, paragraphs: usize) -> &str {
    let blocks = top_level_blocks(html);
    let total = blocks.iter().filter(|b| b.is_paragraph).count();
    let keep = paragraphs.min(total / 2);
    if keep == 0 {
        return "";
    }
    blocks
        .iter()
        .filter(|b| b.is_paragraph)
        .nth(keep - 1)
        .map_or("", |b| &html[..b.end])
}

struct Block {
    end: usize,
    is_paragraph: bool,
}

/// Where each top-level element (or embed marker) of sanitised HTML ends.
fn top_level_blocks(html: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    let mut opened = String::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        if html[start..].starts_with("<!--") {
            let end = html[start..]
                .find("-->")
                .map_or(html.len(), |e| start + e + 3);
            if depth == 0 {
                blocks.push(Block {
                    end,
                    is_paragraph: false,
                });
            }
            at = end;
            continue;
        }
        let tag = Tag::at(html, start);
        let end = tag.end;
        if tag.closing {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                blocks.push(Block {
                    end,
                    is_paragraph: opened == "p",
                });
            }
        } else if tag.is_void() {
            if depth == 0 {
                blocks.push(Block {
                    end,
                    is_paragraph: false,
                });
            }
        } else {
            if depth == 0 {
                opened = tag.name;
            }
            depth += 1;
        }
        at = end;
    }
    blocks
}

/// Words of visible text in HTML, for reading time.
pub fn count_words(html: &str) -> usize {
    let mut words = 0;
    let mut in_tag = false;
    let mut in_word = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                in_word = false;
            }
            '>' => in_tag = false,
            _ if in_tag => {}
            c if c.is_alphanumeric() => {
                if !in_word {
                    words += 1;
                }
                in_word = true;
            }
            _ => in_word = false,
        }
    }
    words
}

/// Plain text of HTML (tags dropped, entities of the common kind decoded), for
/// descriptions and search snippets.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if in_tag => {}
            c => text.push(c),
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_teaser_keeps_whole_paragraphs_and_never_half_the_body() {
        let body = render(
            "## Start\n\nOne \"quoted > text\".\n\n> A quote\n\nTwo [link](https://e.x/?a=1&b=2)\n\nThree\n\nFour\n\nFive\n\nSix",
            BodyFormat::Markdown,
        )
        .unwrap();
        let teaser = teaser(&body.html, 2);
        assert!(teaser.starts_with("<h2>Start</h2>"), "{teaser}");
        assert!(teaser.contains("<blockquote>"), "{teaser}");
        assert!(teaser.trim_end().ends_with("</a></p>"), "{teaser}");
        assert!(!teaser.contains("Three"), "{teaser}");
        // Half of the six paragraphs at most, even when more are asked for.
        let most = super::teaser(&body.html, 10);
        assert!(most.contains("Three") && !most.contains("Four"), "{most}");
        assert_eq!(super::teaser("<p>Only one</p>", 3), "");
        let nested = "<div><p>a</p><p>b</p></div><p>c</p><p>d</p><!--embed:0--><p>e</p><p>f</p>";
        assert_eq!(
            super::teaser(nested, 1),
            "<div><p>a</p><p>b</p></div><p>c</p>"
        );
        assert_eq!(
            super::teaser(nested, 2),
            "<div><p>a</p><p>b</p></div><p>c</p><p>d</p>"
        );
        let with_image =
            "<p><img src=\"/a>b.jpg\" alt=\"x\"></p><hr><p>two</p><p>three</p><p>four</p>";
        assert_eq!(
            super::teaser(with_image, 1),
            "<p><img src=\"/a>b.jpg\" alt=\"x\"></p>"
        );
    }

    use super::*;

    #[test]
    fn markdown_renders_and_scripts_do_not_survive() {
        let body = render(
            "Hello *world*.\n\n<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">link</a>",
            BodyFormat::Markdown,
        )
        .unwrap();
        assert!(body.html.contains("<em>world</em>"));
        assert!(!body.html.contains("<script"));
        assert!(!body.html.contains("javascript:"));
        assert!(!body.html.contains("onclick"));
    }

    #[test]
    fn embeds_become_markers_between_paragraphs() {
        let body = render(
            "First.\n\n[[image 7]]\n\nSecond.\n[[pullquote \"Yes.\"]]\nThird.",
            BodyFormat::Markdown,
        )
        .unwrap();
        assert_eq!(body.embeds.len(), 2);
        let pieces = pieces(&body.html);
        assert_eq!(
            pieces
                .iter()
                .filter(|p| matches!(p, BodyPiece::Embed(_)))
                .count(),
            2
        );
        assert!(body.html.contains("<!--embed:0-->"));
        assert!(!body.html.contains("BROADSHEETEMBED"));
        assert!(!body.html.contains("<p><!--embed"));
    }

    #[test]
    fn html_bodies_keep_their_markup_and_lose_comments() {
        let body = render(
            "<p>Imported <strong>post</strong><!--embed:0--></p>\n[[article older-story]]\n",
            BodyFormat::Html,
        )
        .unwrap();
        assert!(body.html.contains("<strong>post</strong>"));
        // A comment written by a user must not become a marker.
        assert_eq!(body.html.matches("<!--embed:").count(), 1);
        assert_eq!(body.embeds.len(), 1);
    }

    #[test]
    fn comments_keep_only_a_small_safe_subset() {
        let html = render_comment(
            "Hello <b>world</b>\n<script>alert(1)</script><img src=x onerror=y>\n\n<a href=\"https://a.example\" onclick=\"x\">link</a> <a href=\"javascript:alert(1)\">bad</a>",
        );
        assert!(html.starts_with("<p>Hello <b>world</b><br>"), "{html}");
        assert!(
            !html.contains("<script")
                && !html.contains("<img")
                && !html.contains("onclick")
                && !html.contains("javascript:"),
            "{html}"
        );
        assert!(html.contains("rel=\"nofollow ugc noopener\""), "{html}");
    }

    #[test]
    fn words_are_counted_and_text_extracted() {
        assert_eq!(count_words("<p>One two</p><p>three</p>"), 3);
        assert_eq!(
            plain_text("<p>Fish &amp; chips</p><p>now</p>"),
            "Fish & chips now"
        );
    }

    #[test]
    fn a_body_at_the_size_limit_renders_and_one_byte_more_is_refused() {
        let paragraph = "Words of an ordinary article, sentence after sentence.\n\n";
        let mut at_limit = paragraph.repeat(MAX_BODY_BYTES / paragraph.len());
        at_limit.push_str(&"x".repeat(MAX_BODY_BYTES - at_limit.len()));
        assert_eq!(at_limit.len(), MAX_BODY_BYTES);
        let rendered = render(&at_limit, BodyFormat::Markdown).unwrap();
        assert!(rendered.word_count > 100_000);
        at_limit.push('x');
        let err = render(&at_limit, BodyFormat::Markdown).unwrap_err();
        assert_eq!(err, BodyError::TooLong { size_kb: 1025 });
        assert!(err.to_string().contains("limit of 1024 KB"), "{err}");
    }

    #[test]
    fn an_embed_inside_a_tag_is_a_problem_not_broken_markup() {
        let body = render(
            "<p>Before</p>\n<img src=\"/a.jpg\" alt=\"\n[[image 7]]\n\">\n<!--\n[[pullquote \"x\"]]\n-->\n[[image 8]]\n<p>After</p>",
            BodyFormat::Html,
        )
        .unwrap();
        assert_eq!(body.html.matches("<!--embed:").count(), 1, "{}", body.html);
        assert!(body.html.contains("<!--embed:2-->"), "{}", body.html);
        let alt_start = body.html.find("alt=\"").unwrap();
        let alt_end = alt_start + 5 + body.html[alt_start + 5..].find('"').unwrap();
        assert!(
            body.html[alt_start..alt_end].contains("[[image 7]]"),
            "{}",
            body.html
        );
        let lines: Vec<usize> = body.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![3, 6]);
    }
}
