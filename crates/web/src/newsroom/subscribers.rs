//! The subscribers screen: search and filter by status, export to CSV, and import a CSV
//! from another newsletter service with a report of every row that was not taken.
//! Subscribers' addresses are personal data: administrators only.

use std::collections::HashMap;

use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use broadsheet_core::csv;
use broadsheet_core::email::Email;
use broadsheet_core::role::Capability;
use broadsheet_render::Value;
use broadsheet_store::{Imported, NewsletterList, SubscriberQuery};
use serde::{Deserialize, Serialize};

use super::{Desk, Staff};
use crate::app::AppState;
use crate::error::WebError;

const PER_PAGE: i64 = 50;
/// The largest file an import takes (about 100,000 addresses).
pub const IMPORT_LIMIT: usize = 5 * 1024 * 1024;
const IMPORT_ROWS: usize = 100_000;
const STATUSES: [&str; 3] = ["confirmed", "pending", "unsubscribed"];

#[derive(Deserialize, Default, Clone)]
pub struct ListQuery {
    q: Option<String>,
    status: Option<String>,
    page: Option<i64>,
}

impl ListQuery {
    fn filter(&self) -> SubscriberQuery {
        SubscriberQuery {
            search: self.q.clone().unwrap_or_default(),
            status: self
                .status
                .clone()
                .filter(|s| STATUSES.contains(&s.as_str())),
            limit: PER_PAGE,
            offset: (self.page.unwrap_or(1).clamp(1, 1_000_000) - 1) * PER_PAGE,
        }
    }
}

/// A row of an import that was not taken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    pub line: usize,
    pub value: String,
    pub reason: String,
}

/// An import as planned from the file, before anything is stored.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    /// (line, address, lists)
    pub rows: Vec<(usize, String, Vec<i64>)>,
    pub rejected: Vec<Rejected>,
}

/// Reads an import file: a column `email` (or the first column), and optionally a
/// column `lists` with list slugs separated by spaces, `;` or `|`. Rows without lists
/// get `default_lists`. Every row that cannot be taken is reported with its line.
pub fn plan_import(text: &str, lists: &[NewsletterList], default_lists: &[i64]) -> ImportPlan {
    let (records, broken) = csv::parse(text);
    let mut plan = ImportPlan::default();
    let mut records = records.into_iter().peekable();
    let header = records.peek().map(|r| {
        r.fields
            .iter()
            .map(|f| f.to_lowercase())
            .collect::<Vec<_>>()
    });
    let (email_column, lists_column) = match &header {
        Some(names) if names.iter().any(|n| n == "email" || n == "email address") => {
            records.next();
            (
                names
                    .iter()
                    .position(|n| n == "email" || n == "email address")
                    .unwrap_or(0),
                names.iter().position(|n| n == "lists"),
            )
        }
        _ => (0, None),
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for record in records {
        let value = record.fields.get(email_column).cloned().unwrap_or_default();
        let reject = |reason: String| Rejected {
            line: record.line,
            value: value.clone(),
            reason,
        };
        if plan.rows.len() >= IMPORT_ROWS {
            plan.rejected.push(reject(format!(
                "more than {IMPORT_ROWS} rows: import the rest in another file"
            )));
            break;
        }
        let email = match Email::parse(&value) {
            Ok(email) => email.key(),
            Err(err) => {
                plan.rejected.push(reject(err.to_string()));
                continue;
            }
        };
        if let Some(first) = seen.get(&email) {
            plan.rejected
                .push(reject(format!("the same address as line {first}")));
            continue;
        }
        let wanted = lists_column
            .and_then(|column| record.fields.get(column))
            .map(|cell| {
                cell.split([' ', ';', '|', ','])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let mut ids = Vec::new();
        let mut unknown = None;
        for slug in &wanted {
            match lists.iter().find(|l| l.slug == *slug) {
                Some(list) => ids.push(list.id),
                None => unknown = Some(slug.clone()),
            }
        }
        if let Some(slug) = unknown {
            let known: Vec<&str> = lists.iter().map(|l| l.slug.as_str()).collect();
            plan.rejected.push(reject(format!(
                "there is no newsletter `{slug}` (there are: {})",
                known.join(", ")
            )));
            continue;
        }
        if ids.is_empty() {
            ids = default_lists.to_vec();
        }
        if ids.is_empty() {
            plan.rejected.push(reject(
                "no newsletter for this address: fill its lists column or tick newsletters for the import".into(),
            ));
            continue;
        }
        seen.insert(email.clone(), record.line);
        plan.rows.push((record.line, email, ids));
    }
    if let Some(broken) = broken {
        plan.rejected.push(Rejected {
            line: broken.line,
            value: String::new(),
            reason: format!(
                "{} — this line and the rest of the file were not read",
                broken.message
            ),
        });
    }
    plan
}

#[derive(Serialize, Default)]
struct Report {
    created: usize,
    /// Waiting for confirmation before, confirmed now.
    confirmed: usize,
    /// Already subscribed: their own choice of newsletters is kept.
    kept: usize,
    rejected: Vec<Rejected>,
}

async fn list_screen(
    desk: &Desk,
    query: &ListQuery,
    report: Option<Report>,
    problem: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let Desk { app, .. } = desk;
    let filter = query.filter();
    let (subscribers, total) = app.store.newsletters().subscribers(&filter).await?;
    let page = filter.offset / PER_PAGE + 1;
    let pages = (total + PER_PAGE - 1) / PER_PAGE;
    let export = {
        let mut url = form_urlencoded::Serializer::new(String::new());
        url.append_pair("q", &filter.search);
        url.append_pair("status", filter.status.as_deref().unwrap_or(""));
        url.finish()
    };
    let context = broadsheet_render::context! {
        subscribers => Value::from_serialize(&subscribers),
        total => total,
        counts => Value::from_serialize(app.store.newsletters().subscriber_counts().await?),
        lists => Value::from_serialize(app.store.newsletters().newsletter_lists().await?),
        q => &filter.search,
        status => filter.status.as_deref().unwrap_or(""),
        statuses => STATUSES,
        page => page,
        pages => pages,
        export_query => export,
        report => Value::from_serialize(&report),
        problem => problem,
    };
    Ok((
        status,
        desk.screen("subscribers.html", "subscribers", context)?,
    )
        .into_response())
}

pub async fn list(desk: Desk, Query(query): Query<ListQuery>) -> Result<Response, WebError> {
    let Desk { staff, .. } = &desk;
    staff.require(Capability::Administer)?;
    list_screen(&desk, &query, None, None, StatusCode::OK).await
}

pub async fn export(
    State(app): State<AppState>,
    staff: Staff,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    staff.require(Capability::Administer)?;
    let mut filter = query.filter();
    filter.limit = i64::MAX;
    filter.offset = 0;
    let (subscribers, _) = app.store.newsletters().subscribers(&filter).await?;
    let time = |at: Option<i64>| {
        at.map(|at| broadsheet_core::dates::from_unix(at).to_rfc3339())
            .unwrap_or_default()
    };
    let mut out = csv::row([
        "email",
        "status",
        "lists",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]);
    for s in &subscribers {
        out.push_str(&csv::row([
            s.email.as_str(),
            s.status.as_str(),
            &s.lists.join(" "),
            &time(Some(s.created_at)),
            &time(s.confirmed_at),
            &time(s.unsubscribed_at),
        ]));
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"subscribers.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}

/// What the import form sent.
#[derive(Default)]
struct ImportForm {
    file: Vec<u8>,
    lists: Vec<i64>,
    consent: bool,
}

async fn read_import(mut multipart: Multipart) -> Result<ImportForm, String> {
    let mut form = ImportForm::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) if err.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(format!(
                    "the file is larger than {} MB: split it",
                    IMPORT_LIMIT / (1024 * 1024)
                ));
            }
            Err(err) => return Err(format!("the upload was interrupted: {}", err.body_text())),
        };
        let name = field.name().unwrap_or("").to_string();
        let bytes = field
            .bytes()
            .await
            .map_err(|err| format!("the upload was interrupted: {}", err.body_text()))?;
        let text = String::from_utf8_lossy(&bytes).trim().to_string();
        match name.as_str() {
            "file" => form.file = bytes.to_vec(),
            "lists" => form.lists.extend(text.parse::<i64>().ok()),
            "consent" => form.consent = !text.is_empty(),
            _ => {}
        }
    }
    Ok(form)
}

pub async fn import(desk: Desk, multipart: Multipart) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    staff.require(Capability::Administer)?;
    let query = ListQuery::default();
    let refuse = async |message: String| {
        list_screen(
            &desk,
            &query,
            None,
            Some(message),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await
    };
    let form = match read_import(multipart).await {
        Ok(form) => form,
        Err(message) => return refuse(message).await,
    };
    if form.file.is_empty() {
        return refuse("choose a CSV file to import".into()).await;
    }
    if !form.consent {
        return refuse(
            "confirm that these people asked for your newsletters: importing addresses that never subscribed is spam".into(),
        )
        .await;
    }
    let Ok(text) = String::from_utf8(form.file) else {
        return refuse(
            "the file is not UTF-8 text: save it from your spreadsheet as “CSV UTF-8”".into(),
        )
        .await;
    };
    let lists = app.store.newsletters().newsletter_lists().await?;
    let default_lists: Vec<i64> = form
        .lists
        .iter()
        .copied()
        .filter(|id| lists.iter().any(|l| l.id == *id))
        .collect();
    let mut plan = plan_import(&text, &lists, &default_lists);
    let rows: Vec<(String, Vec<i64>)> = plan
        .rows
        .iter()
        .map(|(_, email, lists)| (email.clone(), lists.clone()))
        .collect();
    let outcomes = app.store.newsletters().import_subscribers(&rows).await?;
    let mut report = Report::default();
    for ((line, email, _), outcome) in plan.rows.iter().zip(outcomes) {
        match outcome {
            Imported::Created => report.created += 1,
            Imported::Confirmed => report.confirmed += 1,
            Imported::Kept => report.kept += 1,
            Imported::Erased => plan.rejected.push(Rejected {
                line: *line,
                value: email.clone(),
                reason: "its owner deleted their account here; not added back".into(),
            }),
            Imported::Unsubscribed(at) => plan.rejected.push(Rejected {
                line: *line,
                value: email.clone(),
                reason: format!(
                    "unsubscribed{}; not added back (only they can subscribe again)",
                    at.map(|at| format!(
                        " on {}",
                        broadsheet_core::dates::from_unix(at).format("%Y-%m-%d")
                    ))
                    .unwrap_or_default()
                ),
            }),
        }
    }
    plan.rejected.sort_by_key(|r| r.line);
    report.rejected = plan.rejected;
    tracing::info!(
        created = report.created,
        confirmed = report.confirmed,
        kept = report.kept,
        rejected = report.rejected.len(),
        "imported subscribers"
    );
    list_screen(&desk, &query, Some(report), None, StatusCode::OK).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Vec<NewsletterList> {
        ["daily-digest", "breaking-news"]
            .iter()
            .enumerate()
            .map(|(i, slug)| NewsletterList {
                id: i as i64 + 1,
                slug: slug.to_string(),
                name: slug.to_string(),
                description: String::new(),
            })
            .collect()
    }

    #[test]
    fn every_broken_row_is_reported_with_its_line() {
        let text = "Name,Email,Lists\n\
                    Ana,ana@example.org,daily-digest\n\
                    Ben,not-an-address,\n\
                    Cy,cy@example.org,sports\n\
                    Ana again,ANA@example.org,\n\
                    Dee,dee@example.org,\n\
                    Eve,\"eve@example.org\",breaking-news|daily-digest\n\
                    Fay,\"fay@example.org,daily-digest\n";
        let plan = plan_import(text, &lists(), &[2]);
        let taken: Vec<(usize, &str, Vec<i64>)> = plan
            .rows
            .iter()
            .map(|(line, email, lists)| (*line, email.as_str(), lists.clone()))
            .collect();
        assert_eq!(
            taken,
            vec![
                (2, "ana@example.org", vec![1]),
                (6, "dee@example.org", vec![2]),
                (7, "eve@example.org", vec![2, 1]),
            ]
        );
        let lines: Vec<usize> = plan.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 8]);
        assert!(plan.rejected[1].reason.contains("no newsletter `sports`"));
        assert!(plan.rejected[2].reason.contains("same address as line 2"));
        assert!(plan.rejected[3].reason.contains("never closed"));
    }

    #[test]
    fn without_a_header_the_first_column_is_the_address() {
        let plan = plan_import("ana@example.org\nben@example.org\n", &lists(), &[1]);
        assert_eq!(plan.rows.len(), 2);
        let none = plan_import("ana@example.org\n", &lists(), &[]);
        assert!(none.rows.is_empty());
        assert!(none.rejected[0].reason.contains("no newsletter"));
    }
}
