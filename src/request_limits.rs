//! Limits a vendor applies to what a client sends, for fields whose schema also describes what
//! the server returns. The specs record them as `x-request-limits` (so that no generated
//! response type enforces them; see `openapi/README.md`), `build.rs` turns them into one
//! `&[Limit]` per schema, and the facade checks every outgoing body against them.

use serde_json::Value;

use crate::error::{Error, Result};

/// One field's limits; `None` means "no limit of this kind".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limit {
    /// The field as named in errors (`corsSettings.origins`).
    pub field: &'static str,
    /// Keys from the body's root to the field; `*` stands for every item of an array.
    pub path: &'static [&'static str],
    pub minimum: Option<i64>,
    pub maximum: Option<i64>,
    pub min_items: Option<i64>,
    pub max_items: Option<i64>,
    pub min_length: Option<i64>,
    pub max_length: Option<i64>,
}

impl Limit {
    /// No limit at all (the base the generated constants fill in).
    pub const NONE: Limit = Limit {
        field: "",
        path: &[],
        minimum: None,
        maximum: None,
        min_items: None,
        max_items: None,
        min_length: None,
        max_length: None,
    };

    /// Checks one value of the field (a missing or `null` field is never checked).
    fn check_value(&self, value: &Value) -> Result<()> {
        // (measure, how a message says it, lower bound, upper bound)
        let (size, [must, unit, has], low, high) = match value {
            Value::Number(n) => match n.as_f64() {
                Some(number) => (number, ["be", "", "is"], self.minimum, self.maximum),
                None => return Ok(()),
            },
            Value::Array(items) => (
                items.len() as f64,
                ["have", " items", "has"],
                self.min_items,
                self.max_items,
            ),
            Value::String(s) => (
                s.chars().count() as f64,
                ["have", " characters", "has"],
                self.min_length,
                self.max_length,
            ),
            _ => return Ok(()),
        };
        let refused = |bound: &str, limit: i64| {
            Error::invalid(
                self.field,
                format!("must {must} {bound} {limit}{unit}; it {has} {size}{unit}"),
            )
        };
        match (low, high) {
            (Some(low), _) if size < low as f64 => Err(refused("at least", low)),
            (_, Some(high)) if size > high as f64 => Err(refused("at most", high)),
            _ => Ok(()),
        }
    }
}

/// Checks `body` against every limit; the first field that breaks one is the error.
pub(crate) fn check(limits: &[Limit], body: &Value) -> Result<()> {
    limits
        .iter()
        .try_for_each(|limit| values_at(body, limit.path, &mut |value| limit.check_value(value)))
}

/// Calls `visit` on every value at `path` (each item of an array where the path says `*`).
fn values_at(at: &Value, path: &[&str], visit: &mut dyn FnMut(&Value) -> Result<()>) -> Result<()> {
    match path.split_first() {
        None if at.is_null() => Ok(()),
        None => visit(at),
        Some((&"*", rest)) => at
            .as_array()
            .into_iter()
            .flatten()
            .try_for_each(|item| values_at(item, rest, visit)),
        Some((key, rest)) => match at.get(*key) {
            Some(next) => values_at(next, rest, visit),
            None => Ok(()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const RANGE: Limit = Limit {
        field: "a.b",
        path: &["a", "b"],
        minimum: Some(1),
        maximum: Some(600),
        ..Limit::NONE
    };
    const ITEMS: Limit = Limit {
        field: "list",
        path: &["list"],
        min_items: Some(1),
        max_items: Some(2),
        ..Limit::NONE
    };
    const EACH_NAME: Limit = Limit {
        field: "list.*.name",
        path: &["list", "*", "name"],
        min_length: Some(1),
        max_length: Some(3),
        ..Limit::NONE
    };

    fn refused(limit: Limit, body: Value) -> String {
        match check(&[limit], &body) {
            Err(Error::InvalidInput(input)) => {
                assert_eq!(input.field(), limit.field);
                input.reason().to_owned()
            }
            other => panic!("{body} should be refused, got {other:?}"),
        }
    }

    #[test]
    fn numbers_are_held_to_their_range_inclusive() {
        for ok in [1, 2, 600] {
            check(&[RANGE], &json!({ "a": { "b": ok } })).unwrap();
        }
        assert_eq!(
            refused(RANGE, json!({ "a": { "b": 0 } })),
            "must be at least 1; it is 0"
        );
        assert_eq!(
            refused(RANGE, json!({ "a": { "b": 601 } })),
            "must be at most 600; it is 601"
        );
        assert_eq!(
            refused(RANGE, json!({ "a": { "b": 0.5 } })),
            "must be at least 1; it is 0.5"
        );
    }

    #[test]
    fn arrays_are_held_to_their_item_counts() {
        check(&[ITEMS], &json!({ "list": [1] })).unwrap();
        check(&[ITEMS], &json!({ "list": [1, 2] })).unwrap();
        assert_eq!(
            refused(ITEMS, json!({ "list": [] })),
            "must have at least 1 items; it has 0 items"
        );
        assert_eq!(
            refused(ITEMS, json!({ "list": [1, 2, 3] })),
            "must have at most 2 items; it has 3 items"
        );
    }

    #[test]
    fn every_item_is_checked_where_the_path_says_star() {
        check(
            &[EACH_NAME],
            &json!({ "list": [{ "name": "a" }, { "name": "abc" }] }),
        )
        .unwrap();
        assert_eq!(
            refused(
                EACH_NAME,
                json!({ "list": [{ "name": "a" }, { "name": "abcd" }] })
            ),
            "must have at most 3 characters; it has 4 characters"
        );
        assert_eq!(
            refused(EACH_NAME, json!({ "list": [{ "name": "" }] })),
            "must have at least 1 characters; it has 0 characters"
        );
        // Characters, not bytes.
        check(&[EACH_NAME], &json!({ "list": [{ "name": "été" }] })).unwrap();
    }

    #[test]
    fn missing_null_and_other_types_are_left_to_the_schema() {
        for body in [
            json!({}),
            json!({ "a": null }),
            json!({ "a": { "b": null } }),
            json!({ "a": { "b": "text" } }),
            json!({ "a": { "b": true } }),
            json!({ "a": 5 }),
        ] {
            check(&[RANGE], &body).unwrap();
        }
        check(&[ITEMS, EACH_NAME], &json!({ "list": null })).unwrap();
    }

    #[test]
    fn the_first_broken_limit_is_reported() {
        let body = json!({ "a": { "b": 0 }, "list": [] });
        match check(&[ITEMS, RANGE], &body) {
            Err(Error::InvalidInput(input)) => assert_eq!(input.field(), "list"),
            other => panic!("{other:?}"),
        }
    }
}
