//! Where the simulated accounts keep their data: a lock that outlives a panicking handler, and
//! collections of JSON resources in creation order, addressable by id and by name.

use std::{
    collections::{BTreeMap, HashMap},
    hash::Hash,
    sync::{Mutex, MutexGuard},
};

use serde_json::Value;

/// A value behind a lock. A handler that panics while holding it does not poison it for the
/// others: the simulator keeps serving.
#[derive(Debug, Default)]
pub(crate) struct Store<T>(Mutex<T>);

impl<T> Store<T> {
    pub(crate) fn new(value: T) -> Self {
        Self(Mutex::new(value))
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl<T: Default> Store<T> {
    /// Forgets everything held.
    pub(crate) fn clear(&self) {
        *self.lock() = T::default();
    }
}

/// Resources of one kind, in creation order, by id `K` and by their `name` field.
#[derive(Debug)]
pub(crate) struct Collection<K> {
    next: u64,
    by_order: BTreeMap<u64, Value>,
    order_of: HashMap<K, u64>,
    /// Name → id, so that uniqueness checks do not scan the collection.
    names: HashMap<String, K>,
}

impl<K> Default for Collection<K> {
    fn default() -> Self {
        Self {
            next: 0,
            by_order: BTreeMap::new(),
            order_of: HashMap::new(),
            names: HashMap::new(),
        }
    }
}

fn name(value: &Value) -> Option<&str> {
    value["name"].as_str()
}

impl<K: Clone + Eq + Hash> Collection<K> {
    /// Adds a resource after every other.
    pub(crate) fn insert(&mut self, id: K, value: Value) {
        self.next += 1;
        self.index_name(&value, &id);
        self.by_order.insert(self.next, value);
        self.order_of.insert(id, self.next);
    }

    pub(crate) fn get(&self, id: &K) -> Option<&Value> {
        self.order_of.get(id).and_then(|n| self.by_order.get(n))
    }

    /// Stores `value` in place of the resource `id`, keeping its place in the order. Returns
    /// the replaced value; does nothing when there is no such resource.
    pub(crate) fn replace(&mut self, id: &K, value: Value) -> Option<Value> {
        let n = *self.order_of.get(id)?;
        let old = self.by_order.remove(&n)?;
        self.forget_name(&old, id);
        self.index_name(&value, id);
        self.by_order.insert(n, value);
        Some(old)
    }

    pub(crate) fn remove(&mut self, id: &K) -> Option<Value> {
        let n = self.order_of.remove(id)?;
        let value = self.by_order.remove(&n)?;
        self.forget_name(&value, id);
        Some(value)
    }

    /// Whether a resource other than `except` has this name.
    pub(crate) fn name_taken(&self, name: &str, except: Option<&K>) -> bool {
        self.names
            .get(name)
            .is_some_and(|owner| Some(owner) != except)
    }

    /// Every resource, oldest first.
    pub(crate) fn values(&self) -> impl Iterator<Item = &Value> {
        self.by_order.values()
    }

    /// The resource `id` and every later one; `None` when there is no such resource.
    pub(crate) fn values_from(&self, id: &K) -> Option<impl Iterator<Item = &Value>> {
        let n = *self.order_of.get(id)?;
        Some(self.by_order.range(n..).map(|(_, v)| v))
    }

    fn index_name(&mut self, value: &Value, id: &K) {
        if let Some(name) = name(value) {
            self.names.insert(name.to_owned(), id.clone());
        }
    }

    fn forget_name(&mut self, value: &Value, id: &K) {
        if let Some(name) = name(value) {
            if self.names.get(name) == Some(id) {
                self.names.remove(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn collection() -> Collection<u8> {
        let mut c = Collection::default();
        c.insert(1, json!({ "name": "a" }));
        c.insert(2, json!({ "name": "b" }));
        c.insert(3, json!({ "name": "c" }));
        c
    }

    #[test]
    fn keeps_creation_order_through_replacements() {
        let mut c = collection();
        assert!(c.replace(&1, json!({ "name": "z" })).is_some());
        let names: Vec<_> = c.values().map(|v| v["name"].clone()).collect();
        assert_eq!(names, [json!("z"), json!("b"), json!("c")]);
        assert!(c.replace(&9, json!({})).is_none());
        assert!(c.get(&9).is_none());
    }

    #[test]
    fn names_follow_replacements_and_removals() {
        let mut c = collection();
        assert!(c.name_taken("a", None));
        assert!(
            !c.name_taken("a", Some(&1)),
            "a resource may keep its own name"
        );
        c.replace(&1, json!({ "name": "z" }));
        assert!(!c.name_taken("a", None));
        assert!(c.name_taken("z", Some(&2)));
        c.remove(&2);
        assert!(!c.name_taken("b", None));
        assert!(c.get(&2).is_none());
    }

    #[test]
    fn lists_from_a_resource_onwards() {
        let c = collection();
        let from_b: Vec<_> = c
            .values_from(&2)
            .unwrap()
            .map(|v| v["name"].clone())
            .collect();
        assert_eq!(from_b, [json!("b"), json!("c")]);
        assert!(c.values_from(&7).is_none());
    }
}
