//! What every newsletter email carries: the signed link to manage a subscription and the
//! unsubscribe headers of RFC 2369 and RFC 8058.

use crate::secrets::sign;

/// The signed address of a subscriber's page (also the base of the one-click link).
pub fn manage_path(secret: &str, subscriber: i64) -> String {
    let signature = sign(secret, &format!("subscriber:{subscriber}"));
    format!("/newsletters/{subscriber}/{signature}")
}

/// `List-Unsubscribe` with a mailto and an HTTPS link, and `List-Unsubscribe-Post` for
/// one-click unsubscribe. `from` is the sender, e.g. `Paper <news@example.org>`.
pub fn list_headers(
    secret: &str,
    base_url: &str,
    from: &str,
    subscriber: i64,
) -> Vec<(String, String)> {
    let https = format!("{base_url}{}/unsubscribe", manage_path(secret, subscriber));
    let address = from
        .rsplit_once('<')
        .map(|(_, rest)| rest.trim_end_matches('>').to_string())
        .unwrap_or_else(|| from.to_string());
    vec![
        (
            "List-Unsubscribe".into(),
            format!("<mailto:{address}?subject=unsubscribe%20{subscriber}>, <{https}>"),
        ),
        (
            "List-Unsubscribe-Post".into(),
            "List-Unsubscribe=One-Click".into(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_both_ways_out() {
        let headers = list_headers(
            "s",
            "https://paper.example",
            "Paper <news@paper.example>",
            7,
        );
        assert!(headers[0].1.starts_with("<mailto:news@paper.example?subject=unsubscribe%207>, <https://paper.example/newsletters/7/"));
        assert!(headers[0].1.ends_with("/unsubscribe>"));
        assert_eq!(
            headers[1],
            (
                "List-Unsubscribe-Post".to_string(),
                "List-Unsubscribe=One-Click".to_string()
            )
        );
    }
}
