//! CSV as spreadsheets write and read it (RFC 4180): exports that are safe to open, and
//! imports that say which line is wrong and why.

/// One CSV cell: quoted, and a leading `= + - @`, tab or carriage return neutralised so that a spreadsheet never
/// runs a reader's text as a formula.
pub fn cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}

/// One line of a CSV export, with the line break spreadsheets expect.
pub fn row<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    let mut line = values.into_iter().map(cell).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// A record read from a CSV file, with the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct BadRecord {
    pub line: usize,
    pub message: String,
}

/// Reads CSV text: comma or semicolon separated (whichever the first line uses),
/// quoted fields with doubled quotes and line breaks inside, a byte-order mark ignored.
/// Blank lines are skipped. A quote that never closes is reported on the line it opens;
/// the rest of the file is then unreadable and is not guessed at.
pub fn parse(text: &str) -> (Vec<Record>, Option<BadRecord>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let separator = if first_line.matches(';').count() > first_line.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    loop {
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut ended = false;
        loop {
            let Some(c) = chars.next() else {
                if quoted {
                    return (
                        records,
                        Some(BadRecord {
                            line: start,
                            message: "a quoted value is never closed (a \" is missing)".into(),
                        }),
                    );
                }
                ended = true;
                break;
            };
            match c {
                '"' if quoted => {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                }
                '"' if field.trim().is_empty() => {
                    field.clear();
                    quoted = true;
                }
                '\n' if quoted => {
                    line += 1;
                    field.push('\n');
                }
                // CRLF is one break; a lone CR (old Mac files) is a break of its own.
                '\r' if !quoted && chars.peek() == Some(&'\n') => {}
                '\n' | '\r' if !quoted => {
                    line += 1;
                    break;
                }
                c if c == separator && !quoted => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        let blank = fields.iter().all(|f| f.trim().is_empty());
        if !blank {
            records.push(Record {
                line: start,
                fields: fields.into_iter().map(|f| f.trim().to_string()).collect(),
            });
        }
        if ended {
            return (records, None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_neutralised() {
        assert_eq!(cell("a \"b\", c"), "\"a \"\"b\"\", c\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(row(["a", "b"]), "\"a\",\"b\"\r\n");
    }

    #[test]
    fn records_keep_their_line_numbers() {
        let text = "\u{feff}email,lists\r\nana@example.org,daily-digest\r\n\r\n\"ben, jr@example.org\",\"a\nb\"\nzoe@example.org\n";
        let (records, problem) = parse(text);
        assert_eq!(problem, None);
        let lines: Vec<usize> = records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 4, 6]);
        assert_eq!(records[2].fields, vec!["ben, jr@example.org", "a\nb"]);
        assert_eq!(records[3].fields, vec!["zoe@example.org"]);
    }

    #[test]
    fn semicolons_and_unclosed_quotes() {
        let (records, problem) = parse("email;lists\nana@example.org;x\n\"broken,y\nmore\n");
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].fields, vec!["ana@example.org", "x"]);
        let problem = problem.expect("problem");
        assert_eq!(problem.line, 3);
        assert!(problem.to_string().contains("never closed"));
        let (old_mac, _) = parse("email\rana@example.org\rben@example.org");
        assert_eq!(old_mac.len(), 3);
        assert_eq!(old_mac[2].line, 3);
        let (inside, _) = parse("\"a\r\nb\",c\r\nd");
        assert_eq!(inside[0].fields, vec!["a\r\nb", "c"]);
        assert_eq!(inside[1].line, 3);
        let (quoted, _) = parse("\"say \"\"hi\"\"\",b");
        assert_eq!(quoted[0].fields, vec!["say \"hi\"", "b"]);
    }
}
