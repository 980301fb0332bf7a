//! The signing certificate an `idpId` has now, as the Customer Connection API reports it.

use crate::error::{Error, Result};
use crate::saas::{ConnectionsHandler, IdpId};
use crate::values::Certificate;

use crate::certificates::CertificateProblem;

/// Reads the connections of `idp` and returns their shared signing certificate, decoded, or
/// why there is none to judge. Only a failure to read is an error.
///
/// Every connection of an `idpId` carries a copy of the shared certificate; the copies are
/// compared as text (whitespace ignored) and the one certificate is decoded once.
pub(crate) async fn live_certificate(
    connections: ConnectionsHandler<'_>,
    idp: &IdpId,
) -> Result<Result<Certificate, CertificateProblem>> {
    let listed = match connections.get(idp).await {
        Ok(listed) => listed,
        Err(Error::NotFound(_)) => return Ok(Err(CertificateProblem::NoConnections)),
        Err(error) => return Err(error),
    };
    if listed.is_empty() {
        return Ok(Err(CertificateProblem::NoConnections));
    }
    let mut distinct: Vec<String> = Vec::new();
    for connection in &listed {
        if let Some(encoded) = &connection.signing_certificate {
            let compact: String = encoded
                .as_str()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            if !distinct.contains(&compact) {
                distinct.push(compact);
            }
        }
    }
    // A shared setting that some connections lack is not shared either.
    let some_lack_one = listed.iter().any(|c| c.signing_certificate.is_none());
    Ok(match distinct.as_slice() {
        [] => Err(CertificateProblem::Missing),
        several if some_lack_one => Err(CertificateProblem::Inconsistent {
            distinct: several.len() + 1,
        }),
        [only] => Certificate::parse(only).map_err(|error| CertificateProblem::Undecodable {
            reason: match error {
                Error::InvalidInput(input) => input.reason().to_owned(),
                other => other.to_string(),
            },
        }),
        several => Err(CertificateProblem::Inconsistent {
            distinct: several.len(),
        }),
    })
}
