//! Themes and rendering: a minijinja environment whose templates are looked up in the
//! site's own folder, then the configured theme, then the default theme built into the
//! binary. Edit a copied template and restart (or set `dev_reload_templates`) to see the
//! change without recompiling.

mod builtin;
mod filters;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use minijinja::Environment;
use serde::Serialize;

pub use builtin::{BUILTIN_STATIC, BUILTIN_TEMPLATES};
pub use filters::SharedTz;
pub use minijinja::{Value, context};

/// Where templates and assets come from.
#[derive(Debug, Clone)]
pub struct ThemeConfig {
    /// Site overrides, searched first.
    pub templates_dir: PathBuf,
    /// The theme folder (`themes/<name>`); may not exist, then only built-ins are used.
    pub theme_dir: PathBuf,
    /// Re-read templates on every render.
    pub reload: bool,
    pub time_zone: filters::SharedTz,
    pub base_url: String,
}

impl ThemeConfig {
    /// The theme a site's configuration names.
    pub fn from_config(
        config: &broadsheet_core::config::Config,
        time_zone: filters::SharedTz,
    ) -> ThemeConfig {
        ThemeConfig {
            templates_dir: config.templates_dir.clone(),
            theme_dir: config.themes_dir.join(&config.theme),
            reload: config.dev_reload_templates,
            time_zone,
            base_url: config.base_url.clone(),
        }
    }
}

/// The two parts of an email drawn from the theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    pub text: String,
    pub html: String,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template `{template}` line {line}: {message}")]
    Template {
        template: String,
        line: usize,
        message: String,
    },
    #[error("template error: {0}")]
    Other(String),
}

impl From<minijinja::Error> for RenderError {
    fn from(err: minijinja::Error) -> RenderError {
        // The innermost template/line is where the mistake is (an include or a block in
        // a child template), so walk to it.
        let mut template = err.name().map(str::to_string);
        let mut line = err.line();
        let mut message = err
            .detail()
            .map(str::to_string)
            .unwrap_or_else(|| err.kind().to_string());
        let mut source = std::error::Error::source(&err);
        while let Some(inner) = source {
            if let Some(inner) = inner.downcast_ref::<minijinja::Error>() {
                if inner.name().is_some() {
                    template = inner.name().map(str::to_string);
                    line = inner.line();
                }
                if let Some(detail) = inner.detail() {
                    message = detail.to_string();
                }
            }
            source = inner.source();
        }
        match template {
            Some(template) => RenderError::Template {
                template,
                line: line.unwrap_or(0),
                message,
            },
            None => RenderError::Other(err.to_string()),
        }
    }
}

/// Renders templates of the configured theme.
pub struct Renderer {
    config: ThemeConfig,
    builtins: Builtins,
    /// Whether templates may come from the site's and the theme's folders.
    disk: bool,
    env: RwLock<Arc<Environment<'static>>>,
}

/// Templates compiled into the binary: (name, text).
pub type Builtins = &'static [(&'static str, &'static str)];

impl Renderer {
    /// Builds the environment and compiles every template the site will use, so that a
    /// mistake in a theme is reported at start-up with its template and line.
    pub fn new(config: ThemeConfig) -> Result<Renderer, RenderError> {
        Self::with_builtins(config, BUILTIN_TEMPLATES, true)
    }

    /// A renderer for templates that only the binary provides (the newsroom's screens):
    /// nothing is read from disk.
    pub fn builtin_only(config: ThemeConfig, builtins: Builtins) -> Result<Renderer, RenderError> {
        Self::with_builtins(config, builtins, false)
    }

    fn with_builtins(
        mut config: ThemeConfig,
        builtins: Builtins,
        disk: bool,
    ) -> Result<Renderer, RenderError> {
        if !disk {
            config.reload = false;
        }
        let env = build_environment(&config, builtins, disk);
        for (name, _) in builtins {
            env.get_template(name)?;
        }
        Ok(Renderer {
            env: RwLock::new(Arc::new(env)),
            builtins,
            disk,
            config,
        })
    }

    pub fn config(&self) -> &ThemeConfig {
        &self.config
    }

    fn environment(&self) -> Arc<Environment<'static>> {
        if self.config.reload {
            return Arc::new(build_environment(&self.config, self.builtins, self.disk));
        }
        match self.env.read() {
            Ok(env) => Arc::clone(&env),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    pub fn render(&self, template: &str, context: impl Serialize) -> Result<String, RenderError> {
        let env = self.environment();
        let template = env.get_template(template)?;
        Ok(template.render(context)?)
    }

    /// An email from the theme's `email/<name>.txt` (the plain-text part, not escaped)
    /// and `email/<name>.html` (the HTML part).
    pub fn render_email(
        &self,
        name: &str,
        context: impl Serialize,
    ) -> Result<RenderedEmail, RenderError> {
        let context = minijinja::Value::from_serialize(&context);
        Ok(RenderedEmail {
            text: self.render(&format!("email/{name}.txt"), &context)?,
            html: self.render(&format!("email/{name}.html"), &context)?,
        })
    }

    /// Re-reads the templates from disk (tests use it; no signal triggers it yet: a theme
    /// change needs a restart).
    pub fn reload(&self) -> Result<(), RenderError> {
        let env = build_environment(&self.config, self.builtins, self.disk);
        for (name, _) in self.builtins {
            env.get_template(name)?;
        }
        if let Ok(mut slot) = self.env.write() {
            *slot = Arc::new(env);
        }
        Ok(())
    }

    /// A theme asset: the theme folder's file if it exists, else the built-in one.
    pub fn static_asset(&self, path: &str) -> Option<Asset> {
        if path.split('/').any(|part| part == ".." || part.is_empty()) {
            return None;
        }
        let on_disk = self.config.theme_dir.join("static").join(path);
        if let Ok(bytes) = std::fs::read(&on_disk) {
            return Some(Asset {
                bytes: std::borrow::Cow::Owned(bytes),
                content_type: content_type(path),
            });
        }
        BUILTIN_STATIC
            .iter()
            .find(|(name, _)| *name == path)
            .map(|(_, bytes)| Asset {
                bytes: std::borrow::Cow::Borrowed(*bytes),
                content_type: content_type(path),
            })
    }
}

/// A static file to serve.
pub struct Asset {
    pub bytes: std::borrow::Cow<'static, [u8]>,
    pub content_type: &'static str,
}

pub fn content_type(path: &str) -> &'static str {
    match Path::new(path).extension().and_then(|e| e.to_str()) {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg") | Some("jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("gif") => "image/gif",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        Some("xml") => "application/xml",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

fn build_environment(config: &ThemeConfig, builtins: Builtins, disk: bool) -> Environment<'static> {
    let mut env = Environment::new();
    let folders = if disk {
        vec![
            config.templates_dir.clone(),
            config.theme_dir.join("templates"),
        ]
    } else {
        Vec::new()
    };
    env.set_loader(move |name| {
        if name.split('/').any(|part| part == "..") {
            return Ok(None);
        }
        for folder in &folders {
            match std::fs::read_to_string(folder.join(name)) {
                Ok(text) => return Ok(Some(text)),
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(err) => {
                    return Err(minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        format!("cannot read {}: {err}", folder.join(name).display()),
                    ));
                }
            }
        }
        Ok(builtins
            .iter()
            .find(|(builtin, _)| *builtin == name)
            .map(|(_, text)| text.to_string()))
    });
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".xml") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    env.set_formatter(html_formatter);
    filters::register(&mut env, config.time_zone.clone(), config.base_url.clone());
    env
}

/// Escapes the five characters that matter in HTML text and attributes, and nothing
/// else: minijinja's default also escapes `/`, which bloats every URL in a page.
fn html_formatter(
    out: &mut minijinja::Output<'_>,
    state: &minijinja::State<'_, '_>,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    if value.is_undefined() {
        return Ok(());
    }
    if matches!(state.auto_escape(), minijinja::AutoEscape::None) || value.is_safe() {
        return write!(out, "{value}").map_err(minijinja::Error::from);
    }
    let text = match value.as_str() {
        Some(text) => std::borrow::Cow::Borrowed(text),
        None => std::borrow::Cow::Owned(value.to_string()),
    };
    out.write_str(&escape_html(&text))
        .map_err(minijinja::Error::from)
}

pub fn escape_html(text: &str) -> std::borrow::Cow<'_, str> {
    // Byte by byte: every special character is ASCII, and a page escapes thousands of
    // short strings, most with nothing to escape.
    let entity = |byte: u8| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    };
    let Some(first) = text.bytes().position(|b| entity(b).is_some()) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut escaped = String::with_capacity(text.len() + 16);
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate().skip(first) {
        if let Some(entity) = entity(byte) {
            escaped.push_str(&text[copied..at]);
            escaped.push_str(entity);
            copied = at + 1;
        }
    }
    escaped.push_str(&text[copied..]);
    std::borrow::Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_replaces_the_five_characters_and_keeps_the_rest() {
        assert_eq!(escape_html("plain text, ünïcode"), "plain text, ünïcode");
        assert!(matches!(
            escape_html("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            escape_html("<b>Tom & \"Jerry\"</b> l'été>"),
            "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; l&#39;été&gt;"
        );
        assert_eq!(escape_html("&"), "&amp;");
    }

    fn config(folder: &Path) -> ThemeConfig {
        ThemeConfig {
            templates_dir: folder.join("templates"),
            theme_dir: folder.join("themes/default"),
            reload: false,
            time_zone: std::sync::Arc::new(std::sync::RwLock::new(chrono_tz::America::New_York)),
            base_url: "https://paper.example".into(),
        }
    }

    #[test]
    fn site_templates_override_the_theme_which_overrides_builtins() {
        let folder = tempfile::tempdir().expect("tempdir");
        let renderer = Renderer::new(config(folder.path())).expect("builtins compile");
        std::fs::create_dir_all(folder.path().join("themes/default/templates")).expect("mkdir");
        std::fs::create_dir_all(folder.path().join("templates")).expect("mkdir");
        std::fs::write(
            folder.path().join("themes/default/templates/hello.html"),
            "theme {{ x }}",
        )
        .expect("write");
        renderer.reload().expect("reload");
        assert_eq!(
            renderer
                .render("hello.html", minijinja::context! { x => "<b>" })
                .expect("render"),
            "theme &lt;b&gt;"
        );
        std::fs::write(folder.path().join("templates/hello.html"), "site {{ x }}").expect("write");
        renderer.reload().expect("reload");
        assert_eq!(
            renderer
                .render("hello.html", minijinja::context! { x => 1 })
                .expect("render"),
            "site 1"
        );
    }

    #[test]
    fn escaping_covers_markup_but_leaves_urls_readable() {
        let folder = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(folder.path().join("templates")).expect("mkdir");
        std::fs::write(
            folder.path().join("templates/t.html"),
            "<a href=\"{{ u }}\">{{ h }}</a>{{ missing }}",
        )
        .expect("write");
        let renderer = Renderer::new(config(folder.path())).expect("renderer");
        let html = renderer
            .render("t.html", minijinja::context! { u => "/2024/03/18/a?x=1&y=2", h => "<script>alert('x')</script>" })
            .expect("render");
        assert_eq!(
            html,
            "<a href=\"/2024/03/18/a?x=1&amp;y=2\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</a>"
        );
    }

    #[test]
    fn template_errors_name_the_template_and_line() {
        let folder = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(folder.path().join("templates")).expect("mkdir");
        std::fs::write(
            folder.path().join("templates/article.html"),
            "ok\n\n{% if %}\n",
        )
        .expect("write");
        let err = Renderer::new(config(folder.path()))
            .err()
            .expect("a broken template is refused");
        let text = err.to_string();
        assert!(text.starts_with("template `article.html` line 3"), "{text}");
    }

    #[test]
    fn assets_fall_back_to_builtins_and_refuse_traversal() {
        let folder = tempfile::tempdir().expect("tempdir");
        let renderer = Renderer::new(config(folder.path())).expect("renderer");
        assert!(renderer.static_asset("style.css").is_some());
        assert!(renderer.static_asset("../Cargo.toml").is_none());
    }
}
