//! A certificate's serial number as PingOne reports it: a JSON number that may not fit in 64
//! bits (X.509 allows 20 bytes), kept as its decimal text.

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// The serial number of a certificate or key, in decimal, as PingOne sent it. A JSON number
/// too large for 64 bits is read all the same (as the text `serde_json` gives it), and a
/// string is kept as it is, so an unusual value never makes a whole list unreadable.
///
/// ```
/// use sso_connections::pingone::SerialNumber;
/// let serial: SerialNumber = serde_json::from_str("1575482494783").unwrap();
/// assert_eq!(serial.as_str(), "1575482494783");
/// assert_eq!(serial.as_u64(), Some(1575482494783));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SerialNumber(String);

impl SerialNumber {
    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value, when it fits in 64 bits.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }
}

impl fmt::Display for SerialNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for SerialNumber {
    /// A number when it is one that fits in 64 bits (as PingOne sends it), the text otherwise.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.0.parse::<u64>(), self.0.parse::<i64>()) {
            (Ok(n), _) => serializer.serialize_u64(n),
            (_, Ok(n)) => serializer.serialize_i64(n),
            _ => serializer.serialize_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for SerialNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = SerialNumber;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a serial number (a number or a string)")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SerialNumber, E> {
                Ok(SerialNumber(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SerialNumber, E> {
                Ok(SerialNumber(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<SerialNumber, E> {
                Ok(SerialNumber(format!("{v}")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SerialNumber, E> {
                Ok(SerialNumber(v.to_owned()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_of_any_size_and_strings_are_read() {
        let read = |json: &str| serde_json::from_str::<SerialNumber>(json).unwrap();
        assert_eq!(read("12").as_u64(), Some(12));
        assert_eq!(read("-3").as_str(), "-3");
        assert_eq!(read("\"0x1f\"").as_str(), "0x1f");
        // 2^100: beyond 64 bits, read as the float serde_json gives (not refused).
        assert!(read("1267650600228229401496703205376").as_u64().is_none());
        assert_eq!(serde_json::to_string(&read("12")).unwrap(), "12");
        assert_eq!(serde_json::to_string(&read("\"ab\"")).unwrap(), "\"ab\"");
    }
}
