//! What a facade reads from a generated call, and what the transport saw while it ran.

use std::{cell::Cell, future::Future, pin::Pin};

use progenitor_client::ResponseValue;
use reqwest::StatusCode;

use crate::error::{Error, Result};

use super::errors::{from_generated, ErrorBody};

/// The typed body of a successful call; any failure as this crate's [`Error`].
pub(crate) fn body_of<T, E: ErrorBody>(
    call: impl Future<Output = std::result::Result<ResponseValue<T>, progenitor_client::Error<E>>>,
) -> impl Future<Output = Result<T>> {
    let call = recorded(call);
    async move {
        let (error, record) = match call.await {
            (Ok(value), _) => return Ok(value.into_inner()),
            (Err(error), record) => (error, record),
        };
        Err(failure(error, record).await)
    }
}

/// Whether a call without a response body changed something: `Ok(true)` for any 2xx,
/// `Ok(false)` for 304 Not Modified.
pub(crate) fn changed_by<E: ErrorBody>(
    call: impl Future<Output = std::result::Result<ResponseValue<()>, progenitor_client::Error<E>>>,
) -> impl Future<Output = Result<bool>> {
    let call = recorded(call);
    async move {
        let (error, record) = match call.await {
            (Ok(_), _) => return Ok(true),
            (Err(progenitor_client::Error::UnexpectedResponse(response)), record) => {
                match response.status() {
                    StatusCode::NOT_MODIFIED => return Ok(false),
                    status if status.is_success() => return Ok(true),
                    _ => (
                        progenitor_client::Error::UnexpectedResponse(response),
                        record,
                    ),
                }
            }
            (Err(error), record) => (error, record),
        };
        Err(failure(error, record).await)
    }
}

/// The crate's error for a failed call (reading the error body if there is one). Boxed: it
/// is the rare path, and it would otherwise add its size to every call's future.
fn failure<E: ErrorBody>(
    error: progenitor_client::Error<E>,
    record: CallRecord,
) -> Pin<Box<impl Future<Output = Error>>> {
    Box::pin(async move { with_call(from_generated(error).await, record) })
}

/// What happened to one facade call: how many attempts, and the last status seen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CallRecord {
    attempts: u32,
    last_status: Option<StatusCode>,
}

tokio::task_local! {
    static CALL: Cell<CallRecord>;
}

/// Counts one attempt of the call running in this task (nothing outside [`recorded`]).
pub(super) fn record_attempt(status: Option<StatusCode>) {
    let _ = CALL.try_with(|call| {
        let mut record = call.get();
        record.attempts += 1;
        record.last_status = status.or(record.last_status);
        call.set(record);
    });
}

/// Runs one facade call and reports what the transport saw while it ran.
///
/// The call is boxed here, once: a generated call's future is a few kilobytes, and every
/// layer of `async fn` around it would otherwise keep its own copy (and the caller's future,
/// the one users hold and spawn, would grow by each of them).
pub(crate) fn recorded<F: Future>(call: F) -> impl Future<Output = (F::Output, CallRecord)> {
    let call = Box::pin(call);
    CALL.scope(Cell::new(CallRecord::default()), async {
        let output = call.await;
        (output, CALL.with(|c| c.get()))
    })
}

/// Adds what the transport saw during the call to its error: the attempt count, and the
/// status of the answer a decode error came from (progenitor does not keep it).
pub(crate) fn with_call(mut error: Error, record: CallRecord) -> Error {
    let attempts = record.attempts.max(1);
    match &mut error {
        Error::NotFound(api) | Error::AlreadyExists(api) | Error::Api(api) => {
            api.attempts = attempts
        }
        Error::Transport(transport) => transport.attempts = attempts,
        Error::Decode(decode) if decode.status.is_none() => decode.status = record.last_status,
        _ => {}
    }
    error
}
