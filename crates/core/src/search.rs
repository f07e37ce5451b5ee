//! Search: what a reader's typed query means, and how its answers are shown.
//!
//! A query is parsed into words and quoted phrases (a leading `-` leaves a word or
//! phrase out) and only then written in a database's query language, so nothing a
//! reader types — `"`, `*`, `NEAR`, `:`, parentheses, SQL — is ever read as an operator.
//! Both databases get the same meaning: SQLite's FTS5 expression and PostgreSQL's
//! `websearch_to_tsquery` text are written from the same parsed query.

use serde::Serialize;

/// Characters of a query that are read; the rest is ignored (a query is a few words,
/// not a document).
pub const MAX_QUERY_CHARS: usize = 200;
/// Words and phrases a query may hold; later ones are ignored.
pub const MAX_TERMS: usize = 12;
/// Characters of an article's body text that are indexed. PostgreSQL refuses a
/// `tsvector` over 1 MB; the same cap on both databases keeps their answers alike.
pub const MAX_BODY_CHARS: usize = 400_000;

/// Marks the start and end of a matched word in the snippets the databases write.
/// Private-use characters, removed from every indexed text, so they cannot come from an
/// article and the snippet can be escaped first and marked up after.
pub const MARK_START: char = '\u{E000}';
pub const MARK_END: char = '\u{E001}';

/// One thing a query looks for: a word or an exact phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Word(String),
    Phrase(Vec<String>),
}

impl Term {
    fn words(&self) -> &[String] {
        match self {
            Term::Word(word) => std::slice::from_ref(word),
            Term::Phrase(words) => words,
        }
    }
}

/// A parsed query: at least one term to find, and terms to leave out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    include: Vec<Term>,
    exclude: Vec<Term>,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchOrder {
    /// Headline and dek matches weigh most; newer breaks ties.
    #[default]
    Relevance,
    Newest,
}

impl SearchOrder {
    pub fn parse(text: &str) -> Option<SearchOrder> {
        match text {
            "" | "relevance" => Some(SearchOrder::Relevance),
            "newest" => Some(SearchOrder::Newest),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SearchOrder::Relevance => "relevance",
            SearchOrder::Newest => "newest",
        }
    }
}

/// Whether `c` belongs to a word: letters and digits of any script, and the combining
/// marks that Hebrew points and Arabic vowels are written with.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c,
            '\u{0300}'..='\u{036F}'
            | '\u{0591}'..='\u{05C7}'
            | '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06ED}')
}

/// The words of a text, lower-cased, in order.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !is_word_char(c))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

impl SearchQuery {
    /// Reads what a reader typed. `None` when it holds no word to look for (empty,
    /// only punctuation or emoji, or only left-out terms).
    pub fn parse(typed: &str) -> Option<SearchQuery> {
        let typed: String = typed.chars().take(MAX_QUERY_CHARS).collect();
        let mut include = Vec::new();
        let mut exclude = Vec::new();
        let mut rest = typed.as_str();
        let mut at_start = true;
        while include.len() + exclude.len() < MAX_TERMS {
            let before = rest;
            rest = rest.trim_start_matches(|c: char| c != '"' && c != '-' && !is_word_char(c));
            // `-` leaves a term out only where a term starts: "well-known" is two words.
            let at_term_start =
                at_start || before[..before.len() - rest.len()].ends_with(char::is_whitespace);
            at_start = false;
            let Some(first) = rest.chars().next() else {
                break;
            };
            let mut negated = false;
            if first == '-' {
                rest = &rest[1..];
                if !at_term_start {
                    continue;
                }
                match rest.chars().next() {
                    Some(c) if c == '"' || is_word_char(c) => negated = true,
                    _ => continue,
                }
            }
            let term = if let Some(quoted) = rest.strip_prefix('"') {
                // An unbalanced quote runs to the end of the query.
                let (inside, after) = quoted.split_once('"').unwrap_or((quoted, ""));
                rest = after;
                let mut phrase: Vec<String> = words(inside).collect();
                match phrase.len() {
                    0 => continue,
                    1 => Term::Word(phrase.remove(0)),
                    _ => Term::Phrase(phrase),
                }
            } else {
                let end = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
                let word = rest[..end].to_lowercase();
                rest = &rest[end..];
                Term::Word(word)
            };
            let list = if negated { &mut exclude } else { &mut include };
            if !list.contains(&term) {
                list.push(term);
            }
        }
        if include.is_empty() {
            return None;
        }
        Some(SearchQuery { include, exclude })
    }

    /// The words looked for, in order (phrases' words too).
    pub fn included_words(&self) -> impl Iterator<Item = &str> {
        self.include
            .iter()
            .flat_map(Term::words)
            .map(String::as_str)
    }

    /// Every word of the query, looked-for and left-out.
    pub fn every_word(&self) -> impl Iterator<Item = &str> {
        self.include
            .iter()
            .chain(&self.exclude)
            .flat_map(Term::words)
            .map(String::as_str)
    }

    /// The same query with one looked-for word replaced (for "did you mean").
    pub fn replacing(&self, from: &str, to: &str) -> SearchQuery {
        let swap = |word: &String| {
            if word == from {
                to.to_string()
            } else {
                word.clone()
            }
        };
        let include = self
            .include
            .iter()
            .map(|term| match term {
                Term::Word(word) => Term::Word(swap(word)),
                Term::Phrase(words) => Term::Phrase(words.iter().map(swap).collect()),
            })
            .collect();
        SearchQuery {
            include,
            exclude: self.exclude.clone(),
        }
    }

    /// The query as a reader would type it: words, "phrases", -left-out.
    pub fn display(&self) -> String {
        let term = |term: &Term| match term {
            Term::Word(word) => word.clone(),
            Term::Phrase(words) => format!("\"{}\"", words.join(" ")),
        };
        self.include
            .iter()
            .map(term)
            .chain(self.exclude.iter().map(|t| format!("-{}", term(t))))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// An FTS5 expression: every term quoted (so the tokenizer, never the query
    /// parser, reads it), all included terms required, left-out terms after `NOT`.
    /// With `columns`, matches count only in those columns.
    pub fn to_fts5(&self, columns: Option<&[&str]>) -> String {
        let quoted = |term: &Term| format!("\"{}\"", term.words().join(" "));
        let mut expression = self
            .include
            .iter()
            .map(quoted)
            .collect::<Vec<_>>()
            .join(" ");
        for term in &self.exclude {
            expression.push_str(" NOT ");
            expression.push_str(&quoted(term));
        }
        match columns {
            Some(columns) => format!("{{{}}} : ({expression})", columns.join(" ")),
            None => expression,
        }
    }

    /// An FTS5 expression requiring every included term in `columns`.
    pub fn fts5_terms(&self, columns: &[&str]) -> String {
        let quoted = |term: &Term| format!("\"{}\"", term.words().join(" "));
        let terms = self.include.iter().map(quoted).collect::<Vec<_>>();
        format!("{{{}}} : ({})", columns.join(" "), terms.join(" "))
    }

    /// An FTS5 expression matching any left-out term in `columns`, if there is one.
    pub fn fts5_left_out(&self, columns: &[&str]) -> Option<String> {
        if self.exclude.is_empty() {
            return None;
        }
        let quoted = |term: &Term| format!("\"{}\"", term.words().join(" "));
        let terms = self.exclude.iter().map(quoted).collect::<Vec<_>>();
        Some(format!(
            "{{{}}} : ({})",
            columns.join(" "),
            terms.join(" OR ")
        ))
    }

    /// Text for PostgreSQL's `websearch_to_tsquery`, which never fails on any input:
    /// every term quoted (so `or` is a word, not an operator), left-out ones with `-`.
    pub fn to_websearch(&self) -> String {
        let quoted = |term: &Term| format!("\"{}\"", term.words().join(" "));
        self.include
            .iter()
            .map(quoted)
            .chain(self.exclude.iter().map(|t| format!("-{}", quoted(t))))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Text as it is indexed: without the snippet marks, and the body cut to its cap.
pub fn index_text(text: &str, max_chars: usize) -> String {
    text.chars()
        .filter(|c| *c != MARK_START && *c != MARK_END)
        .take(max_chars)
        .collect()
}

/// A snippet from the database as HTML: escaped, with matched words in `<mark>`.
/// A mark left open is closed at the end.
pub fn snippet_html(raw: &str) -> String {
    let mut html = String::with_capacity(raw.len() + 32);
    let mut open = false;
    for c in raw.chars() {
        match c {
            MARK_START if !open => {
                html.push_str("<mark>");
                open = true;
            }
            MARK_END if open => {
                html.push_str("</mark>");
                open = false;
            }
            MARK_START | MARK_END => {}
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            c => html.push(c),
        }
    }
    if open {
        html.push_str("</mark>");
    }
    html
}

/// Words worth suggesting in "did you mean": not numbers, not one or two letters.
pub fn suggestible(word: &str) -> bool {
    let length = word.chars().count();
    (3..=40).contains(&length) && word.chars().any(char::is_alphabetic)
}

/// The known word closest to `typed`, if one is close enough to be a typing slip: one
/// edit away for short words, two for longer ones. Ties go to the earlier candidate.
pub fn closest_word<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let length = typed.chars().count();
    let allowed = if length <= 4 { 1 } else { 2 };
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == typed {
            continue;
        }
        let other = candidate.chars().count();
        if other.abs_diff(length) > allowed {
            continue;
        }
        let distance = strsim::damerau_levenshtein(typed, candidate);
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, word)| word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> SearchQuery {
        SearchQuery::parse(text).expect("a query")
    }

    #[test]
    fn operators_and_punctuation_are_never_read_as_syntax() {
        for typed in [
            "\"unbalanced",
            "a NEAR(b c)",
            "title:budget*",
            "(((",
            "'; DROP TABLE articles; --",
            "^x + y",
        ] {
            let query = SearchQuery::parse(typed);
            let Some(query) = query else { continue };
            let fts = query.to_fts5(None);
            // Every term is a quoted string: the only bare words are NOT operators.
            let unquoted: String = fts
                .split('"')
                .step_by(2)
                .collect::<Vec<_>>()
                .join("")
                .replace("NOT", "");
            assert!(unquoted.trim().is_empty(), "{typed} → {fts}");
        }
        assert_eq!(
            parse("a NEAR(b c)").to_fts5(None),
            "\"a\" \"near\" \"b\" \"c\""
        );
        assert_eq!(parse("\"open ended").to_fts5(None), "\"open ended\"");
        assert_eq!(SearchQuery::parse("!!! 🎉 ---"), None);
        assert_eq!(SearchQuery::parse("-only -left -out"), None);
        assert_eq!(parse("well-known --x").display(), "well known x");
    }

    #[test]
    fn phrases_and_left_out_terms_mean_the_same_on_both_databases() {
        let query = parse("budget \"city council\" -parking or");
        assert_eq!(
            query.to_fts5(None),
            "\"budget\" \"city council\" \"or\" NOT \"parking\""
        );
        assert_eq!(
            query.to_websearch(),
            "\"budget\" \"city council\" \"or\" -\"parking\""
        );
        assert_eq!(
            query.to_fts5(Some(&["headline", "dek"])),
            "{headline dek} : (\"budget\" \"city council\" \"or\" NOT \"parking\")"
        );
        assert_eq!(query.display(), "budget \"city council\" or -parking");
        assert_eq!(
            query.included_words().collect::<Vec<_>>(),
            ["budget", "city", "council", "or"]
        );
    }

    #[test]
    fn long_queries_are_cut_and_scripts_are_kept_word_for_word() {
        let long = "word ".repeat(10_000);
        let query = parse(&long);
        assert_eq!(query.include.len(), 1, "repeats count once");
        let many: String = (0..100).map(|n| format!("w{n} ")).collect();
        assert_eq!(parse(&many).include.len(), MAX_TERMS);
        let mixed = parse("שָׁלוֹם Café السلامُ 🎉 ŁÓDŹ");
        assert_eq!(
            mixed.included_words().collect::<Vec<_>>(),
            ["שָׁלוֹם", "café", "السلامُ", "łódź"]
        );
    }

    #[test]
    fn snippets_are_escaped_before_they_are_marked() {
        let raw = format!("a <b> & {MARK_START}word{MARK_END} \"q\" {MARK_START}open");
        assert_eq!(
            snippet_html(&raw),
            "a &lt;b&gt; &amp; <mark>word</mark> &quot;q&quot; <mark>open</mark>"
        );
        assert_eq!(index_text(&format!("x{MARK_START}y{MARK_END}z"), 10), "xyz");
        assert_eq!(index_text("abcdef", 3), "abc");
    }

    #[test]
    fn a_close_word_is_suggested_only_for_a_typing_slip() {
        let known = ["election", "elections", "council", "cat"];
        assert_eq!(closest_word("electoin", known), Some("election"));
        assert_eq!(closest_word("councel", known), Some("council"));
        assert_eq!(closest_word("cot", known), Some("cat"));
        assert_eq!(closest_word("zebra", known), None);
        assert_eq!(
            closest_word("council", known),
            None,
            "the word itself is no slip"
        );
        assert!(suggestible("vote") && !suggestible("42") && !suggestible("an"));
    }
}
