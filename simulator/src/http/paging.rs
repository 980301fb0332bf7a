//! The two paging styles: HAL pages linked by `_links.next` (PingOne) and checkpoints, where
//! `next` names the first item of the following page (Auth0).

use serde::Deserialize;
use serde_json::{json, Value};

/// The paging parameters of a HAL list request.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct HalQuery {
    pub(crate) filter: Option<String>,
    pub(crate) limit: Option<usize>,
    pub(crate) cursor: Option<usize>,
}

/// One HAL page of `items` (already filtered) under `_embedded.<key>`, with a `next` link when
/// more follow. `page_size` applies when the request gives no `limit`.
pub(crate) fn hal_page(
    items: &[&Value],
    key: &str,
    self_url: &str,
    query: &HalQuery,
    page_size: usize,
) -> Value {
    let limit = query.limit.unwrap_or(page_size).max(1);
    let start = query.cursor.unwrap_or(0).min(items.len());
    let end = start.saturating_add(limit).min(items.len());
    let filter = query
        .filter
        .as_deref()
        .map(|f| format!("&filter={}", url_encode(f)))
        .unwrap_or_default();
    let mut links = json!({ "self": { "href": self_url } });
    if end < items.len() {
        links["next"] = json!({ "href": format!("{self_url}?limit={limit}&cursor={end}{filter}") });
    }
    let slice: Vec<Value> = items[start..end].iter().map(|v| (*v).clone()).collect();
    json!({
        "_links": links,
        "_embedded": { key: slice },
        "count": items.len(),
        "size": end - start,
    })
}

/// Up to `take` items, and the `id` of the item after them when there is one.
pub(crate) fn checkpoint_page<'a>(
    items: impl Iterator<Item = &'a Value>,
    take: usize,
) -> (Vec<Value>, Option<Value>) {
    let mut page: Vec<Value> = items.take(take.saturating_add(1)).cloned().collect();
    let next = if page.len() > take {
        page.pop().map(|after| after["id"].clone())
    } else {
        None
    };
    (page, next)
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(n: u64) -> Vec<Value> {
        (0..n).map(|i| json!({ "id": i })).collect()
    }

    #[test]
    fn hal_pages_link_to_the_next_page_and_keep_the_filter() {
        let all = items(5);
        let refs: Vec<&Value> = all.iter().collect();
        let query = HalQuery {
            filter: Some("name eq \"a b\"".into()),
            limit: Some(2),
            cursor: Some(2),
        };
        let page = hal_page(&refs, "things", "http://h/things", &query, 100);
        assert_eq!(
            page["_embedded"]["things"],
            json!([{ "id": 2 }, { "id": 3 }])
        );
        assert_eq!(
            (page["count"].clone(), page["size"].clone()),
            (json!(5), json!(2))
        );
        assert_eq!(
            page["_links"]["next"]["href"],
            "http://h/things?limit=2&cursor=4&filter=name%20eq%20%22a%20b%22"
        );
    }

    #[test]
    fn the_last_hal_page_has_no_next_link_and_limits_are_at_least_one() {
        let all = items(3);
        let refs: Vec<&Value> = all.iter().collect();
        let query = HalQuery {
            limit: Some(0),
            cursor: Some(2),
            ..HalQuery::default()
        };
        let page = hal_page(&refs, "things", "http://h/things", &query, 100);
        assert_eq!(page["size"], 1);
        assert!(page["_links"].get("next").is_none());
        let whole = hal_page(&refs, "things", "u", &HalQuery::default(), 2);
        assert_eq!(whole["size"], 2, "the page size applies without a limit");
    }

    #[test]
    fn checkpoint_pages_name_the_first_item_of_the_next_page() {
        let all = items(3);
        assert_eq!(
            checkpoint_page(all.iter(), 2),
            (vec![json!({ "id": 0 }), json!({ "id": 1 })], Some(json!(2)))
        );
        assert_eq!(
            checkpoint_page(all.iter().skip(2), 2),
            (vec![json!({ "id": 2 })], None)
        );
    }
}
