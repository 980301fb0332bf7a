//! Reading a metadata document with `roxmltree`: namespace-aware, read-only, and without DTD
//! support (any `DOCTYPE` is an error, so no entity is ever expanded).

use chrono::{DateTime, Utc};
use roxmltree::{Document, Node};

use crate::error::{Error, Result};
use crate::values::Certificate;

use super::{Endpoint, IdpEntity, LogoutEndpoint, Metadata, MetadataCertificate};

const MD: &str = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
const SAML2_PROTOCOL: &str = "urn:oasis:names:tc:SAML:2.0:protocol";

/// Limits on a document, checked before it is parsed.
///
/// ```
/// use sso_connections::metadata::{Metadata, ParseOptions};
/// let small = ParseOptions::default().max_bytes(16);
/// assert!(Metadata::parse_with(b"<EntityDescriptor/><!-- longer than 16 bytes -->", &small).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseOptions {
    max_bytes: usize,
}

impl Default for ParseOptions {
    /// At most 1 MiB.
    fn default() -> Self {
        Self {
            max_bytes: 1024 * 1024,
        }
    }
}

impl ParseOptions {
    /// The largest document accepted, in bytes (default 1 MiB).
    pub fn max_bytes(mut self, bytes: usize) -> Self {
        self.max_bytes = bytes;
        self
    }

    pub(crate) fn limit(&self) -> usize {
        self.max_bytes
    }
}

/// Why the document was refused, with its position when the XML parser gives one.
fn refused(reason: impl std::fmt::Display) -> Error {
    Error::invalid("metadata", reason.to_string())
}

pub(super) fn parse(document: &[u8], options: &ParseOptions) -> Result<Metadata> {
    if document.len() > options.max_bytes {
        return Err(refused(format!(
            "is {} bytes, more than the {} allowed",
            document.len(),
            options.max_bytes
        )));
    }
    let text = std::str::from_utf8(document)
        .map_err(|e| refused(format!("is not UTF-8 text (byte {})", e.valid_up_to())))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let xml = Document::parse(text).map_err(|e| refused(format!("is not well-formed XML: {e}")))?;
    let root = xml.root_element();
    let mut entities = Vec::new();
    let mut roles = Vec::new();
    match (root.tag_name().namespace(), root.tag_name().name()) {
        (Some(MD), "EntityDescriptor") => {
            read_entity(root, &Inherited::default(), &mut entities, &mut roles)?
        }
        (Some(MD), "EntitiesDescriptor") => {
            read_aggregate(root, &Inherited::default(), &mut entities, &mut roles)?
        }
        (namespace, name) => {
            return Err(refused(format!(
                "is not SAML metadata: the root element is {{{}}}{name} at {}",
                namespace.unwrap_or(""),
                position(&xml, root)
            )))
        }
    }
    if entities.is_empty() {
        let found = if roles.is_empty() {
            "no role at all".to_owned()
        } else {
            roles.join(", ")
        };
        return Err(refused(format!(
            "describes no identity provider (no SAML 2.0 IDPSSODescriptor); it has {found}"
        )));
    }
    Ok(Metadata { entities })
}

/// `validUntil` and `cacheDuration` of an enclosing aggregate, which apply to its entities.
#[derive(Clone, Default)]
struct Inherited {
    valid_until: Option<DateTime<Utc>>,
    cache_duration: Option<String>,
}

impl Inherited {
    fn within(&self, node: Node) -> Result<Self> {
        Ok(Self {
            valid_until: match node.attribute("validUntil") {
                Some(value) => Some(date(node, "validUntil", value)?),
                None => self.valid_until,
            },
            cache_duration: node
                .attribute("cacheDuration")
                .map(|d| d.trim().to_owned())
                .or_else(|| self.cache_duration.clone()),
        })
    }
}

fn date(node: Node, attribute: &str, value: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value.trim())
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| {
            refused(format!(
                "has a {attribute} that is not a date and time ({e}) at {}",
                position(node.document(), node)
            ))
        })
}

fn position(xml: &Document, node: Node) -> String {
    let at = xml.text_pos_at(node.range().start);
    format!("line {}, column {}", at.row, at.col)
}

fn is_md(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(MD) && node.tag_name().name() == name
}

fn read_aggregate(
    node: Node,
    outer: &Inherited,
    entities: &mut Vec<IdpEntity>,
    roles: &mut Vec<String>,
) -> Result<()> {
    let inherited = outer.within(node)?;
    for child in node.children() {
        if is_md(&child, "EntitiesDescriptor") {
            read_aggregate(child, &inherited, entities, roles)?;
        } else if is_md(&child, "EntityDescriptor") {
            read_entity(child, &inherited, entities, roles)?;
        }
    }
    Ok(())
}

fn read_entity(
    node: Node,
    outer: &Inherited,
    entities: &mut Vec<IdpEntity>,
    roles: &mut Vec<String>,
) -> Result<()> {
    let inherited = outer.within(node)?;
    let entity_id = node
        .attribute("entityID")
        .map(str::trim)
        .unwrap_or_default();
    if entity_id.is_empty() {
        return Err(refused(format!(
            "has an EntityDescriptor without entityID at {}",
            position(node.document(), node)
        )));
    }
    let mut idp = None;
    for role in node
        .children()
        .filter(|c| c.is_element() && c.tag_name().namespace() == Some(MD))
    {
        let name = role.tag_name().name();
        let saml2 = role
            .attribute("protocolSupportEnumeration")
            .is_some_and(|p| p.split_whitespace().any(|p| p == SAML2_PROTOCOL));
        if name == "IDPSSODescriptor" && saml2 && idp.is_none() {
            idp = Some(role);
        } else if name.ends_with("Descriptor") && name != "Extensions" {
            roles.push(format!("{name} of {entity_id:?}"));
        }
    }
    if let Some(role) = idp {
        entities.push(read_idp(entity_id, role, &inherited)?);
    }
    Ok(())
}

fn read_idp(entity_id: &str, role: Node, inherited: &Inherited) -> Result<IdpEntity> {
    let mut entity = IdpEntity {
        entity_id: entity_id.to_owned(),
        sso: Vec::new(),
        slo: Vec::new(),
        signing_certificates: Vec::new(),
        encryption_certificates: Vec::new(),
        want_authn_requests_signed: match role.attribute("WantAuthnRequestsSigned") {
            Some(flag) => Some(boolean(role, flag)?),
            None => None,
        },
        name_id_formats: Vec::new(),
        valid_until: inherited.valid_until,
        cache_duration: inherited.cache_duration.clone(),
    };
    for child in role.children().filter(Node::is_element) {
        if is_md(&child, "SingleSignOnService") {
            let (binding, location) = endpoint(child)?;
            entity.sso.push(Endpoint { binding, location });
        } else if is_md(&child, "SingleLogoutService") {
            let (binding, location) = endpoint(child)?;
            let response_location = child
                .attribute("ResponseLocation")
                .map(|r| r.trim().to_owned());
            entity.slo.push(LogoutEndpoint {
                binding,
                location,
                response_location,
            });
        } else if is_md(&child, "NameIDFormat") {
            let format = child.text().unwrap_or_default().trim();
            if !format.is_empty() {
                entity.name_id_formats.push(format.to_owned());
            }
        } else if is_md(&child, "KeyDescriptor") {
            let usage = child.attribute("use").map(str::trim);
            for certificate in certificates(child)? {
                if usage != Some("encryption") {
                    push_once(&mut entity.signing_certificates, certificate.clone());
                }
                if usage != Some("signing") {
                    push_once(&mut entity.encryption_certificates, certificate);
                }
            }
        }
    }
    Ok(entity)
}

fn push_once(list: &mut Vec<MetadataCertificate>, certificate: MetadataCertificate) {
    if !list.contains(&certificate) {
        list.push(certificate);
    }
}

fn boolean(node: Node, value: &str) -> Result<bool> {
    match value.trim() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        other => Err(refused(format!(
            "has WantAuthnRequestsSigned={other:?}, not a boolean, at {}",
            position(node.document(), node)
        ))),
    }
}

fn endpoint(node: Node) -> Result<(String, String)> {
    match (node.attribute("Binding"), node.attribute("Location")) {
        (Some(binding), Some(location)) => {
            Ok((binding.trim().to_owned(), location.trim().to_owned()))
        }
        _ => Err(refused(format!(
            "has a {} without Binding or Location at {}",
            node.tag_name().name(),
            position(node.document(), node)
        ))),
    }
}

/// Every `ds:X509Certificate` of a `KeyDescriptor`, decoded after removing all whitespace.
fn certificates(key: Node) -> Result<Vec<MetadataCertificate>> {
    key.descendants()
        .filter(|n| {
            n.is_element()
                && n.tag_name().namespace() == Some(DS)
                && n.tag_name().name() == "X509Certificate"
        })
        .map(|n| {
            let text: String = n
                .descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect();
            Certificate::parse_field("metadata", &text)
                .map(MetadataCertificate)
                .map_err(|e| match e {
                    Error::InvalidInput(input) => refused(format!(
                        "has a certificate that {} at {}",
                        input.reason(),
                        position(n.document(), n)
                    )),
                    other => other,
                })
        })
        .collect()
}
