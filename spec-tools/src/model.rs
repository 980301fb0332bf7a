//! What a vendor document states, whatever its layout: the parsers fill these types and the
//! comparison reads them.

/// Everything one document states about the API.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Document {
    /// Operations, in the order the document presents them.
    pub operations: Vec<Operation>,
    /// Field tables that describe a data model rather than one operation's request or response.
    pub models: Vec<Model>,
    /// Status codes stated for the document as a whole (a "response codes" table).
    pub statuses: Vec<u16>,
}

/// One operation: its method and path, and what the document says about it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Operation {
    /// Upper-case HTTP method.
    pub method: String,
    /// Path as written, relative to the host; placeholders in any notation are turned into
    /// `{name}` (see [`crate::text::path_of_url`]).
    pub path: String,
    /// Parameters and body fields of the request.
    pub request: Vec<Field>,
    /// Fields of the response body.
    pub response: Vec<Field>,
    /// Status codes the document gives for this operation.
    pub statuses: Vec<u16>,
    /// Sample request lines (method and URL) shown for this operation.
    pub request_lines: Vec<RequestLine>,
    /// JSON examples of request and response bodies, as written.
    pub examples: Vec<Example>,
}

/// Where a request item travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Location {
    /// A segment of the path.
    Path,
    /// A query string parameter.
    Query,
    /// A property of the JSON body.
    Body,
    /// A request parameter whose location the document does not state.
    Unstated,
}

/// A parameter or a (possibly nested, dot-separated) body field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Name; nested fields are joined with `.` and arrays are not named
    /// (`spVerification.certificates.id`).
    pub name: String,
    /// Where it travels (response fields are always [`Location::Body`]).
    pub location: Location,
    /// `Some(true)` required, `Some(false)` optional, `None` when the document does not say.
    pub required: Option<bool>,
    /// The type the document gives, if any.
    pub doc_type: Option<DocType>,
    /// Enumerated values, as written.
    pub enum_values: Vec<String>,
    /// Length, range and pattern limits.
    pub limits: Vec<Limit>,
}

impl Field {
    /// A field with only a name and a location; the parsers fill in the rest.
    pub fn new(name: impl Into<String>, location: Location) -> Self {
        Field {
            name: name.into(),
            location,
            required: None,
            doc_type: None,
            enum_values: Vec::new(),
            limits: Vec::new(),
        }
    }
}

/// JSON types a document can give a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    /// A string.
    String,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A JSON object.
    Object,
    /// A JSON array.
    Array,
}

impl JsonType {
    /// The JSON Schema name of the type.
    pub fn as_str(self) -> &'static str {
        match self {
            JsonType::String => "string",
            JsonType::Integer => "integer",
            JsonType::Number => "number",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
        }
    }
}

/// A type as the document writes it, with its meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct DocType {
    /// The document's own word for it (`URL`, `enum<string>[]`, `string`).
    pub written: String,
    /// The JSON type it stands for.
    pub json: JsonType,
    /// A format the type implies (`uuid`, or the `<...>` part of `string<...>`).
    pub format: Option<String>,
}

/// A limit on a value, named by its JSON Schema keyword.
#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    /// `minLength`, `maxLength`, `minimum`, `maximum` or `pattern`.
    pub keyword: String,
    /// The value as written (a number or a regular expression).
    pub value: String,
}

/// A sample request line: method and URL, without headers or body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestLine {
    /// Upper-case HTTP method.
    pub method: String,
    /// Path as in [`Operation::path`], without the query string.
    pub path: String,
    /// Names of the query parameters the line carries.
    pub query: Vec<String>,
}

/// Which body an example shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The request body.
    Request,
    /// A response body.
    Response,
}

impl Direction {
    /// `request` or `response`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
        }
    }
}

/// A JSON example as written in the document (it may not be valid JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Request or response body.
    pub direction: Direction,
    /// The status a response example is shown with, when the document says.
    pub status: Option<u16>,
    /// The text of the example.
    pub text: String,
}

/// A field table describing a data model, identified by its title in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The title the document gives the table; the pairing file maps it to a spec schema.
    pub title: String,
    /// Its rows.
    pub fields: Vec<Field>,
}
