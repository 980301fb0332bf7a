//! A stateful local server that behaves like the documented vendor APIs, for tests, demos and
//! users of other languages: the PingOne SSO for SaaS Apps Customer Connection API, the
//! PingOne Platform management API (applications and identity providers) and the Auth0
//! Management API's connection profiles, each with its own credentials and token endpoint.
//!
//! ```no_run
//! # async fn demo() {
//! use sso_connections_simulator::{Fault, Simulator};
//!
//! let simulator = Simulator::start().await.unwrap();
//! println!("{} {} {}", simulator.saas_base_url(), simulator.client_id(), simulator.client_secret());
//! simulator.inject(Fault::status(503).times(2)); // the next two API requests fail
//! # }
//! ```
//!
//! Control endpoints (no authentication): `POST /__simulator/faults` with a [`Fault`] as JSON,
//! `DELETE /__simulator/faults`, `POST /__simulator/reset`, `GET /__simulator/health`.

#![warn(missing_docs)]

mod auth;
mod auth0;
mod builder;
pub mod catalogue;
mod faults;
mod handle;
mod http;
mod pingone;
mod router;
mod saas;
mod storage;
mod traffic;

pub use auth0::BASE_PATH as AUTH0_BASE_PATH;
pub use builder::{
    SimulatorBuilder, DEFAULT_AUTH0_CLIENT_ID, DEFAULT_AUTH0_CLIENT_SECRET, DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET, DEFAULT_WORKER_ID, DEFAULT_WORKER_SECRET,
};
pub use catalogue::{Application, Protocol};
pub use faults::Fault;
pub use handle::Simulator;
pub use pingone::BASE_PATH as PINGONE_BASE_PATH;
pub use router::UNROUTED_HEADER;
pub use saas::BASE_PATH as SAAS_BASE_PATH;
