//! Emails to readers, drawn from the theme's `email/` templates (plain text and HTML).

use broadsheet_render::Value;

use crate::app::App;
use crate::error::WebError;

/// What every email template gets as `site`.
pub fn site_context(app: &App) -> Value {
    let site = app.site();
    broadsheet_render::context! {
        name => site.name.clone(),
        base_url => app.config.base_url.clone(),
        language => app.config.language.clone(),
    }
}

/// An email to `to` from the theme's `email/<template>` pair.
pub fn themed(
    app: &App,
    to: &str,
    subject: String,
    template: &str,
    context: Value,
    headers: Vec<(String, String)>,
) -> Result<broadsheet_mail::Email, WebError> {
    let context = broadsheet_render::context! { site => site_context(app), ..context };
    let parts = app.renderer.render_email(template, context)?;
    Ok(broadsheet_mail::Email {
        to: to.to_string(),
        subject,
        text: parts.text,
        html: Some(parts.html),
        headers,
    })
}
