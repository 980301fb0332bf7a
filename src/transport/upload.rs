//! Requests the generated clients cannot build (a `next` link the server gave, a
//! `multipart/form-data` upload progenitor does not generate), sent through the same
//! [`Transport`]: credentials, request limits, retries, tracing and error mapping are the
//! ones every generated call gets.

use progenitor_client::{ClientInfo, OperationInfo};
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

use super::{from_response, recorded, with_call, Transport};

/// Sends `request` (built on the client's own `reqwest::Client`) as the operation
/// `operation_id`, and reads a JSON body from any 2xx answer. A request whose body is bytes can
/// be sent again, so the retry policy applies to it as to any other.
pub(crate) async fn send_for_json<A, T>(
    api: &A,
    request: reqwest::Request,
    operation_id: &'static str,
) -> Result<T>
where
    A: ClientInfo<Transport>,
    T: DeserializeOwned,
{
    match recorded(send_once::<A, T>(api, request, operation_id)).await {
        (Ok(value), _) => Ok(value),
        (Err(error), record) => Err(with_call(error, record)),
    }
}

async fn send_once<A, T>(
    api: &A,
    mut request: reqwest::Request,
    operation_id: &'static str,
) -> Result<T>
where
    A: ClientInfo<Transport>,
    T: DeserializeOwned,
{
    api.inner()
        .prepare(&mut request)
        .await
        .map_err(Error::from)?;
    let info = OperationInfo { operation_id };
    let response = api
        .inner()
        .execute(api.client(), request, &info)
        .await
        .map_err(|e| Error::Transport(e.into()))?;
    let status = response.status();
    if !status.is_success() {
        return Err(from_response(response).await);
    }
    let body = response
        .bytes()
        .await
        .map_err(|e| Error::Transport(e.into()))?;
    serde_json::from_slice(&body).map_err(|e| Error::decode(Some(status), &e, &body))
}
