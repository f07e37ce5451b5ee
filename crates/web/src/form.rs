//! Reading `application/x-www-form-urlencoded` bodies. Each form is a struct declared
//! next to its handler, its fields named as the form's inputs are; repeated keys
//! (checkbox groups, ordered bylines) fill a `Vec`. The shapes fields share are below,
//! for `#[serde(deserialize_with = "...")]`. Forms whose fields editors define read
//! those as [`Pairs`].

use std::collections::BTreeMap;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};

use crate::error::WebError;

/// The largest form body read before a handler: an article form at its limit (form
/// encoding can triple a body's length) with room to spare.
const FORM_LIMIT: usize = 8 * 1024 * 1024;

/// Whether a request carries an `application/x-www-form-urlencoded` body.
pub fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// Reads a form's body into memory, for a layer that must look inside it before the
/// handler does; returns the request to pass on (with the same body) and the bytes.
pub async fn buffered(request: Request) -> Result<(Request, Bytes), Response> {
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, FORM_LIMIT)
        .await
        .map_err(|_| WebError::BadRequest("the form is too large".into()).into_response())?;
    Ok((Request::from_parts(parts, Body::from(bytes.clone())), bytes))
}

/// Reads a form body into `T`. Inputs `T` does not name (the CSRF token, a button
/// another form has) are ignored. A value that does not fit its field comes from a
/// hand-made or outdated form, not from a person typing: a 400 that names the field,
/// with nothing stored.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, WebError> {
    serde_path_to_error::deserialize(serde_html_form::Deserializer::from_bytes(body)).map_err(
        |err| {
            let problem = err.inner();
            WebError::BadRequest(match err.path().iter().next() {
                Some(field) => format!(
                    "the form's “{field}” field {problem}. Reload the page, check that field and send the form again"
                ),
                None => format!(
                    "the form could not be read ({problem}). Reload the page and send it again"
                ),
            })
        },
    )
}

/// Every value sent under the field's name, in order.
fn values<'de, D: Deserializer<'de>>(input: D) -> Result<Vec<String>, D::Error> {
    Vec::<String>::deserialize(input)
}

/// The first value: a field sent twice reads as its first, as browsers' forms never
/// send a one-value field twice and hand-made ones should not fail on it.
fn first<'de, D: Deserializer<'de>>(input: D) -> Result<String, D::Error> {
    Ok(values(input)?.into_iter().next().unwrap_or_default())
}

/// A one-line field: edges trimmed (pasted text often brings spaces along).
pub fn trimmed<'de, D: Deserializer<'de>>(input: D) -> Result<String, D::Error> {
    Ok(first(input)?.trim().to_string())
}

/// A field whose whitespace matters (article bodies, line lists, passwords): as typed,
/// but with browsers' `\r\n` line ends as `\n`, so that a save changes no line end.
pub fn multiline<'de, D: Deserializer<'de>>(input: D) -> Result<String, D::Error> {
    Ok(first(input)?.replace("\r\n", "\n"))
}

/// A checkbox: ticked when sent with a value (an unticked one is not sent at all).
pub fn checkbox<'de, D: Deserializer<'de>>(input: D) -> Result<bool, D::Error> {
    Ok(values(input)?.iter().any(|v| !v.is_empty()))
}

/// A select or hidden input holding one id; empty (a select's "None") is none.
pub fn optional_id<'de, D: Deserializer<'de>>(input: D) -> Result<Option<i64>, D::Error> {
    let text = trimmed(input)?;
    if text.is_empty() {
        return Ok(None);
    }
    id(&text).map(Some)
}

/// A column of text inputs read beside another column (each row's fields in document
/// order): every value trimmed, empty ones kept so that rows stay aligned.
pub fn text_column<'de, D: Deserializer<'de>>(input: D) -> Result<Vec<String>, D::Error> {
    Ok(values(input)?
        .iter()
        .map(|v| v.trim().to_string())
        .collect())
}

/// A group of ids (checkboxes, a row of selects), in order; empty choices (a select
/// left on "—") are skipped.
pub fn ids<'de, D: Deserializer<'de>>(input: D) -> Result<Vec<i64>, D::Error> {
    values(input)?
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map(id)
        .collect()
}

/// A group of text choices (checkboxes), trimmed, empty ones skipped.
pub fn texts<'de, D: Deserializer<'de>>(input: D) -> Result<Vec<String>, D::Error> {
    Ok(values(input)?
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect())
}

fn id<E: serde::de::Error>(text: &str) -> Result<i64, E> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| {
            // The value is echoed so that the sender sees what was wrong; a short one.
            let shown: String = text.chars().take(40).collect();
            let more = if shown.len() < text.len() { "…" } else { "" };
            E::custom(format!(
                "holds “{shown}{more}” where an id (a positive whole number) belongs"
            ))
        })
}

/// A form whose fields editors define, so that no struct can name them: its pairs, as
/// sent.
pub struct Pairs(Vec<(String, String)>);

impl Pairs {
    pub fn parse(body: &[u8]) -> Pairs {
        Pairs(form_urlencoded::parse(body).into_owned().collect())
    }

    /// The first value sent as `name`, untouched.
    pub fn first(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    /// Every field with its value (the last of a repeated name), to fill the form in
    /// again.
    pub fn into_map(self) -> BTreeMap<String, String> {
        self.0.into_iter().collect()
    }
}

/// A query string's values by name, each the first sent and trimmed: how the search page
/// and the API read what they are asked (a name sent twice never fails a request).
pub fn first_values(raw: Option<&str>) -> std::collections::HashMap<String, String> {
    let mut values = std::collections::HashMap::new();
    for (key, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        values
            .entry(key.into_owned())
            .or_insert_with(|| value.trim().to_string());
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Default, Debug, PartialEq)]
    #[serde(default)]
    struct Sample {
        #[serde(deserialize_with = "trimmed")]
        title: String,
        #[serde(deserialize_with = "multiline")]
        body: String,
        #[serde(deserialize_with = "optional_id")]
        section_id: Option<i64>,
        #[serde(deserialize_with = "ids")]
        author_ids: Vec<i64>,
        #[serde(deserialize_with = "texts")]
        calendars: Vec<String>,
        #[serde(deserialize_with = "checkbox")]
        confirm: bool,
    }

    #[test]
    fn fields_read_as_the_newsroom_always_read_them() {
        let form: Sample = parse(
            b"_csrf=t&title=+Fares+rise+&title=second&body=+a%0D%0Ab+&section_id=&author_ids=3&author_ids=&author_ids=+1+&calendars=hebrew&calendars=+&confirm=1",
        )
        .expect("form");
        assert_eq!(
            form,
            Sample {
                title: "Fares rise".into(),
                body: " a\nb ".into(),
                section_id: None,
                author_ids: vec![3, 1],
                calendars: vec!["hebrew".into()],
                confirm: true,
            }
        );
        assert_eq!(parse::<Sample>(b"").expect("empty"), Sample::default());
        let unticked: Sample = parse(b"confirm=").expect("form");
        assert!(!unticked.confirm);
    }

    #[test]
    fn a_value_that_does_not_fit_names_its_field() {
        for body in [
            &b"section_id=abc"[..],
            b"section_id=0",
            b"section_id=-4",
            b"author_ids=2&author_ids=x",
        ] {
            let Err(WebError::BadRequest(message)) = parse::<Sample>(body) else {
                panic!("{body:?} was accepted");
            };
            let field = if body.starts_with(b"section") {
                "“section_id”"
            } else {
                "“author_ids”"
            };
            assert!(message.contains(field), "{message}");
            assert!(message.contains("positive whole number"), "{message}");
        }
        let long = format!("section_id={}", "9".repeat(100));
        let Err(WebError::BadRequest(message)) = parse::<Sample>(long.as_bytes()) else {
            panic!("an id too large for i64 was accepted");
        };
        assert!(message.len() < 300, "{message}");
    }

    #[test]
    fn editor_defined_forms_read_as_pairs() {
        let pairs = Pairs::parse(b"tip=+one+&tip=two&website=");
        assert_eq!(pairs.first("tip").as_deref(), Some(" one "));
        assert_eq!(pairs.first("other"), None);
        assert_eq!(pairs.into_map().get("tip").map(String::as_str), Some("two"));
    }
}
