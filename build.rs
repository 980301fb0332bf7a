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
pub struct Spec {
    pub feature: &'static str,
    pub file: &'static str,
    pub module: &'static str,
    /// Spec schemas replaced by hand-written facade types (forward-compatible enums and
    /// unions), with the traits each replacement implements.
    pub replacements: &'static [(&'static str, &'static str, &'static [TypeImpl])],
    /// Turn every string-enum component schema into an open enum (`Unknown(String)` for
    /// values added later), written to `$OUT_DIR/<module>_enums.rs` from the spec itself.
    pub open_enums: bool,
}

/// What the facade's open enums implement (see `src/open_enum.rs`).
const OPEN_ENUM: &[TypeImpl] = &[TypeImpl::Display, TypeImpl::FromStr];

pub const SPECS: &[Spec] = &[
    Spec {
        feature: "saas",
        file: "openapi/pingone-saas-connections.yaml",
        module: "saas",
        replacements: &[],
        open_enums: true,
    },
    Spec {
        feature: "pingone",
        file: "openapi/pingone-platform.yaml",
        module: "pingone",
        replacements: &[
            ("Application", "crate::pingone::Application", &[]),
            // Credentials: a type whose `Debug` never shows the value.
            ("Secret", "crate::SecretString", &[]),
            ("IdentityProvider", "crate::pingone::IdentityProvider", &[]),
            // X.509 serials may not fit in 64 bits: read any number or string.
            (
                "CertificateSerialNumber",
                "crate::pingone::SerialNumber",
                &[],
            ),
        ],
        open_enums: true,
    },
    Spec {
        feature: "auth0",
        file: "openapi/auth0-connection-profiles.yaml",
        module: "auth0",
        replacements: &[],
        open_enums: true,
    },
];

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
        for (suffix, text) in [
            ("", code.client),
            ("_httpmock", code.mocks),
            ("_enums", code.enums),
            ("_operations", code.operations),
            ("_rules", code.rules),
        ] {
            let target = Path::new(&out_dir).join(format!("{}{suffix}.rs", spec.module));
            fs::write(&target, text)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
        }
    }
}

/// The generated client, and progenitor's typed httpmock helpers for it (used by tests).
pub struct Generated {
    pub client: String,
    pub mocks: String,
    /// `open_enum!` declarations (empty unless the spec asks for open enums).
    pub enums: String,
    /// A Rust expression: `&[(operation_id, METHOD, path_template), ...]` (snake-case ids, as
    /// progenitor names them in `OperationInfo`).
    pub operations: String,
    /// Two modules of constants, one per component schema: `request_limits` (the
    /// `x-request-limits` reachable from it, as paths into a JSON body; see
    /// `src/request_limits.rs`) and `server_owned` (its top-level `readOnly` properties).
    pub rules: String,
}

/// Parses, checks and generates one spec; every failure names the problem.
pub fn generate(spec: &Spec) -> Result<Generated, String> {
    let text = fs::read_to_string(spec.file).map_err(|e| format!("cannot read it: {e}"))?;
    let tree: serde_yaml::Value =
        serde_yaml::from_str(&text).map_err(|e| format!("not an OpenAPI 3.0 document: {e}"))?;
    let whole: openapiv3::OpenAPI = serde_yaml::from_value(tree.clone())
        .map_err(|e| format!("not an OpenAPI 3.0 document: {e}"))?;
    if !whole.openapi.starts_with("3.0.") {
        return Err(format!("version {} is not OpenAPI 3.0.x", whole.openapi));
    }
    let api: openapiv3::OpenAPI =
        serde_yaml::from_value(without_multipart(without_patterns(tree.clone())))
            .map_err(|e| format!("not an OpenAPI 3.0 document: {e}"))?;
    check_references(&tree, &tree)?;
    let open_enums = if spec.open_enums {
        string_enums(&tree)
    } else {
        Vec::new()
    };

    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Positional)
        .with_tag(TagStyle::Merged)
        .with_inner_type(quote!(crate::transport::Transport))
        .with_hooks(HooksMode::Expected);
    for (schema, replacement, impls) in spec.replacements {
        settings.with_replacement(*schema, *replacement, impls.iter().cloned());
    }
    for open in &open_enums {
        let path = format!("crate::generated::{}_enums::{}", spec.module, open.name);
        settings.with_replacement(&open.name, path, OPEN_ENUM.iter().cloned());
    }

    // The generator panics on some malformed input; report that as this spec's problem too.
    let crate_path = format!("sso_connections::generated::{}", spec.module);
    let (client, mocks) = std::panic::catch_unwind(|| {
        let mut generator = Generator::new(&settings);
        let client = generator
            .generate_tokens(&api)
            .map_err(|e| format!("progenitor cannot generate a client: {e}"))?;
        let mocks = generator
            .httpmock(&api, &crate_path)
            .map_err(|e| format!("progenitor cannot generate mock helpers: {e}"))?;
        Ok::<_, String>((client, mocks))
    })
    .map_err(|panic| {
        let reason = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        format!("progenitor cannot generate a client: {reason}")
    })??;
    Ok(Generated {
        client: format_tokens(client)?,
        mocks: format_tokens(mocks)?,
        enums: open_enums.iter().map(OpenEnum::declaration).collect(),
        operations: operation_table(&whole),
        rules: format!(
            "pub(crate) mod request_limits {{\n{}}}\n\npub(crate) mod server_owned {{\n{}}}\n",
            request_limits(&tree)?,
            server_owned(&tree)
        ),
    })
}

/// Every operation as `(operation_id_in_snake_case, METHOD, path template)`.
fn operation_table(api: &openapiv3::OpenAPI) -> String {
    let mut rows = Vec::new();
    for (path, item) in api.paths.iter() {
        let Some(item) = item.as_item() else { continue };
        for (method, operation) in item.iter() {
            if let Some(id) = &operation.operation_id {
                rows.push(format!(
                    "({:?}, {:?}, {path:?})",
                    snake_case(id),
                    method.to_uppercase()
                ));
            }
        }
    }
    format!("&[{}]", rows.join(", "))
}

/// `createCustomerConnection` → `create_customer_connection`.
fn snake_case(id: &str) -> String {
    let mut out = String::new();
    for (i, c) in id.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A string enum of the spec, to be declared with `open_enum!`.
struct OpenEnum {
    name: String,
    description: String,
    /// (wire value, Rust variant name, documentation) per value.
    values: Vec<(String, String, String)>,
}

impl OpenEnum {
    fn declaration(&self) -> String {
        let variants: String = self
            .values
            .iter()
            .map(|(value, variant, doc)| {
                format!("        #[doc = {doc:?}]\n        {variant} => {value:?},\n")
            })
            .collect();
        format!(
            "crate::open_enum::open_enum! {{\n    #[doc = {doc:?}]\n    pub enum {name} {{\n{variants}    }}\n}}\n\n",
            doc = self.description.trim(),
            name = self.name,
        )
    }
}

/// Every component schema that is a string with an `enum`. A value's Rust name is its
/// `x-enum-varnames` entry or its wire value in PascalCase; its documentation is its
/// `x-enum-descriptions` entry (the extensions other generators read too), or names the
/// wire value.
fn string_enums(tree: &serde_yaml::Value) -> Vec<OpenEnum> {
    let Some(serde_yaml::Value::Mapping(schemas)) =
        tree.get("components").and_then(|c| c.get("schemas"))
    else {
        return Vec::new();
    };
    let nth = |schema: &serde_yaml::Value, key: &str, i: usize| {
        schema
            .get(key)
            .and_then(|list| list.get(i))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    schemas
        .iter()
        .filter_map(|(name, schema)| {
            let values = schema.get("enum")?.as_sequence()?;
            (schema.get("type")?.as_str()? == "string").then(|| OpenEnum {
                name: name.as_str().unwrap_or_default().to_owned(),
                description: schema
                    .get("description")
                    .and_then(|d| d.as_str())
                    .unwrap_or_default()
                    .to_owned(),
                values: values
                    .iter()
                    .filter_map(|v| v.as_str())
                    .enumerate()
                    .map(|(i, value)| {
                        (
                            value.to_owned(),
                            nth(schema, "x-enum-varnames", i).unwrap_or_else(|| pascal_case(value)),
                            nth(schema, "x-enum-descriptions", i)
                                .unwrap_or_else(|| format!("The wire value `{value}`.")),
                        )
                    })
                    .collect(),
            })
        })
        .collect()
}

/// `OPENID_CONNECT` → `OpenidConnect`, `Disabled by Customer` → `DisabledByCustomer`.
fn pascal_case(value: &str) -> String {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let lower = word.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The component schemas whose names can be Rust constant names.
fn named_schemas(
    tree: &serde_yaml::Value,
) -> impl Iterator<Item = (&str, &serde_yaml::Value)> + '_ {
    tree.get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(|s| s.as_mapping())
        .into_iter()
        .flatten()
        .filter_map(|(name, schema)| {
            let name = name.as_str()?;
            let usable =
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            usable.then_some((name, schema))
        })
}

/// The schema a local `$ref` points at (or the schema itself).
fn resolved<'a>(
    tree: &'a serde_yaml::Value,
    schema: &'a serde_yaml::Value,
) -> &'a serde_yaml::Value {
    match schema
        .get("$ref")
        .and_then(|r| r.as_str())
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
    {
        Some(target) => &tree["components"]["schemas"][target],
        None => schema,
    }
}

/// Whether a property's schema is read-only: itself, through a `$ref`, or through a
/// one-element `allOf` (OpenAPI 3.0 ignores keywords next to a bare `$ref`).
fn is_read_only(tree: &serde_yaml::Value, schema: &serde_yaml::Value) -> bool {
    let flagged = |s: &serde_yaml::Value| s.get("readOnly").and_then(|r| r.as_bool()) == Some(true);
    flagged(schema)
        || flagged(resolved(tree, schema))
        || schema
            .get("allOf")
            .and_then(|a| a.as_sequence())
            .is_some_and(|members| members.iter().any(|m| flagged(resolved(tree, m))))
}

/// For every component schema, its top-level properties the server owns (`readOnly`), with
/// those of every `oneOf` member for a union.
fn server_owned(tree: &serde_yaml::Value) -> String {
    let mut out = String::new();
    for (name, schema) in named_schemas(tree) {
        let mut members = vec![schema];
        members.extend(
            schema
                .get("oneOf")
                .and_then(|o| o.as_sequence())
                .into_iter()
                .flatten()
                .map(|m| resolved(tree, m)),
        );
        let mut owned: Vec<&str> = members
            .iter()
            .filter_map(|m| m.get("properties").and_then(|p| p.as_mapping()))
            .flatten()
            .filter(|(_, property)| is_read_only(tree, property))
            .filter_map(|(key, _)| key.as_str())
            .collect();
        owned.sort_unstable();
        owned.dedup();
        out += &format!(
            "/// The properties of `{name}` the server owns (`readOnly`).\n\
             #[allow(non_upper_case_globals, dead_code)]\n\
             pub(crate) const {name}: &[&str] = &{owned:?};\n"
        );
    }
    out
}

/// The keywords `x-request-limits` may hold, as (keyword, field of `Limit`).
const LIMIT_KEYWORDS: &[(&str, &str)] = &[
    ("minimum", "minimum"),
    ("maximum", "maximum"),
    ("minItems", "min_items"),
    ("maxItems", "max_items"),
    ("minLength", "min_length"),
    ("maxLength", "max_length"),
];

/// For every component schema, the `x-request-limits` of the fields reachable from it (through
/// properties, array items, `$ref`s and `oneOf`/`anyOf`/`allOf`), as `Limit` constants named
/// after the schema. A keyword the facade cannot check is an error, not a silent gap.
fn request_limits(tree: &serde_yaml::Value) -> Result<String, String> {
    let mut out = String::new();
    for (name, schema) in named_schemas(tree) {
        let mut found = Vec::new();
        collect_limits(
            tree,
            schema,
            &mut Vec::new(),
            &mut vec![name.to_owned()],
            &mut found,
        )?;
        found.sort_unstable();
        found.dedup();
        out += &format!(
            "/// Request limits of the fields reachable from `{name}`.\n\
             #[allow(non_upper_case_globals, dead_code)]\n\
             pub(crate) const {name}: &[crate::request_limits::Limit] = &[{}];\n",
            found.join(", ")
        );
    }
    Ok(out)
}

fn collect_limits(
    tree: &serde_yaml::Value,
    schema: &serde_yaml::Value,
    path: &mut Vec<String>,
    seen: &mut Vec<String>,
    found: &mut Vec<String>,
) -> Result<(), String> {
    if let Some(target) = schema
        .get("$ref")
        .and_then(|r| r.as_str())
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
    {
        if seen.iter().any(|s| s == target) {
            return Ok(());
        }
        let referenced = &tree["components"]["schemas"][target];
        seen.push(target.to_owned());
        collect_limits(tree, referenced, path, seen, found)?;
        seen.pop();
        return Ok(());
    }
    if let Some(serde_yaml::Value::Mapping(limits)) = schema.get("x-request-limits") {
        let place = path.join(".");
        let mut fields = Vec::new();
        for (keyword, value) in limits {
            let keyword = keyword.as_str().unwrap_or_default();
            let field = LIMIT_KEYWORDS
                .iter()
                .find(|(k, _)| *k == keyword)
                .map(|(_, f)| *f)
                .ok_or_else(|| {
                    format!("x-request-limits of {place} has an unknown keyword {keyword:?}")
                })?;
            let number = value.as_i64().ok_or_else(|| {
                format!("x-request-limits.{keyword} of {place} is not an integer")
            })?;
            fields.push(format!("{field}: Some({number})"));
        }
        found.push(format!(
            "crate::request_limits::Limit {{ field: {place:?}, path: &{path:?}, {}, ..crate::request_limits::Limit::NONE }}",
            fields.join(", ")
        ));
    }
    if let Some(serde_yaml::Value::Mapping(properties)) = schema.get("properties") {
        for (name, property) in properties {
            path.push(name.as_str().unwrap_or_default().to_owned());
            collect_limits(tree, property, path, seen, found)?;
            path.pop();
        }
    }
    if let Some(items) = schema.get("items") {
        path.push("*".to_owned());
        collect_limits(tree, items, path, seen, found)?;
        path.pop();
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        for member in schema
            .get(key)
            .and_then(|m| m.as_sequence())
            .into_iter()
            .flatten()
        {
            collect_limits(tree, member, path, seen, found)?;
        }
    }
    Ok(())
}

/// The spec without its `pattern` keywords. The facade checks every documented pattern itself
/// (with an error that says which rule failed), so the generated code need not: without
/// patterns it does not use the `regress` crate, which the library then does not build. A
/// property named `pattern` is an object, not a string, and stays.
fn without_patterns(node: serde_yaml::Value) -> serde_yaml::Value {
    match node {
        serde_yaml::Value::Mapping(map) => serde_yaml::Value::Mapping(
            map.into_iter()
                .filter(|(key, value)| !(key.as_str() == Some("pattern") && value.is_string()))
                .map(|(key, value)| (key, without_patterns(value)))
                .collect(),
        ),
        serde_yaml::Value::Sequence(items) => {
            serde_yaml::Value::Sequence(items.into_iter().map(without_patterns).collect())
        }
        other => other,
    }
}

/// The spec without its operations whose request body can only be sent as
/// `multipart/form-data`: progenitor 0.15 cannot generate them. They stay in the operation
/// table (tracing names their path), and the facade sends them itself through the same
/// transport (`src/transport/upload.rs`). Other operations of the same path are kept.
fn without_multipart(mut tree: serde_yaml::Value) -> serde_yaml::Value {
    let Some(serde_yaml::Value::Mapping(paths)) = tree.get_mut("paths") else {
        return tree;
    };
    for (_, item) in paths.iter_mut() {
        let Some(item) = item.as_mapping_mut() else {
            continue;
        };
        item.retain(|_, operation| !multipart_only(operation));
    }
    tree
}

/// Whether an operation's request body has `multipart/form-data` and no other media type.
fn multipart_only(operation: &serde_yaml::Value) -> bool {
    operation
        .get("requestBody")
        .and_then(|body| body.get("content"))
        .and_then(|content| content.as_mapping())
        .is_some_and(|content| content.len() == 1 && content.contains_key("multipart/form-data"))
}

/// Every local `$ref` (`#/...`) must point at something in the same document.
fn check_references(root: &serde_yaml::Value, node: &serde_yaml::Value) -> Result<(), String> {
    match node {
        serde_yaml::Value::Mapping(map) => {
            if let Some(serde_yaml::Value::String(target)) = map.get("$ref") {
                if let Some(pointer) = target.strip_prefix("#/") {
                    let found = pointer.split('/').try_fold(root, |at, key| {
                        at.get(key.replace("~1", "/").replace("~0", "~"))
                    });
                    if found.is_none() {
                        return Err(format!("reference {target} points at nothing"));
                    }
                }
            }
            map.values()
                .try_for_each(|value| check_references(root, value))
        }
        serde_yaml::Value::Sequence(items) => items
            .iter()
            .try_for_each(|value| check_references(root, value)),
        _ => Ok(()),
    }
}

fn format_tokens(tokens: proc_macro2::TokenStream) -> Result<String, String> {
    let file = syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    Ok(prettyplease::unparse(&file))
}
