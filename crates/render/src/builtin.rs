//! The default theme, built into the binary so that a new site needs no theme folder.
//! `broadsheet theme copy` writes these files out for editing.

macro_rules! theme_files {
    ($kind:literal, $read:ident: $($name:literal),* $(,)?) => {
        &[$(($name, $read!(concat!("../../../themes/default/", $kind, "/", $name)))),*]
    };
}

/// (name, text) of every template of the default theme.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = theme_files!("templates", include_str:
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
    "newsletter.html",
    "account.html",
    "comment_reply.html",
    "comments.html",
    "search.html",
    "timeline.html",
    "email/layout.html",
    "email/confirm_subscription.txt",
    "email/confirm_subscription.html",
    "email/welcome.txt",
    "email/welcome.html",
    "email/sign_in.txt",
    "email/sign_in.html",
    "email/breaking.txt",
    "email/breaking.html",
    "email/digest.txt",
    "email/digest.html",
);

/// (name, bytes) of every static asset of the default theme.
pub const BUILTIN_STATIC: &[(&str, &[u8])] = theme_files!("static", include_bytes:
    "style.css",
    "share.js",
    "account.js",
    "favicon.svg",
    "altcha/altcha.min.js",
    "altcha/altcha.css",
    "altcha/sha.js",
    "altcha/setup.js",
    "altcha/LICENSE.txt",
    "altcha/README.md",
);

#[cfg(test)]
mod tests {
    use super::*;

    fn files_under(folder: &std::path::Path, prefix: &str, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(folder).expect("theme folder").flatten() {
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.path().is_dir() {
                files_under(&entry.path(), &format!("{name}/"), out);
            } else {
                out.push(name);
            }
        }
    }

    #[test]
    fn every_file_of_the_default_theme_is_built_in() {
        let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../themes/default");
        let mut templates = Vec::new();
        files_under(&theme.join("templates"), "", &mut templates);
        let mut assets = Vec::new();
        files_under(&theme.join("static"), "", &mut assets);
        let missing: Vec<_> = templates
            .iter()
            .filter(|t| !BUILTIN_TEMPLATES.iter().any(|(name, _)| name == t))
            .chain(
                assets
                    .iter()
                    .filter(|a| !BUILTIN_STATIC.iter().any(|(name, _)| name == a)),
            )
            .collect();
        assert!(missing.is_empty(), "add these to builtin.rs: {missing:?}");
    }
}
