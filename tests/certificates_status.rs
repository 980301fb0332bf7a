//! The expiry rule on generated certificates, at each boundary of each status, and the JSON
//! shape of inventory entries.

#[path = "metadata_kit/mod.rs"]
mod kit;

use std::time::Duration;

use chrono::{DateTime, TimeDelta, TimeZone as _, Utc};
use kit::TestCert;
use serde_json::json;
use sso_connections::certificates::{
    CertificateProblem, CertificateUsage, ExpiryCheck, ExpiryStatus, InventoryEntry,
    DEFAULT_EXPIRY_THRESHOLD,
};

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
}

/// Valid from 2030-01-01 to 2031-01-01, both at midnight UTC.
fn year_2030() -> TestCert {
    TestCert::between("Year 2030", at(2030, 1, 1), at(2031, 1, 1))
}

#[test]
fn each_status_starts_and_ends_where_the_rule_says() {
    let cert = year_2030().certificate();
    let second = TimeDelta::seconds(1);
    let threshold = TimeDelta::days(30);
    let (start, end) = (at(2030, 1, 1), at(2031, 1, 1));
    let status = |now: DateTime<Utc>| ExpiryCheck::at(now).status(cert.info());
    let cases = [
        (
            start - second,
            ExpiryStatus::NotYetValid,
            "a second before notBefore",
        ),
        (start, ExpiryStatus::Valid, "at notBefore (inclusive)"),
        (
            end - threshold - second,
            ExpiryStatus::Valid,
            "a second before the threshold",
        ),
        (
            end - threshold,
            ExpiryStatus::Expiring,
            "exactly the threshold before the end",
        ),
        (end, ExpiryStatus::Expiring, "at notAfter (inclusive)"),
        (
            end + second,
            ExpiryStatus::Expired,
            "a second after notAfter",
        ),
        (at(2040, 1, 1), ExpiryStatus::Expired, "long after"),
        (at(2020, 1, 1), ExpiryStatus::NotYetValid, "long before"),
    ];
    for (now, expected, moment) in cases {
        assert_eq!(status(now), expected, "{moment} ({now})");
    }
}

#[test]
fn the_threshold_is_the_callers_choice_and_30_days_by_default() {
    assert_eq!(DEFAULT_EXPIRY_THRESHOLD, Duration::from_secs(30 * 86_400));
    let cert = year_2030().certificate();
    let sixty_days_left = at(2031, 1, 1) - TimeDelta::days(60);
    let default = ExpiryCheck::at(sixty_days_left);
    let quarter = default.threshold(Duration::from_secs(90 * 86_400));
    assert_eq!(default.status(cert.info()), ExpiryStatus::Valid);
    assert_eq!(quarter.status(cert.info()), ExpiryStatus::Expiring);
    // A threshold longer than the whole period: expiring from the first second.
    let decade = ExpiryCheck::at(at(2030, 1, 1)).threshold(Duration::from_secs(3650 * 86_400));
    assert_eq!(decade.status(cert.info()), ExpiryStatus::Expiring);
    // The threshold never turns "not yet valid" or "expired" into "expiring".
    assert_eq!(
        decade.status_of_period(at(2031, 1, 1), at(2032, 1, 1)),
        ExpiryStatus::NotYetValid
    );
    assert_eq!(
        decade.status_of_period(at(2020, 1, 1), at(2021, 1, 1)),
        ExpiryStatus::Expired
    );
}

#[test]
fn only_valid_and_expiring_certificates_are_usable() {
    let usable: Vec<bool> = [
        ExpiryStatus::Valid,
        ExpiryStatus::Expiring,
        ExpiryStatus::Expired,
        ExpiryStatus::NotYetValid,
    ]
    .map(ExpiryStatus::is_usable)
    .to_vec();
    assert_eq!(usable, [true, true, false, false]);
}

#[test]
fn an_entry_serialises_to_a_stable_shape() {
    let test = year_2030();
    let cert = test.certificate();
    let usage = CertificateUsage::SaasIdp {
        idp_id: "acme".into(),
    };
    let entry = InventoryEntry::checked(usage.clone(), &cert, &ExpiryCheck::at(at(2030, 12, 20)));
    let info = cert.info();
    assert_eq!(
        serde_json::to_value(&entry).unwrap(),
        json!({
            "usage": {"kind": "saas_idp", "idp_id": "acme"},
            "certificate": {
                "subject": "CN=Year 2030",
                "issuer": "CN=Year 2030",
                "serial": info.serial,
                "not_before": "2030-01-01T00:00:00Z",
                "not_after": "2031-01-01T00:00:00Z",
                "sha1": info.sha1,
                "sha256": test.sha256(),
                "key_algorithm": "EC-P-256",
            },
            "status": "expiring",
        })
    );
    assert!(info
        .sha256
        .chars()
        .all(|c| matches!(c, '0'..='9' | 'a'..='f')));
    assert_eq!(info.sha256.len(), 64);

    let problem = InventoryEntry::problem(
        usage,
        CertificateProblem::Undecodable {
            reason: "is not valid base64".into(),
        },
    );
    assert_eq!(
        serde_json::to_value(&problem).unwrap(),
        json!({
            "usage": {"kind": "saas_idp", "idp_id": "acme"},
            "problem": {"kind": "undecodable", "reason": "is not valid base64"},
        })
    );
    for (problem, kind) in [
        (CertificateProblem::NoConnections, "no_connections"),
        (CertificateProblem::Missing, "missing"),
        (
            CertificateProblem::Inconsistent { distinct: 2 },
            "inconsistent",
        ),
    ] {
        assert_eq!(serde_json::to_value(&problem).unwrap()["kind"], kind);
    }
}
