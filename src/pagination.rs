//! Lists as lazy streams: one page in memory at a time, the next page fetched only when the
//! caller has consumed the current one.

use std::collections::VecDeque;
use std::future::Future;

use futures::{stream, Stream};
use progenitor_client::ClientInfo;
use serde::de::DeserializeOwned;

use crate::error::{DecodeError, Error, Result};
use crate::transport::Transport;

/// The stream a `list` returns: items in server order, pages fetched lazily. It is `Unpin`
/// and `Send`, so `.next().await` and `tokio::spawn` work without pinning.
pub type ItemStream<'a, T> = std::pin::Pin<Box<dyn Stream<Item = Result<T>> + Send + 'a>>;

/// One page of a list: its items and where the next page is, if there is one.
pub(crate) struct Page<T> {
    pub(crate) items: Vec<T>,
    pub(crate) next: Option<String>,
}

/// Streams the items of `first` and of every page after it: `next` turns a page's "next"
/// marker (a URL, a checkpoint) into the request for the following page. Pages are fetched
/// only when the items before them have been consumed.
pub(crate) fn paged<'a, P, T, F, N, NF>(
    first: F,
    next: N,
    to_page: fn(P) -> Result<Page<T>>,
) -> ItemStream<'a, T>
where
    P: Send + 'a,
    T: Send + 'a,
    F: Future<Output = Result<P>> + Send + 'a,
    N: Fn(String) -> NF + Send + Sync + 'a,
    NF: Future<Output = Result<P>> + Send + 'a,
{
    enum State<F, T> {
        First(F),
        Buffered(VecDeque<T>, Option<String>),
        Done,
    }

    let next = std::sync::Arc::new(next);
    Box::pin(stream::unfold(
        State::First(Box::pin(first)),
        move |mut state| {
            let next = next.clone();
            async move {
                loop {
                    state = match state {
                        State::Done => return None,
                        State::First(first) => match first.await.and_then(to_page) {
                            Ok(page) => State::Buffered(page.items.into(), page.next),
                            Err(error) => return Some((Err(error), State::Done)),
                        },
                        State::Buffered(mut items, marker) => {
                            if let Some(item) = items.pop_front() {
                                return Some((Ok(item), State::Buffered(items, marker)));
                            }
                            // The spent page's buffer goes before the next page arrives, so
                            // a long list never holds two pages at once.
                            drop(items);
                            match next(marker?).await.and_then(to_page) {
                                Ok(page) => State::Buffered(page.items.into(), page.next),
                                Err(error) => return Some((Err(error), State::Done)),
                            }
                        }
                    };
                }
            }
        },
    ))
}

/// [`paged`] for HAL lists: the marker is `_links.next.href`, fetched through `api`'s
/// transport (same credentials, same error mapping) and decoded as `P`.
pub(crate) fn follow_pages<'a, A, P, T, F>(
    api: &'a A,
    first: F,
    to_page: fn(P) -> Result<Page<T>>,
) -> ItemStream<'a, T>
where
    A: ClientInfo<Transport> + Sync,
    P: DeserializeOwned + Send + 'a,
    T: Send + 'a,
    F: Future<Output = Result<P>> + Send + 'a,
{
    paged(
        first,
        move |url: String| async move { get_json::<A, P>(api, &url).await },
        to_page,
    )
}

/// GETs an absolute URL the server gave us (a `next` link) through the client's transport.
/// The URL must be on the client's own origin: credentials never go to another host.
async fn get_json<A, P>(api: &A, url: &str) -> Result<P>
where
    A: ClientInfo<Transport>,
    P: DeserializeOwned,
{
    let base = url::Url::parse(api.baseurl()).ok();
    let target = url::Url::parse(url).ok();
    let same_origin = matches!((&base, &target), (Some(b), Some(t)) if b.origin() == t.origin());
    if !same_origin {
        return Err(Error::Decode(DecodeError {
            status: None,
            reason: format!("the next-page link {url:?} is not on the API's origin; not followed"),
            body: String::new(),
        }));
    }
    let request = api
        .client()
        .get(url)
        .header(reqwest::header::ACCEPT, "application/json")
        .build()
        .map_err(|e| Error::Transport(e.into()))?;
    crate::transport::send_for_json(api, request, "follow_next_page").await
}
