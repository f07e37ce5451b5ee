//! Date archives: `/2024`, `/2024/03`, `/2024/03/18`, in the paper's time zone.

use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use broadsheet_core::change::Dep;
use broadsheet_core::masthead::{gregorian_long_date, local_midnight};
use broadsheet_render::Value;
use broadsheet_store::ArticleQuery;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::PageQuery;
use super::lists::paginate;
use super::views::{canonical_for, render};
use crate::app::AppState;
use crate::error::WebError;
use crate::layout::frame;
use crate::respond::{Rendered, cached};

#[derive(Serialize)]
struct ArchiveLink {
    url: String,
    label: String,
}

/// The span an archive path covers: (first day, first day after, heading, links).
fn span(segments: &[&str]) -> Option<(NaiveDate, NaiveDate, String, Vec<ArchiveLink>)> {
    let number = |s: &str| s.parse::<u32>().ok();
    let year = segments.first().and_then(|s| s.parse::<i32>().ok())?;
    if !(1800..=2200).contains(&year) {
        return None;
    }
    match segments {
        [_] => {
            let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
            let next = NaiveDate::from_ymd_opt(year + 1, 1, 1)?;
            let links = (1..=12)
                .filter_map(|m| NaiveDate::from_ymd_opt(year, m, 1))
                .map(|d| ArchiveLink {
                    url: format!("/{year}/{:02}", d.month()),
                    label: d.format("%B").to_string(),
                })
                .collect();
            Some((first, next, year.to_string(), links))
        }
        [_, month] if month.len() == 2 => {
            let month = number(month)?;
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            let next = first.checked_add_months(chrono::Months::new(1))?;
            let links = first
                .iter_days()
                .take_while(|d| *d < next)
                .map(|d| ArchiveLink {
                    url: format!("/{year}/{month:02}/{:02}", d.day()),
                    label: d.day().to_string(),
                })
                .collect();
            Some((first, next, first.format("%B %Y").to_string(), links))
        }
        [_, month, day] if month.len() == 2 && day.len() == 2 => {
            let first = NaiveDate::from_ymd_opt(year, number(month)?, number(day)?)?;
            let next = first.succ_opt()?;
            let heading = format!("{}, {}", gregorian_long_date(first), year);
            let links = vec![ArchiveLink {
                url: format!("/{year}/{}", &segments[1]),
                label: first.format("All of %B %Y").to_string(),
            }];
            Some((first, next, heading, links))
        }
        _ => None,
    }
}

pub async fn archive_page(
    app: AppState,
    key: &str,
    segments: &[&str],
    query: PageQuery,
    headers: &HeaderMap,
    viewer: &crate::accounts::Viewer,
) -> Response {
    let page = match query.number() {
        Ok(page) => page,
        Err(err) => return err.into_response(),
    };
    let Some((first, next, heading, links)) = span(segments) else {
        return WebError::NotFound.into_response();
    };
    let base = format!("/{}", segments.join("/"));
    cached(&app, key, headers, viewer, || async {
        let frame = frame(&app, viewer, &canonical_for(&base, page), "").await?;
        let tz = app.site().time_zone;
        let filter = ArticleQuery {
            from: Some(local_midnight(first, tz).timestamp()),
            until: Some(local_midnight(next, tz).timestamp()),
            ..Default::default()
        };
        let mut deps = frame.deps.clone();
        deps.push(Dep::Latest);
        let (articles, pager) = paginate(&app, filter, &base, page, &mut deps).await?;
        let context = broadsheet_render::context! {
            heading => format!("Archive: {heading}"),
            archive_links => Value::from_serialize(&links),
            articles => articles,
            pager => Value::from_serialize(&pager),
        };
        Ok(Rendered {
            html: render(&app, "list.html", &frame.context, context)?,
            deps,
            expires_at: frame.expires_at,
            content_type: crate::respond::HTML,
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_spans() {
        assert!(span(&["2024"]).is_some());
        assert!(span(&["2024", "02", "29"]).is_some());
        assert!(span(&["2023", "02", "29"]).is_none());
        assert!(span(&["2024", "13"]).is_none());
        assert!(span(&["2024", "3"]).is_none());
        assert!(span(&["0001"]).is_none());
        let (_, _, heading, _) = span(&["2024", "03", "18"]).expect("a day");
        assert_eq!(heading, "Monday, March 18th, 2024");
    }
}
