//! Proof of work against spam, compatible with the open ALTCHA widget (its classic
//! SHA-256 challenge, which the current widget still speaks).
//!
//! The server picks a random salt (carrying its expiry as `?expires=`) and a secret
//! number, and sends `challenge = hex(sha256(salt + number))` signed with HMAC. The
//! reader's browser finds the number by trying them all, which costs a person a moment
//! and a spammer real CPU per message. Nothing about the reader is collected: no cookie,
//! no fingerprint, no third party. The server checks the signature, the hash and the
//! expiry; a solution may be used once (the caller records it).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What the widget fetches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub algorithm: String,
    pub challenge: String,
    pub maxnumber: u64,
    pub salt: String,
    pub signature: String,
}

/// What the widget sends back (base64 JSON in the form's `altcha` field).
#[derive(Debug, Deserialize)]
struct Payload {
    algorithm: String,
    challenge: String,
    number: u64,
    salt: String,
    signature: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PowError {
    #[error(
        "the spam check is missing: let the page finish its check (it needs JavaScript), then send again"
    )]
    Missing,
    #[error("the spam check could not be read; reload the page and try again")]
    Malformed,
    #[error("the spam check was not made by this site")]
    Forged,
    #[error("the spam check has expired; reload the page and try again")]
    Expired,
}

/// A checked solution: its challenge (to refuse replays) and until when it was valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solved {
    pub challenge: String,
    pub expires_at: i64,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hmac_hex(secret: &str, text: &str) -> String {
    match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(text.as_bytes());
            hex(&mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

/// A new challenge. `random_salt` and `number` come from the caller's random source;
/// `number` must be at most `max_number`.
pub fn create_challenge(
    secret: &str,
    max_number: u64,
    expires_at: i64,
    random_salt: &str,
    number: u64,
) -> Challenge {
    let salt = format!("{random_salt}?expires={expires_at}");
    let challenge = sha256_hex(&format!("{salt}{number}"));
    Challenge {
        algorithm: "SHA-256".to_string(),
        signature: hmac_hex(secret, &challenge),
        challenge,
        maxnumber: max_number,
        salt,
    }
}

/// Checks a widget's payload at `now` (Unix seconds).
pub fn verify(secret: &str, payload: &str, now: i64) -> Result<Solved, PowError> {
    let payload = payload.trim();
    if payload.is_empty() {
        return Err(PowError::Missing);
    }
    let bytes = STANDARD.decode(payload).map_err(|_| PowError::Malformed)?;
    let payload: Payload = serde_json::from_slice(&bytes).map_err(|_| PowError::Malformed)?;
    if payload.algorithm != "SHA-256" {
        return Err(PowError::Malformed);
    }
    let expected = hmac_hex(secret, &payload.challenge);
    if !crate::secrets::same(&expected, &payload.signature) {
        return Err(PowError::Forged);
    }
    if sha256_hex(&format!("{}{}", payload.salt, payload.number)) != payload.challenge {
        return Err(PowError::Forged);
    }
    let expires_at = payload
        .salt
        .split_once('?')
        .and_then(|(_, query)| {
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix("expires="))
        })
        .and_then(|value| value.parse::<i64>().ok())
        .ok_or(PowError::Malformed)?;
    if expires_at < now {
        return Err(PowError::Expired);
    }
    Ok(Solved {
        challenge: payload.challenge,
        expires_at,
    })
}

/// Solves a challenge the way the widget does (for tests and tools).
pub fn solve(challenge: &Challenge) -> Option<String> {
    let number = (0..=challenge.maxnumber)
        .find(|n| sha256_hex(&format!("{}{n}", challenge.salt)) == challenge.challenge)?;
    let payload = serde_json::json!({
        "algorithm": challenge.algorithm,
        "challenge": challenge.challenge,
        "number": number,
        "salt": challenge.salt,
        "signature": challenge.signature,
        "took": 0,
    });
    Some(STANDARD.encode(payload.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solved_challenges_verify_and_tampering_is_caught() {
        let challenge = create_challenge("secret", 5_000, 2_000, "abc123", 4_321);
        let payload = solve(&challenge).expect("solvable");
        assert_eq!(
            verify("secret", &payload, 1_000),
            Ok(Solved {
                challenge: challenge.challenge.clone(),
                expires_at: 2_000
            })
        );
        assert_eq!(verify("secret", &payload, 2_001), Err(PowError::Expired));
        assert_eq!(
            verify("another site", &payload, 1_000),
            Err(PowError::Forged)
        );
        assert_eq!(verify("secret", "", 1_000), Err(PowError::Missing));
        assert_eq!(
            verify("secret", "not base64!", 1_000),
            Err(PowError::Malformed)
        );
        // A guessed number for the same challenge does not pass.
        let forged = STANDARD.encode(
            serde_json::json!({"algorithm": "SHA-256", "challenge": challenge.challenge, "number": 1, "salt": challenge.salt, "signature": challenge.signature}).to_string(),
        );
        assert_eq!(verify("secret", &forged, 1_000), Err(PowError::Forged));
        // Nor does a later expiry written into the salt.
        let stretched = STANDARD.encode(
            serde_json::json!({"algorithm": "SHA-256", "challenge": challenge.challenge, "number": 4321, "salt": "abc123?expires=9999999999", "signature": challenge.signature}).to_string(),
        );
        assert_eq!(verify("secret", &stretched, 1_000), Err(PowError::Forged));
    }
}
