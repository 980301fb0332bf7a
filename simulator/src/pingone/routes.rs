//! The PingOne routes, relative to the API's base path.

use std::sync::Arc;

use axum::{routing::get, Router};

use super::{
    certificates::{self, Held},
    children, resources,
    state::{PingOne, TopLevel},
};

/// Every route of the management API.
pub(crate) fn routes() -> Router<Arc<PingOne>> {
    let mut router = Router::new();
    for top in [TopLevel::Applications, TopLevel::IdentityProviders] {
        let collection = format!("/environments/{{env}}/{}", top.key());
        let item = format!("{collection}/{{id}}");
        router = router
            .route(
                &collection,
                get(move |s, p, q, h| resources::list(top, s, p, q, h))
                    .post(move |s, p, h, b| resources::create(top, s, p, h, b)),
            )
            .route(
                &item,
                get(move |s, p| resources::get(top, s, p))
                    .put(move |s, p, b| resources::replace(top, s, p, b))
                    .delete(move |s, p| resources::delete(top, s, p)),
            );
    }
    router
        .route(
            "/environments/{env}/certificates",
            get(|s, p, q, h| certificates::list(Held::Certificates, s, p, q, h))
                .post(certificates::import),
        )
        .route(
            "/environments/{env}/certificates/{id}",
            get(|s, p| certificates::get(Held::Certificates, s, p)).delete(certificates::delete),
        )
        .route(
            "/environments/{env}/keys",
            get(|s, p, q, h| certificates::list(Held::Keys, s, p, q, h)),
        )
        .route(
            "/environments/{env}/keys/{id}",
            get(|s, p| certificates::get(Held::Keys, s, p)),
        )
        .route(
            "/environments/{env}/applications/{app}/secret",
            get(children::get_secret).post(children::rotate_secret),
        )
        .route(
            "/environments/{env}/applications/{app}/{kind}",
            get(children::list).post(children::create),
        )
        .route(
            "/environments/{env}/applications/{app}/{kind}/{id}",
            get(children::get)
                .put(children::replace)
                .delete(children::delete),
        )
}
