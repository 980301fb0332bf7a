//! Request bodies of the generated types, filled from the fields the facade sets.
//!
//! The generated clients take plain structs (the generator's positional interface, chosen
//! because its struct builders were most of the generated code and of the crate's build time).
//! A request type has dozens of optional and server-owned fields; the facade names only the
//! ones it sends, by their wire names, and the generated type's own deserializer does the rest:
//! the spec's defaults for what is left out, its string constraints, and its required fields.
//! A body that does not fit is [`Error::InvalidInput`] for the field `body`, before any request.
//!
//! Secrets never pass through here: a caller sets them on the typed value afterwards, so no
//! error message can quote one.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// The fields of one request body, by wire name, in the order they are set.
///
/// ```text
/// let body: types::ResourceRef = WireBody::new().set("id", id).build()?;
/// ```
#[derive(Default)]
pub(crate) struct WireBody {
    fields: Map<String, Value>,
    unrepresentable: Option<String>,
}

impl WireBody {
    /// An empty body.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Sets `name` to `value`.
    pub(crate) fn set(mut self, name: &str, value: impl Serialize) -> Self {
        match serde_json::to_value(value) {
            Ok(value) => {
                self.fields.insert(name.to_owned(), value);
            }
            Err(e) => {
                self.unrepresentable
                    .get_or_insert_with(|| format!("{name}: {e}"));
            }
        }
        self
    }

    /// Sets `name` when a value is given; otherwise leaves it out (the spec's default, or
    /// absent).
    pub(crate) fn given(self, name: &str, value: Option<impl Serialize>) -> Self {
        match value {
            Some(value) => self.set(name, value),
            None => self,
        }
    }

    /// The generated type, with the spec's defaults and checks applied.
    pub(crate) fn build<T: DeserializeOwned>(self) -> Result<T> {
        if let Some(reason) = self.unrepresentable {
            return Err(Error::body_mismatch(reason));
        }
        serde_json::from_value(Value::Object(self.fields)).map_err(Error::body_mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Body {
        name: String,
        #[serde(default = "three")]
        count: u32,
        note: Option<String>,
    }

    fn three() -> u32 {
        3
    }

    #[test]
    fn fields_left_out_take_the_types_defaults() {
        let body: Body = WireBody::new()
            .set("name", "a")
            .given("count", None::<u32>)
            .given("note", Some("n"))
            .build()
            .unwrap();
        assert_eq!(
            body,
            Body {
                name: "a".into(),
                count: 3,
                note: Some("n".into())
            }
        );
    }

    #[test]
    fn a_missing_required_field_is_an_invalid_body() {
        let err = WireBody::new().set("count", 1).build::<Body>().unwrap_err();
        let Error::InvalidInput(invalid) = &err else {
            panic!("expected invalid input, got {err:?}");
        };
        assert_eq!(invalid.field(), "body");
        assert!(err.to_string().contains("missing field `name`"), "{err}");
    }

    #[test]
    fn a_value_json_cannot_hold_is_an_invalid_body() {
        let keyed = std::collections::BTreeMap::from([((1, 2), 3)]);
        let err = WireBody::new()
            .set("name", "a")
            .set("odd", keyed)
            .build::<Body>()
            .unwrap_err();
        assert!(err.to_string().contains("odd:"), "{err}");
    }
}
