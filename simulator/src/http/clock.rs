//! The time stamps resources carry.

use chrono::{SecondsFormat, SubsecRound as _, Utc};

/// The current time in RFC 3339, to the second, as PingOne writes it
/// (`2024-01-01T12:00:00.000Z`).
pub(crate) fn now() -> String {
    Utc::now()
        .trunc_subsecs(0)
        .to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::now;

    #[test]
    fn stamps_are_rfc3339_in_utc_to_the_second() {
        let stamp = now();
        assert!(
            chrono::DateTime::parse_from_rfc3339(&stamp).is_ok(),
            "{stamp}"
        );
        assert!(stamp.ends_with(".000Z"), "{stamp}");
        assert_eq!(stamp.len(), "2024-01-01T12:00:00.000Z".len());
    }
}
