//! Embeds: photos, pull quotes, forms and related-article cards inside an article body.
//!
//! One syntax, for Markdown and HTML bodies alike: a line that holds nothing but
//!
//! ```text
//! [[image 42]]                          media item 42, with its own caption and credit
//! [[image 42 caption="Outside court"]]  ...with a caption for this article
//! [[pullquote "Words said." by="Ana Ortiz"]]
//! [[form letters-to-the-editor]]        the form with that slug
//! [[article council-votes-on-budget]]   a card linking to that article
//! [[newsletter]]                        the newsletter sign-up, all lists
//! [[newsletter breaking-news]]          ...for that list only
//! ```
//!
//! Embeds in fenced code blocks and inline code are text, so the syntax can be documented
//! in an article. Anything else that looks like an embed but is not one (an unknown kind,
//! a bad argument, an embed in the middle of a sentence) is an error with its line
//! number: such a body can be saved as a draft but not published, so raw embed syntax
//! never reaches a reader.

use serde::{Deserialize, Serialize};

/// What an embed asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum EmbedSpec {
    Image {
        media_id: i64,
        caption: Option<String>,
    },
    Pullquote {
        text: String,
        by: Option<String>,
    },
    Form {
        slug: String,
    },
    Article {
        slug: String,
    },
    Newsletter {
        /// One list's slug; `None` offers every list.
        list: Option<String>,
    },
}

impl EmbedSpec {
    pub fn kind(&self) -> &'static str {
        match self {
            EmbedSpec::Image { .. } => "image",
            EmbedSpec::Pullquote { .. } => "pullquote",
            EmbedSpec::Form { .. } => "form",
            EmbedSpec::Article { .. } => "article",
            EmbedSpec::Newsletter { .. } => "newsletter",
        }
    }
}

/// An embed found in a body, with the 1-based line it stands on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Embed {
    pub line: usize,
    pub source: String,
    #[serde(flatten)]
    pub spec: EmbedSpec,
}

/// An embed that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmbedProblem {
    pub line: usize,
    pub source: String,
    pub message: String,
}

impl std::fmt::Display for EmbedProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {} — {}", self.line, self.source, self.message)
    }
}

/// A body with its embeds taken out: each embed line is replaced by a placeholder
/// paragraph that the renderer later turns into a marker.
#[derive(Debug, Clone, Default)]
pub struct ExtractedEmbeds {
    pub text: String,
    pub embeds: Vec<Embed>,
    pub problems: Vec<EmbedProblem>,
}

const PLACEHOLDER_PREFIX: &str = "BROADSHEETEMBED";

/// The placeholder standing in for embed `index` while the body is rendered.
pub fn placeholder(index: usize) -> String {
    format!("{PLACEHOLDER_PREFIX}{index}X")
}

/// The embed index of a placeholder at the start of `text`, and the placeholder's length.
pub fn parse_placeholder(text: &str) -> Option<(usize, usize)> {
    let digits = text.strip_prefix(PLACEHOLDER_PREFIX)?;
    let count = digits.bytes().take_while(u8::is_ascii_digit).count();
    if count == 0 || digits.as_bytes().get(count) != Some(&b'X') {
        return None;
    }
    let index = digits[..count].parse().ok()?;
    Some((index, PLACEHOLDER_PREFIX.len() + count + 1))
}

/// Finds the embeds in a body's source.
pub fn extract(source: &str) -> ExtractedEmbeds {
    let mut out = ExtractedEmbeds {
        text: String::with_capacity(source.len()),
        ..ExtractedEmbeds::default()
    };
    let mut fence: Option<String> = None;
    for (index, line) in source.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim();
        if let Some(marker) = &fence {
            if trimmed.starts_with(marker.as_str()) {
                fence = None;
            }
            push_line(&mut out.text, line);
            continue;
        }
        if let Some(marker) = fence_marker(trimmed) {
            fence = Some(marker);
            push_line(&mut out.text, line);
            continue;
        }
        let whole_line = trimmed.starts_with("[[") && trimmed.ends_with("]]");
        if whole_line && looks_like_embed(&trimmed[2..]) {
            let inner = &trimmed[2..trimmed.len() - 2];
            match parse_spec(inner) {
                Ok(spec) => {
                    let slot = out.embeds.len();
                    out.embeds.push(Embed {
                        line: number,
                        source: trimmed.to_string(),
                        spec,
                    });
                    out.text.push('\n');
                    push_line(&mut out.text, &placeholder(slot));
                    out.text.push('\n');
                }
                Err(message) => {
                    out.problems.push(EmbedProblem {
                        line: number,
                        source: trimmed.to_string(),
                        message,
                    });
                    out.text.push('\n');
                }
            }
            continue;
        }
        if let Some(stray) = stray_embed(line) {
            out.problems.push(EmbedProblem {
                line: number,
                source: stray,
                message: "an embed must stand alone on its own line".to_string(),
            });
        }
        push_line(&mut out.text, line);
    }
    out
}

fn push_line(text: &mut String, line: &str) {
    text.push_str(line);
    text.push('\n');
}

fn fence_marker(trimmed: &str) -> Option<String> {
    for marker in ["```", "~~~"] {
        if trimmed.starts_with(marker) {
            return Some(marker.to_string());
        }
    }
    None
}

/// `[[` followed by a letter: an attempted embed (`[[1]]`-style footnotes are not).
fn looks_like_embed(after_brackets: &str) -> bool {
    after_brackets
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
}

/// An embed written inside running text, outside inline code.
fn stray_embed(line: &str) -> Option<String> {
    let mut in_code = false;
    let mut rest = line;
    let mut outside = String::new();
    while let Some(tick) = rest.find('`') {
        if !in_code {
            outside.push_str(&rest[..tick]);
        }
        in_code = !in_code;
        rest = &rest[tick + 1..];
    }
    if !in_code {
        outside.push_str(rest);
    }
    let start = outside
        .match_indices("[[")
        .map(|(at, _)| at)
        .find(|at| looks_like_embed(&outside[at + 2..]))?;
    let end = outside[start..]
        .find("]]")
        .map(|end| start + end + 2)
        .unwrap_or(outside.len());
    Some(outside[start..end].to_string())
}

/// Words of an embed: bare words, "quoted text" and key="quoted value".
#[derive(Debug, PartialEq)]
enum Arg {
    Bare(String),
    Quoted(String),
    Named(String, String),
}

fn tokenize(inner: &str) -> Result<Vec<Arg>, String> {
    let mut args = Vec::new();
    let mut chars = inner.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c == '"' {
            chars.next();
            args.push(Arg::Quoted(quoted(&mut chars)?));
            continue;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '=' || c == '"' {
                break;
            }
            word.push(c);
            chars.next();
        }
        if chars.peek() == Some(&'=') {
            chars.next();
            if chars.next() != Some('"') {
                return Err(format!("the value of `{word}` must be in double quotes"));
            }
            args.push(Arg::Named(word, quoted(&mut chars)?));
        } else if word.is_empty() {
            return Err("unexpected `\"`".to_string());
        } else {
            args.push(Arg::Bare(word));
        }
    }
    Ok(args)
}

fn quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<String, String> {
    let mut text = String::new();
    loop {
        match chars.next() {
            Some('\\') => match chars.next() {
                Some(escaped) => text.push(escaped),
                None => break,
            },
            Some('"') => return Ok(text),
            Some(c) => text.push(c),
            None => break,
        }
    }
    Err("a quoted text is not closed with `\"`".to_string())
}

const KINDS: &str = "image, pullquote, form, article or newsletter";

fn parse_spec(inner: &str) -> Result<EmbedSpec, String> {
    let mut args = tokenize(inner)?.into_iter();
    let Some(Arg::Bare(kind)) = args.next() else {
        return Err(format!("an embed starts with its kind: {KINDS}"));
    };
    let rest: Vec<Arg> = args.collect();
    let mut positional = Vec::new();
    let mut named = Vec::new();
    for arg in rest {
        match arg {
            Arg::Bare(word) | Arg::Quoted(word) => positional.push(word),
            Arg::Named(key, value) => named.push((key, value)),
        }
    }
    let allow_named = |allowed: &[&str]| -> Result<(), String> {
        match named
            .iter()
            .find(|(key, _)| !allowed.contains(&key.as_str()))
        {
            Some((key, _)) if allowed.is_empty() => {
                Err(format!("`{kind}` takes no `{key}=` option"))
            }
            Some((key, _)) => Err(format!(
                "`{kind}` takes no `{key}=` option (it takes {})",
                allowed.join(", ")
            )),
            None => Ok(()),
        }
    };
    let named_value = |key: &str| {
        named
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, value)| value.clone())
    };
    let one_positional = |what: &str| -> Result<String, String> {
        match positional.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(format!("`{kind}` needs {what}")),
            _ => Err(format!(
                "`{kind}` takes one {what}, found {}",
                positional.len()
            )),
        }
    };
    match kind.as_str() {
        "image" => {
            allow_named(&["caption"])?;
            let id = one_positional("a media item number, e.g. [[image 42]]")?;
            let media_id = id
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .ok_or_else(|| format!("`{id}` is not a media item number"))?;
            Ok(EmbedSpec::Image {
                media_id,
                caption: named_value("caption"),
            })
        }
        "pullquote" => {
            allow_named(&["by"])?;
            let text = one_positional("the quoted words in double quotes")?;
            if text.trim().is_empty() {
                return Err("the pull quote is empty".to_string());
            }
            Ok(EmbedSpec::Pullquote {
                text,
                by: named_value("by"),
            })
        }
        "form" => {
            allow_named(&[])?;
            let slug = one_positional("the form's slug, e.g. [[form letters]]")?;
            Ok(EmbedSpec::Form { slug })
        }
        "article" => {
            allow_named(&[])?;
            let slug = one_positional("the article's slug, e.g. [[article budget-vote]]")?;
            Ok(EmbedSpec::Article { slug })
        }
        "newsletter" => {
            allow_named(&[])?;
            match positional.as_slice() {
                [] => Ok(EmbedSpec::Newsletter { list: None }),
                [list] => Ok(EmbedSpec::Newsletter {
                    list: Some(list.clone()),
                }),
                _ => Err(
                    "`newsletter` takes at most one list's slug, e.g. [[newsletter breaking-news]]"
                        .to_string(),
                ),
            }
        }
        other => Err(format!("unknown embed kind `{other}`; use {KINDS}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_parses() {
        let body = "Intro.\n\n[[image 42 caption=\"At \\\"the\\\" rally\"]]\n\n[[pullquote \"We will rebuild.\" by=\"Ana Ortiz\"]]\n[[form letters]]\n[[article budget-vote]]\n[[newsletter]]\n[[newsletter breaking-news]]\n";
        let out = extract(body);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        let specs: Vec<_> = out
            .embeds
            .iter()
            .map(|e| (e.line, e.spec.clone()))
            .collect();
        assert_eq!(
            specs,
            vec![
                (
                    3,
                    EmbedSpec::Image {
                        media_id: 42,
                        caption: Some("At \"the\" rally".into())
                    }
                ),
                (
                    5,
                    EmbedSpec::Pullquote {
                        text: "We will rebuild.".into(),
                        by: Some("Ana Ortiz".into())
                    }
                ),
                (
                    6,
                    EmbedSpec::Form {
                        slug: "letters".into()
                    }
                ),
                (
                    7,
                    EmbedSpec::Article {
                        slug: "budget-vote".into()
                    }
                ),
                (8, EmbedSpec::Newsletter { list: None }),
                (
                    9,
                    EmbedSpec::Newsletter {
                        list: Some("breaking-news".into())
                    }
                ),
            ]
        );
        assert!(out.text.contains(&placeholder(0)));
        assert!(!out.text.contains("[["));
    }

    #[test]
    fn problems_name_the_line_and_what_to_fix() {
        let body = "one\n[[widget 3]]\n[[image abc]]\n[[form]]\nSee [[form letters]] below.\n[[pullquote \"open]]\n";
        let out = extract(body);
        let lines: Vec<_> = out.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5, 6]);
        assert!(
            out.problems[0]
                .message
                .contains("unknown embed kind `widget`")
        );
        assert!(out.problems[1].message.contains("not a media item number"));
        assert!(out.problems[2].message.contains("needs"));
        assert!(out.problems[3].message.contains("own line"));
        assert_eq!(out.problems[3].source, "[[form letters]]");
        assert!(out.problems[4].message.contains("not closed"));
        // Nothing of a broken embed is left in the text that gets rendered.
        assert!(!out.text.contains("[[widget"));
    }

    #[test]
    fn code_is_left_alone() {
        let body = "Use `[[form letters]]` to embed.\n\n```\n[[image 1]]\n```\n";
        let out = extract(body);
        assert!(out.embeds.is_empty());
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert!(out.text.contains("[[image 1]]"));
    }

    #[test]
    fn footnote_like_brackets_are_text() {
        let out = extract("As noted [[1]] before.\n");
        assert!(out.problems.is_empty());
    }
}
