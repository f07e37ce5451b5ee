//! Passwords, tokens and signatures.
//!
//! Passwords are hashed with argon2id. Session, reset and confirmation tokens are random
//! 256-bit values given to the browser; only their SHA-256 is stored, so a copy of the
//! database does not let anyone in. Share links are signed with HMAC-SHA256 under the
//! site's secret.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_BYTES: usize = 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must have at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    #[error("the password is too long")]
    TooLong,
    #[error("the password could not be hashed")]
    Hashing,
}

/// Hashes a new password after checking it is long enough.
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(PasswordError::TooLong);
    }
    let mut salt_bytes = [0u8; 16];
    getrandom::getrandom(&mut salt_bytes).map_err(|_| PasswordError::Hashing)?;
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|_| PasswordError::Hashing)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|_| PasswordError::Hashing)
}

/// Checks a password against a stored hash. Never panics on a malformed hash.
pub fn verify_password(password: &str, stored: &str) -> bool {
    if password.len() > MAX_PASSWORD_BYTES {
        return false;
    }
    match PasswordHash::new(stored) {
        Ok(hash) => Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the account does not exist, so that a wrong email
/// takes as long to refuse as a wrong password (no account enumeration by timing).
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password that matches nothing").unwrap_or_default())
}

/// A new random token (256 bits, URL-safe).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS generator failing is not something a web request can recover from; an
    // all-zero token would be guessable, so refuse loudly instead of returning one.
    if getrandom::getrandom(&mut bytes).is_err() {
        panic!("the operating system's random number generator is unavailable");
    }
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A random number below `bound` (bound > 0), e.g. the secret of a spam check.
pub fn random_below(bound: u64) -> u64 {
    let mut bytes = [0u8; 8];
    if getrandom::getrandom(&mut bytes).is_err() {
        panic!("the operating system's random number generator is unavailable");
    }
    u64::from_le_bytes(bytes) % bound.max(1)
}

/// What is stored for a token: its SHA-256, base64url.
pub fn hash_token(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

type HmacSha256 = Hmac<Sha256>;

/// Signs `message` with `secret`.
pub fn sign(secret: &str, message: &str) -> String {
    let Ok(mut mac) = HmacSha256::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(message.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Checks a signature in constant time.
pub fn verify_signature(secret: &str, message: &str, signature: &str) -> bool {
    let Ok(expected) = URL_SAFE_NO_PAD.decode(signature) else {
        return false;
    };
    let Ok(mut mac) = HmacSha256::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(message.as_bytes());
    mac.verify_slice(&expected).is_ok()
}

/// Compares two strings in constant time (for CSRF tokens).
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        assert_eq!(hash_password("short"), Err(PasswordError::TooShort));
        let hash = hash_password("correct horse battery").expect("hashes");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse battery!", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let a = random_token();
        assert_ne!(a, random_token());
        assert_eq!(a.len(), 43);
        assert_ne!(hash_token(&a), a);
        assert_eq!(hash_token(&a), hash_token(&a));
    }

    #[test]
    fn signatures_verify_only_their_message() {
        let signature = sign("secret", "article:5:1700000000");
        assert!(verify_signature(
            "secret",
            "article:5:1700000000",
            &signature
        ));
        assert!(!verify_signature(
            "secret",
            "article:6:1700000000",
            &signature
        ));
        assert!(!verify_signature(
            "other",
            "article:5:1700000000",
            &signature
        ));
        assert!(!verify_signature(
            "secret",
            "article:5:1700000000",
            "garbage!"
        ));
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}
