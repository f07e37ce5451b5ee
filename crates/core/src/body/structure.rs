//! Reading the structure of HTML without building it: the nesting check that runs before
//! the sanitiser's parser (whose time grows with the square of the depth), and the tag
//! reader it shares with the teaser.

use pulldown_cmark::Parser;

use super::{BodyError, BodyFormat, MAX_NESTING, markdown_options};

const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Refuses a body nested deeper than [`MAX_NESTING`], naming the line. Markdown is
/// measured from the parser's own events (plus any raw HTML inside it); HTML by a tag
/// scanner that knows which elements close themselves, so unclosed `<p>` and `<li>` in
/// imported posts do not count as depth. Each step looks at most `MAX_NESTING` entries,
/// so the check is linear in the size of the body.
pub(super) fn check_nesting(source: &str, format: BodyFormat) -> Result<(), BodyError> {
    let line_at = |offset: usize| source[..offset.min(source.len())].matches('\n').count() + 1;
    let mut tags = TagNesting::default();
    match format {
        BodyFormat::Html => tags.scan(source, 0).map_err(|offset| BodyError::TooDeep {
            line: line_at(offset),
        }),
        BodyFormat::Markdown => {
            use pulldown_cmark::Event;
            let mut depth = 0usize;
            for (event, range) in Parser::new_ext(source, markdown_options()).into_offset_iter() {
                match event {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth = depth.saturating_sub(1),
                    Event::Html(html) | Event::InlineHtml(html) => {
                        tags.scan(&html, depth).map_err(|_| BodyError::TooDeep {
                            line: line_at(range.start),
                        })?;
                    }
                    _ => {}
                }
                if depth + tags.depth() > MAX_NESTING {
                    return Err(BodyError::TooDeep {
                        line: line_at(range.start),
                    });
                }
            }
            Ok(())
        }
    }
}

/// The open elements of HTML as a browser would count them, near enough to bound depth:
/// end tags close up to the matching element (a stray one is ignored), and elements
/// whose end tag may be left out close when their next sibling opens.
#[derive(Default)]
struct TagNesting {
    open: Vec<String>,
}

/// Opening one of these closes the nearest open element of its group, unless one of the
/// boundary elements stands in between (HTML's optional end tags).
const CLOSES_OPEN: &[(&[&str], &[&str], &[&str])] = &[
    (&["li"], &["li"], &["ul", "ol", "menu"]),
    (&["dt", "dd"], &["dt", "dd"], &["dl"]),
    (&["tr"], &["tr"], &["table", "thead", "tbody", "tfoot"]),
    (&["td", "th"], &["td", "th"], &["tr", "table"]),
    (
        &["thead", "tbody", "tfoot"],
        &["thead", "tbody", "tfoot"],
        &["table"],
    ),
    (&["option"], &["option"], &["select", "datalist"]),
    (
        &[
            "p",
            "div",
            "ul",
            "ol",
            "dl",
            "blockquote",
            "pre",
            "table",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "section",
            "article",
            "aside",
            "header",
            "footer",
            "nav",
            "figure",
            "figcaption",
            "address",
            "fieldset",
            "form",
            "main",
            "details",
            "hr",
            "menu",
        ],
        &["p"],
        &[
            "table",
            "td",
            "th",
            "caption",
            "button",
            "object",
            "li",
            "dd",
            "dt",
            "blockquote",
            "div",
        ],
    ),
];
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

impl TagNesting {
    fn depth(&self) -> usize {
        self.open.len()
    }

    /// Closes what opening `name` closes without an end tag.
    fn close_implied(&mut self, name: &str) {
        for (openers, group, boundary) in CLOSES_OPEN {
            if !openers.contains(&name) {
                continue;
            }
            for position in (0..self.open.len()).rev() {
                let open = self.open[position].as_str();
                if group.contains(&open) {
                    self.open.truncate(position);
                    break;
                }
                if boundary.contains(&open) {
                    break;
                }
            }
        }
    }

    /// Scans `html`, with `outer` levels of nesting around it; `Err` holds the offset
    /// where the limit was passed.
    fn scan(&mut self, html: &str, outer: usize) -> Result<(), usize> {
        let mut at = 0;
        while let Some(found) = html[at..].find('<') {
            let start = at + found;
            let rest = &html[start..];
            if rest.starts_with("<!--") {
                at = rest.find("-->").map_or(html.len(), |end| start + end + 3);
                continue;
            }
            let tag = Tag::at(html, start);
            at = tag.end;
            if tag.name.is_empty() {
                continue;
            }
            if tag.closing {
                if let Some(position) = self.open.iter().rposition(|open| *open == tag.name) {
                    self.open.truncate(position);
                }
                continue;
            }
            if tag.is_void() {
                continue;
            }
            if RAW_TEXT.contains(&tag.name.as_str()) {
                at = find_end_tag(html, at, &tag.name);
                continue;
            }
            self.close_implied(&tag.name);
            self.open.push(tag.name);
            if outer + self.open.len() > MAX_NESTING {
                return Err(start);
            }
        }
        Ok(())
    }
}

/// Where `</name` next starts at or after `from` (any case), or the end of the text.
fn find_end_tag(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(found) = html[at..].find("</") {
        let start = at + found;
        let name_start = start + 2;
        if bytes
            .get(name_start..name_start + name.len())
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
        {
            return start;
        }
        at = name_start;
    }
    html.len()
}

/// A tag of HTML as the scanners here need it.
pub(super) struct Tag<'a> {
    /// Just after its closing `>` (outside quotes), or the end of the text.
    pub(super) end: usize,
    /// What stands between `<` and `>`.
    inner: &'a str,
    pub(super) closing: bool,
    /// Lower-cased; empty for `<` that starts no tag.
    pub(super) name: String,
}

impl<'a> Tag<'a> {
    pub(super) fn at(html: &'a str, start: usize) -> Tag<'a> {
        let mut quote = None;
        let mut inner_end = html.len();
        let mut end = html.len();
        for (i, &b) in html.as_bytes().iter().enumerate().skip(start + 1) {
            match (quote, b) {
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), b) if b == q => quote = None,
                (None, b'>') => {
                    inner_end = i;
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        let inner = html.get(start + 1..inner_end).unwrap_or("");
        let name = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        Tag {
            end,
            inner,
            closing: inner.starts_with('/'),
            name,
        }
    }

    /// An element with no content or end tag.
    pub(super) fn is_void(&self) -> bool {
        VOID_ELEMENTS.contains(&self.name.as_str()) || self.inner.ends_with('/')
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;

    #[test]
    fn pathological_nesting_is_refused_quickly_with_the_line() {
        let cases = [
            (
                "Intro.\n\n".to_string() + &"- ".repeat(10_000) + "x",
                BodyFormat::Markdown,
                3,
            ),
            (">".repeat(200_000), BodyFormat::Markdown, 1),
            (
                "*".repeat(10_000) + "a" + &"*".repeat(10_000),
                BodyFormat::Markdown,
                1,
            ),
            (
                "<p>ok</p>\n".to_string() + &"<div><blockquote>".repeat(5_000),
                BodyFormat::Html,
                2,
            ),
            (
                "Text\n\n".to_string() + &"<span>".repeat(10_000),
                BodyFormat::Markdown,
                3,
            ),
        ];
        for (source, format, line) in cases {
            let started = std::time::Instant::now();
            let err = render(&source, format).unwrap_err();
            assert_eq!(err, BodyError::TooDeep { line }, "{format:?}");
            assert!(err.to_string().contains("flatten"), "{err}");
            // Generous for a debug build on a loaded machine; before the check this took
            // seconds to minutes.
            assert!(started.elapsed() < std::time::Duration::from_secs(2));
        }
    }

    #[test]
    fn real_structure_is_not_mistaken_for_depth() {
        let nested_list: String = (0..30)
            .map(|level| format!("{}- level {level}\n", "  ".repeat(level)))
            .collect();
        assert!(render(&nested_list, BodyFormat::Markdown).is_ok());
        // Imported posts leave out end tags that HTML lets you leave out.
        let unclosed = "<p>one".to_string()
            + &"<p>more <b>bold</b> text".repeat(5_000)
            + "<ul>"
            + &"<li>item".repeat(5_000)
            + "</ul><table>"
            + &"<tr><td>a<td>b".repeat(2_000)
            + "</table>"
            + "<script>"
            + &"<div>".repeat(500)
            + "</script><p>after";
        let rendered = render(&unclosed, BodyFormat::Html).unwrap();
        assert!(rendered.html.contains("after"));
        let deep_but_fine = "<div>".repeat(90) + "text" + &"</div>".repeat(90);
        assert!(render(&deep_but_fine, BodyFormat::Html).is_ok());
    }
}
