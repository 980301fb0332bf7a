//! HTTP pieces every API uses: refusals, request reading, paging and the clock.

pub(crate) mod clock;
pub(crate) mod error;
pub(crate) mod paging;
pub(crate) mod request;
