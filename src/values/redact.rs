//! Keeping secrets out of what is shown: JSON with secret-bearing fields masked.

use serde_json::Value;

/// Whether a JSON key names a secret: it mentions a secret, a password, an access token, or a
/// private or signing key (`clientSecret`, `client_secret`, `appSecret`, `privateKey`,
/// `clientSecretSigningKey`, `access_token`, …), whatever its case and separators.
fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase().replace(['_', '-'], "");
    [
        "secret",
        "password",
        "privatekey",
        "signingkey",
        "accesstoken",
    ]
    .iter()
    .any(|word| key.contains(word))
}

/// `value` with every field whose name says it holds a secret replaced by `"[redacted]"`, at
/// any depth (a `null` stays `null`: it holds nothing). For showing resources read from a
/// service (logs, `Debug`, command-line output) whose fields this library does not all model.
///
/// ```
/// use serde_json::json;
/// let shown = sso_connections::values::redact_secrets(json!({
///     "name": "app", "clientSecret": "s1", "nested": [{"password": "p", "keep": 1}], "unset_secret": null,
/// }));
/// assert_eq!(shown, json!({
///     "name": "app", "clientSecret": "[redacted]", "nested": [{"password": "[redacted]", "keep": 1}], "unset_secret": null,
/// }));
/// ```
pub fn redact_secrets(mut value: Value) -> Value {
    match &mut value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                *item = if is_secret_key(key) && !item.is_null() {
                    Value::String("[redacted]".into())
                } else {
                    redact_secrets(item.take())
                };
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| *item = redact_secrets(item.take())),
        _ => {}
    }
    value
}
