//! Site settings an administrator changes while the site runs: name, tagline, time
//! zone, masthead calendars, the paper's location and the main menu.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use broadsheet_core::masthead::{Calendar, Location};
use broadsheet_core::role::Capability;
use serde::{Deserialize, Serialize};

use super::Desk;
use crate::error::WebError;
use crate::form;
use broadsheet_core::settings::{MenuLink, SiteSettings};

/// The Settings screen as typed (numbers stay text until checked, so that a mistyped
/// one is shown again with what to fix), or as stored.
#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
struct SettingsForm {
    #[serde(deserialize_with = "form::trimmed")]
    name: String,
    #[serde(deserialize_with = "form::trimmed")]
    tagline: String,
    #[serde(deserialize_with = "form::trimmed")]
    time_zone: String,
    #[serde(deserialize_with = "form::texts")]
    calendars: Vec<String>,
    #[serde(deserialize_with = "form::trimmed")]
    latitude: String,
    #[serde(deserialize_with = "form::trimmed")]
    longitude: String,
    /// `Label | /address` lines.
    #[serde(deserialize_with = "form::multiline")]
    menu: String,
    #[serde(deserialize_with = "form::trimmed")]
    banned_words: String,
    #[serde(deserialize_with = "form::trimmed")]
    suspect_words: String,
    #[serde(deserialize_with = "form::checkbox")]
    premoderate_new: bool,
    #[serde(deserialize_with = "form::checkbox")]
    guests_allowed: bool,
    #[serde(deserialize_with = "form::trimmed")]
    close_after_days: String,
    #[serde(deserialize_with = "form::checkbox")]
    feed_full_text: bool,
}

async fn page(
    desk: &Desk,
    form: &SettingsForm,
    errors: &BTreeMap<&str, String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let context = broadsheet_render::context! {
        form => broadsheet_render::Value::from_serialize(form),
        errors => errors,
    };
    Ok((status, desk.screen("settings.html", "settings", context)?).into_response())
}

pub async fn show(desk: Desk) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    staff.require(Capability::Administer)?;
    let site = app.site();
    let form = SettingsForm {
        name: site.name.clone(),
        tagline: site.tagline.clone(),
        time_zone: site.time_zone.name().to_string(),
        calendars: site
            .calendars
            .iter()
            .map(|c| c.as_str().to_string())
            .collect(),
        latitude: site
            .location
            .map(|l| l.latitude().to_string())
            .unwrap_or_default(),
        longitude: site
            .location
            .map(|l| l.longitude().to_string())
            .unwrap_or_default(),
        menu: site
            .menu
            .iter()
            .map(|l| format!("{} | {}", l.label, l.url))
            .collect::<Vec<_>>()
            .join("\n"),
        guests_allowed: site.comment_policy.guests_allowed,
        feed_full_text: site.feed_full_text,
        ..SettingsForm::default()
    };
    let stored = app.store.settings().site_settings().await?;
    let form = SettingsForm {
        banned_words: stored.banned_words,
        suspect_words: stored.suspect_words,
        premoderate_new: stored.premoderate_new,
        close_after_days: stored
            .close_after_days
            .map(|days| days.to_string())
            .unwrap_or_default(),
        ..form
    };
    page(&desk, &form, &BTreeMap::new(), StatusCode::OK).await
}

/// Reads "Label | /address" lines.
fn parse_menu(text: &str) -> Result<Vec<MenuLink>, String> {
    let mut links = Vec::new();
    for (index, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let Some((label, url)) = line.split_once('|') else {
            return Err(format!("line {}: write `Label | /address`", index + 1));
        };
        let (label, url) = (label.trim(), url.trim());
        let safe =
            url.starts_with('/') || url.starts_with("https://") || url.starts_with("http://");
        if label.is_empty() || !safe {
            return Err(format!(
                "line {}: the label is empty or the address does not start with / or https://",
                index + 1
            ));
        }
        links.push(MenuLink {
            label: label.to_string(),
            url: url.to_string(),
        });
    }
    Ok(links)
}

pub async fn save(desk: Desk, body: Bytes) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    staff.require(Capability::Administer)?;
    let form: SettingsForm = form::parse(&body)?;
    let mut errors = BTreeMap::new();
    if form.name.is_empty() {
        errors.insert("name", "the site needs a name".to_string());
    }
    if form.time_zone.parse::<chrono_tz::Tz>().is_err() {
        errors.insert(
            "time_zone",
            format!(
                "`{}` is not an IANA time zone such as Europe/London",
                form.time_zone
            ),
        );
    }
    let calendars: Vec<Calendar> = form
        .calendars
        .iter()
        .filter_map(|c| Calendar::parse(c))
        .collect();
    if calendars.is_empty() {
        errors.insert("calendars", "choose at least one calendar".to_string());
    }
    let location = match (form.latitude.as_str(), form.longitude.as_str()) {
        ("", "") => None,
        (lat, lon) => match (lat.parse::<f64>(), lon.parse::<f64>()) {
            (Ok(lat), Ok(lon)) => match Location::new(lat, lon) {
                Some(location) => Some(location),
                None => {
                    errors.insert(
                        "location",
                        "latitude is -90 to 90 and longitude -180 to 180".to_string(),
                    );
                    None
                }
            },
            _ => {
                errors.insert(
                    "location",
                    "give both as decimal degrees, e.g. 40.7128 and -74.006".to_string(),
                );
                None
            }
        },
    };
    if calendars.contains(&Calendar::Hebrew)
        && location.is_none()
        && !errors.contains_key("location")
    {
        errors.insert(
            "location",
            "the Hebrew date turns over at sunset: give the paper's location".to_string(),
        );
    }
    let menu = match parse_menu(&form.menu) {
        Ok(menu) => menu,
        Err(message) => {
            errors.insert("menu", message);
            Vec::new()
        }
    };
    if !form.close_after_days.is_empty() && form.close_after_days.parse::<u32>().is_err() {
        errors.insert(
            "close_after_days",
            "give a number of days, or leave it empty".to_string(),
        );
    }
    if !errors.is_empty() {
        return page(&desk, &form, &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let settings = SiteSettings {
        name: Some(form.name.clone()),
        tagline: Some(form.tagline.clone()),
        time_zone: form.time_zone.parse().ok(),
        calendars: Some(calendars),
        location,
        menu,
        banned_words: form.banned_words.clone(),
        suspect_words: form.suspect_words.clone(),
        premoderate_new: form.premoderate_new,
        guests_allowed: form.guests_allowed,
        close_after_days: form.close_after_days.parse().ok().filter(|days| *days > 0),
        feed_full_text: form.feed_full_text,
    };
    app.store.settings().save_site_settings(&settings).await?;
    app.reload_site().await?;
    Ok(Redirect::to("/admin/settings").into_response())
}
