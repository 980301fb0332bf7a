//! Generates one typed client module per OpenAPI spec under `openapi/`.
//!
//! Each spec belongs to a Cargo feature; a spec whose feature is off is not read. The output of
//! progenitor is formatted with prettyplease and written to `$OUT_DIR/<module>.rs`, where
//! `src/generated.rs` includes it. Only the spec files are watched, so a build whose specs did
//! not change never runs codegen again.

use std::{env, fs, path::Path, process::exit};

use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle, TypeImpl};
use quote::quote;

/// One spec, the feature that switches it on, and the module it becomes.
struct Spec {
    feature: &'static str,
    file: &'static str,
    module: &'static str,
    /// Spec schemas replaced by hand-written facade types (forward-compatible enums).
    replacements: &'static [(&'static str, &'static str)],
}

const SPECS: &[Spec] = &[Spec {
    feature: "saas",
    file: "openapi/pingone-saas-connections.yaml",
    module: "saas",
    replacements: &[
        ("ConnectionStatus", "crate::saas::ConnectionStatus"),
        ("SigningAlgorithm", "crate::saas::SigningAlgorithm"),
        ("SloBinding", "crate::saas::SloBinding"),
    ],
}];

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=build.rs");
    for spec in SPECS {
        let feature_var = format!("CARGO_FEATURE_{}", spec.feature.to_uppercase());
        if env::var_os(feature_var).is_none() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", spec.file);
        let code = generate(spec).unwrap_or_else(|problem| {
            eprintln!("error: OpenAPI spec {} is invalid: {problem}", spec.file);
            exit(1);
        });
        for (suffix, text) in [("", code.client), ("_httpmock", code.mocks)] {
            let target = Path::new(&out_dir).join(format!("{}{suffix}.rs", spec.module));
            fs::write(&target, text)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
        }
    }
}

/// The generated client, and progenitor's typed httpmock helpers for it (used by tests).
struct Generated {
    client: String,
    mocks: String,
}

/// Parses, checks and generates one spec; every failure names the problem.
fn generate(spec: &Spec) -> Result<Generated, String> {
    let text = fs::read_to_string(spec.file).map_err(|e| format!("cannot read it: {e}"))?;
    let api: openapiv3::OpenAPI =
        serde_yaml::from_str(&text).map_err(|e| format!("not an OpenAPI 3.0 document: {e}"))?;
    if !api.openapi.starts_with("3.0.") {
        return Err(format!("version {} is not OpenAPI 3.0.x", api.openapi));
    }

    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        .with_inner_type(quote!(crate::transport::Transport))
        .with_hooks(HooksMode::Expected);
    for (schema, replacement) in spec.replacements {
        settings.with_replacement(
            *schema,
            *replacement,
            [TypeImpl::Display, TypeImpl::FromStr].into_iter(),
        );
    }

    let mut generator = Generator::new(&settings);
    let client = generator
        .generate_tokens(&api)
        .map_err(|e| format!("progenitor cannot generate a client: {e}"))?;
    let crate_path = format!("sso_connections::generated::{}", spec.module);
    let mocks = generator
        .httpmock(&api, &crate_path)
        .map_err(|e| format!("progenitor cannot generate mock helpers: {e}"))?;
    Ok(Generated {
        client: format_tokens(client)?,
        mocks: format_tokens(mocks)?,
    })
}

fn format_tokens(tokens: proc_macro2::TokenStream) -> Result<String, String> {
    let file = syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    Ok(prettyplease::unparse(&file))
}
