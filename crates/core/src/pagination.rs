//! Page numbers from query strings. Anything but a sensible positive number is refused
//! before it reaches the database.

/// The highest page number we look up; beyond it there is nothing to show.
pub const MAX_PAGE: u32 = 100_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error("the page number `{0}` is not a number")]
    NotANumber(String),
    #[error("there is no page {0}")]
    OutOfRange(String),
}

/// Parses `?page=`: absent means page 1.
pub fn parse_page(raw: Option<&str>) -> Result<u32, PageError> {
    let Some(raw) = raw else { return Ok(1) };
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(1);
    }
    let digits = trimmed.strip_prefix('-').unwrap_or(trimmed);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(PageError::NotANumber(raw.to_string()));
    }
    match trimmed.parse::<u32>() {
        Ok(page) if (1..=MAX_PAGE).contains(&page) => Ok(page),
        _ => Err(PageError::OutOfRange(raw.to_string())),
    }
}

/// Number of pages needed for `total` items.
pub fn page_count(total: u64, per_page: u32) -> u32 {
    let per_page = u64::from(per_page.max(1));
    (total.div_ceil(per_page)).max(1).min(u64::from(MAX_PAGE)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        assert_eq!(parse_page(None), Ok(1));
        assert_eq!(parse_page(Some("3")), Ok(3));
        assert!(matches!(
            parse_page(Some("abc")),
            Err(PageError::NotANumber(_))
        ));
        assert!(matches!(
            parse_page(Some("2.5")),
            Err(PageError::NotANumber(_))
        ));
        assert!(matches!(
            parse_page(Some("-1")),
            Err(PageError::OutOfRange(_))
        ));
        assert!(matches!(
            parse_page(Some("0")),
            Err(PageError::OutOfRange(_))
        ));
        assert!(matches!(
            parse_page(Some("99999999999999999999")),
            Err(PageError::OutOfRange(_))
        ));
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(41, 20), 3);
    }
}
