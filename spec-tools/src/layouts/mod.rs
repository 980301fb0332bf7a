//! One parser per page layout. The pairing file names each document's layout.

pub mod applications_page;
pub mod auth0_page;
pub mod platform_page;
pub mod saas_markdown;

use serde::Deserialize;

use crate::model::Document;

/// The page layouts the check reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Markdown tables and fenced examples (PingOne SSO for SaaS Apps, doc 000).
    SaasMarkdown,
    /// One PingOne Platform operation: "Property Required? Type" lists, a raw body and an
    /// example response (docs 001 and 003).
    PlatformPage,
    /// One Auth0 Management API operation: the curl request, the response, and the
    /// parameter lists of name, type and notes (doc 002).
    Auth0Page,
    /// The PingOne applications reference: data-model tables, operations named in running
    /// text, curl requests and response samples (doc 004).
    ApplicationsPage,
}

impl Layout {
    /// Reads `text` as a page of this layout.
    pub fn parse(self, text: &str) -> Document {
        match self {
            Layout::SaasMarkdown => saas_markdown::parse(text),
            Layout::PlatformPage => platform_page::parse(text),
            Layout::Auth0Page => auth0_page::parse(text),
            Layout::ApplicationsPage => applications_page::parse(text),
        }
    }
}
