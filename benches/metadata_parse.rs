//! Parsing real identity-provider metadata: the library's `Metadata::parse` (every
//! identity-provider entity, endpoints, and each certificate decoded and fingerprinted)
//! against a bare `roxmltree` parse of the same bytes. Target: at most 1.5×.
//!
//! The document is the largest of `../shared/fixtures/saml-metadata/` (ADFS federation
//! metadata, 71 KB), read from there; without that folder the bench says so and stops.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use sso_connections::metadata::Metadata;

const DOCUMENT: &str = "../shared/fixtures/saml-metadata/02-adfs-federationmetadata.xml";

fn parsing(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DOCUMENT);
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("{} is not here; nothing to measure", path.display());
        return;
    };
    let text = std::str::from_utf8(&bytes).unwrap().to_owned();
    let mut group = c.benchmark_group("metadata_adfs_71kb");
    group.bench_function("roxmltree_parse", |b| {
        b.iter(|| {
            let document = roxmltree::Document::parse(black_box(&text)).unwrap();
            black_box(document.root_element().attribute("entityID"));
        })
    });
    group.bench_function("metadata_parse", |b| {
        b.iter(|| black_box(Metadata::parse(black_box(&bytes)).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, parsing);
criterion_main!(benches);
