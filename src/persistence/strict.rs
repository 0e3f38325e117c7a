//! Reads a plan from a parsed JSON value, refusing a list wherever the plan holds a struct.
//!
//! Serde's derived structs also accept a sequence, field by field in order, so with serde
//! alone `"overview": []` would pass as an empty overview, and `["…"]` as an overview named
//! "…". This app never writes that, so it must not read it. [`Strict`] is a deserializer over
//! `serde_json::Value` that behaves like serde_json's own, except that a struct must come from
//! an object. It replaces that deserializer on the one road in, so it costs no extra pass and
//! no second copy of the plan's decoding code. (serde_json has no such setting.)

use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Map, Number, Value};

type Error = serde_json::Error;

/// A value to deserialize strictly.
pub struct Strict<'a>(pub &'a Value);

fn unexpected(v: &Value) -> Unexpected<'_> {
    match v {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(_) => Unexpected::Other("number"),
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

fn visit_number<'de, V: Visitor<'de>>(n: &Number, visitor: V) -> Result<V::Value, Error> {
    if let Some(u) = n.as_u64() {
        visitor.visit_u64(u)
    } else if let Some(i) = n.as_i64() {
        visitor.visit_i64(i)
    } else {
        visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
    }
}

impl<'de> de::Deserializer<'de> for Strict<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => visit_number(n, visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Seq(items.iter())),
            Value::Object(map) => visitor.visit_map(Fields::new(map)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// The one difference from serde_json: a struct comes from an object, never a list.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Fields::new(map)),
            other => Err(de::Error::invalid_type(unexpected(other), &"an object")),
        }
    }

    /// The plan's enums are unit variants written as strings.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => {
                visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(s.as_str()))
            }
            other => Err(de::Error::invalid_type(unexpected(other), &"a string")),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

struct Seq<'a>(std::slice::Iter<'a, Value>);

impl<'de> de::SeqAccess<'de> for Seq<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|v| seed.deserialize(Strict(v)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Fields<'a> {
    iter: serde_json::map::Iter<'a>,
    value: Option<&'a Value>,
}

impl<'a> Fields<'a> {
    fn new(map: &'a Map<String, Value>) -> Self {
        Fields {
            iter: map.iter(),
            value: None,
        }
    }
}

impl<'de> de::MapAccess<'de> for Fields<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(IntoDeserializer::<Error>::into_deserializer(key.as_str()))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(Strict(value)),
            None => Err(de::Error::custom("a value was asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Default, PartialEq, Deserialize)]
    #[serde(default)]
    struct Inner {
        name: String,
        count: Option<u32>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        OneOnOne,
        Action,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Outer {
        #[serde(default)]
        inner: Inner,
        list: Vec<Inner>,
        kind: Kind,
        id: uuid::Uuid,
    }

    fn read(v: serde_json::Value) -> Result<Outer, String> {
        Outer::deserialize(Strict(&v)).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let v = serde_json::json!({
            "inner": {"name": "a", "count": 3},
            "list": [{"name": "b"}, {}],
            "kind": "one_on_one",
            "id": "0b8e1d9a-7c2f-4e8b-9a51-3f6d2c1b0a99",
            "unknown": [1, 2]
        });
        let strict = read(v.clone());
        let loose = Outer::deserialize(&v).map_err(|e| e.to_string());
        assert_eq!(strict, loose);
        assert!(strict.is_ok());
    }

    #[test]
    fn refuses_a_list_where_a_struct_belongs() {
        let v = serde_json::json!({
            "inner": ["a", 3], "list": [], "kind": "action",
            "id": "0b8e1d9a-7c2f-4e8b-9a51-3f6d2c1b0a99"
        });
        assert!(Outer::deserialize(&v).is_ok(), "serde_json alone takes it");
        let e = read(v).err().unwrap_or_default();
        assert!(
            e.contains("invalid type: sequence, expected an object"),
            "{e}"
        );
        let v = serde_json::json!({
            "list": [["x"]], "kind": "action", "id": "0b8e1d9a-7c2f-4e8b-9a51-3f6d2c1b0a99"
        });
        assert!(read(v).is_err());
        let v = serde_json::json!({
            "list": [], "kind": {"action": null}, "id": "0b8e1d9a-7c2f-4e8b-9a51-3f6d2c1b0a99"
        });
        assert!(read(v).is_err());
    }
}
