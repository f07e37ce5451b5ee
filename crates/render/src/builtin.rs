//! The default theme, built into the binary so that a new site needs no theme folder.
//! `broadsheet theme copy` writes these files out for editing.

macro_rules! theme_files {
    ($kind:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../themes/default/", $kind, "/", $name)))),*]
    };
}

/// (name, text) of every template of the default theme.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = theme_files!("templates":
    "base.html",
    "macros.html",
    "embeds.html",
    "front.html",
    "article.html",
    "list.html",
    "author.html",
    "page.html",
    "error.html",
    "form.html",
);

/// (name, bytes) of every static asset of the default theme.
pub const BUILTIN_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../../themes/default/static/style.css"),
    ),
    (
        "share.js",
        include_bytes!("../../../themes/default/static/share.js"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../../themes/default/static/favicon.svg"),
    ),
];
