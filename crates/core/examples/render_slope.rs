//! Render time against body size, for the benchmark (`bench/run.py`, scenario
//! `render`): one JSON object per line on standard output.
//!
//! - `{"kind":"article","bytes":N,"ms":T}` for a realistic Markdown body (paragraphs
//!   with links and emphasis, headings, lists, quotes, embeds) at sizes from 32 KB up
//!   to the size limit; `ms` is the best of several runs;
//! - `{"kind":"refused","case":NAME,"bytes":N,"ms":T,"error":MESSAGE}` for the bodies
//!   that once froze the site (10,000 nested lists, quotes and emphasis; 200 KB of `>`;
//!   a body one byte over the limit), each refused.
//!
//! Run: `cargo run --release -p broadsheet-core --example render_slope`.

use std::time::{Duration, Instant};

use broadsheet_core::body::{self, BodyFormat, MAX_BODY_BYTES};

const BLOCK: &str = "## A heading for the next part\n\n\
The council met on Tuesday to discuss the [budget](https://example.org/budget) for the \
coming year, and *several* members said the plan was **not** what residents had asked for.\n\n\
> \"We cannot keep asking families to pay more,\" said one member.\n\n\
- Roads: repairs on the east side\n- Schools: two new classrooms\n  - one for science\n\n\
[[pullquote \"It is a fair budget.\" by=\"The mayor\"]]\n\n\
The vote is expected next month, after a public hearing at the library.\n\n";

fn body_of(bytes: usize) -> String {
    let mut body = BLOCK.repeat(bytes / BLOCK.len() + 1);
    body.truncate(bytes);
    body
}

fn best_of(runs: usize, source: &str) -> (Duration, Result<body::RenderedBody, body::BodyError>) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        let rendered = body::render(source, BodyFormat::Markdown);
        best = best.min(started.elapsed());
        last = Some(rendered);
    }
    (best, last.expect("at least one run"))
}

fn json_string(text: &str) -> String {
    let escaped: String = text
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            c if c.is_control() => vec![' '],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

fn main() {
    let mut size = 32 * 1024;
    while size <= MAX_BODY_BYTES {
        let source = body_of(size);
        let (took, rendered) = best_of(5, &source);
        if let Err(err) = rendered {
            eprintln!("a {size}-byte article body was refused: {err}");
            std::process::exit(1);
        }
        println!(
            "{{\"kind\":\"article\",\"bytes\":{size},\"ms\":{:.3}}}",
            took.as_secs_f64() * 1000.0
        );
        size *= 2;
    }
    let refused = [
        ("nested-lists", "- ".repeat(10_000) + "x"),
        ("nested-quotes", ">".repeat(200_000)),
        (
            "nested-emphasis",
            "*".repeat(10_000) + "a" + &"*".repeat(10_000),
        ),
        ("one-byte-over", body_of(MAX_BODY_BYTES + 1)),
    ];
    for (case, source) in refused {
        let (took, rendered) = best_of(3, &source);
        let Err(err) = rendered else {
            eprintln!("the {case} body was rendered, not refused");
            std::process::exit(1);
        };
        println!(
            "{{\"kind\":\"refused\",\"case\":\"{case}\",\"bytes\":{},\"ms\":{:.3},\"error\":{}}}",
            source.len(),
            took.as_secs_f64() * 1000.0,
            json_string(&err.to_string())
        );
    }
}
