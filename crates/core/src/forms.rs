//! Forms that editors define (their fields) and readers send (their answers): the
//! rules for both, as types.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormField {
    /// The submitted name: lower-case letters, digits and underscores.
    pub name: String,
    pub label: String,
    /// text, email, textarea, select or checkbox.
    pub kind: String,
    #[serde(default)]
    pub required: bool,
    /// The choices of a select.
    #[serde(default)]
    pub options: Vec<String>,
}

const FIELD_KINDS: &[&str] = &["text", "email", "textarea", "select", "checkbox"];

/// Reads field definitions, one per line: `name | Label | kind | required | a, b`.
pub fn parse_fields(text: &str) -> Result<Vec<FormField>, String> {
    let mut fields = Vec::new();
    for (index, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        if parts.len() < 3 {
            return Err(format!(
                "line {}: write `name | Label | kind`, optionally `| required | choices`",
                index + 1
            ));
        }
        let required = parts
            .get(3)
            .is_some_and(|p| p.eq_ignore_ascii_case("required"));
        let options = parts
            .get(4)
            .map(|p| {
                p.split(',')
                    .map(|o| o.trim().to_string())
                    .filter(|o| !o.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        fields.push(FormField {
            name: parts[0].to_string(),
            label: parts[1].to_string(),
            kind: parts[2].to_ascii_lowercase(),
            required,
            options,
        });
    }
    Ok(fields)
}

/// Checks a form's fields, naming the first one that is wrong.
pub fn validate_fields(fields: &[FormField]) -> Result<(), String> {
    if fields.is_empty() {
        return Err("a form needs at least one field".into());
    }
    let mut names = std::collections::HashSet::new();
    for (index, field) in fields.iter().enumerate() {
        let number = index + 1;
        let valid_name = !field.name.is_empty()
            && field
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid_name {
            return Err(format!(
                "field {number}: the name `{}` may contain only a-z, 0-9 and _",
                field.name
            ));
        }
        if !names.insert(field.name.as_str()) {
            return Err(format!(
                "field {number}: the name `{}` is used twice",
                field.name
            ));
        }
        if !FIELD_KINDS.contains(&field.kind.as_str()) {
            return Err(format!(
                "field {number}: unknown kind `{}`; use {}",
                field.kind,
                FIELD_KINDS.join(", ")
            ));
        }
        if field.label.trim().is_empty() {
            return Err(format!("field {number}: the label is empty"));
        }
        if field.kind == "select" && field.options.is_empty() {
            return Err(format!("field {number}: a select needs options"));
        }
    }
    Ok(())
}

/// Longest values accepted, by field kind.
const MAX_TEXT: usize = 500;
const MAX_TEXTAREA: usize = 20_000;

/// A reader's answers to a form, checked against its fields: (field name, value) in
/// the form's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers(Vec<(String, String)>);

/// What to fix, by field name.
pub type FieldErrors = BTreeMap<String, String>;

impl Answers {
    /// Checks what a reader sent against the form: required fields, email addresses,
    /// select choices, lengths; an error per field saying what to fix otherwise.
    pub fn parse(
        fields: &[FormField],
        input: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Answers, FieldErrors> {
        check_answers(fields, input).map(Answers)
    }

    pub fn values(&self) -> &[(String, String)] {
        &self.0
    }
}

fn check_answers(
    fields: &[FormField],
    input: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<(String, String)>, FieldErrors> {
    let mut values = Vec::new();
    let mut errors = BTreeMap::new();
    for field in fields {
        let value = input(&field.name).unwrap_or_default();
        let value = if field.kind == "textarea" {
            value.trim().replace("\r\n", "\n")
        } else {
            value.trim().to_string()
        };
        let value = if field.kind == "checkbox" && !value.is_empty() {
            "yes".to_string()
        } else {
            value
        };
        let limit = if field.kind == "textarea" {
            MAX_TEXTAREA
        } else {
            MAX_TEXT
        };
        let problem = if value.is_empty() {
            field.required.then(|| {
                if field.kind == "checkbox" {
                    "tick this box to send the form".to_string()
                } else {
                    "this field is required".to_string()
                }
            })
        } else if value.chars().count() > limit {
            Some(format!("this is longer than {limit} characters"))
        } else if field.kind == "email" {
            crate::email::Email::parse(&value)
                .err()
                .map(|err| err.to_string())
        } else if field.kind == "select" && !field.options.contains(&value) {
            Some("choose one of the options".to_string())
        } else {
            None
        };
        match problem {
            Some(message) => {
                errors.insert(field.name.clone(), message);
            }
            None => values.push((field.name.clone(), value)),
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_checked_against_the_fields() {
        let fields = parse_fields(
            "name | Your name | text | required\nemail | Email | email | required\ntopic | Topic | select | optional | News, Sport\nok | I agree | checkbox | required",
        )
        .expect("fields");
        validate_fields(&fields).expect("valid fields");
        let sent = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let answers = Answers::parse(
            &fields,
            &sent(&[
                ("name", " Ana "),
                ("email", "ana@example.org"),
                ("topic", "Sport"),
                ("ok", "on"),
            ]),
        )
        .expect("answers");
        assert_eq!(
            answers.values(),
            &[
                ("name".to_string(), "Ana".to_string()),
                ("email".to_string(), "ana@example.org".to_string()),
                ("topic".to_string(), "Sport".to_string()),
                ("ok".to_string(), "yes".to_string()),
            ]
        );
        let errors =
            Answers::parse(&fields, &sent(&[("email", "nope"), ("topic", "Cooking")])).unwrap_err();
        assert_eq!(
            errors.keys().map(String::as_str).collect::<Vec<_>>(),
            ["email", "name", "ok", "topic"]
        );
    }
}
