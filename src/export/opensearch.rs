//! The OpenSearch (and Elasticsearch) index body (`mapping.json`) and the `_bulk` action line
//! for exported passages.

use serde_json::{json, Map, Value};

use super::fields::{Kind, FIELDS};

/// The mapping's file name in the output folder.
pub const MAPPING_FILE: &str = "mapping.json";

/// The body of `PUT /INDEX`: strict mappings of every field, so a record with a field the
/// mapping does not declare is refused rather than guessed at.
pub fn index_body() -> Value {
    let mut properties = Map::new();
    for field in FIELDS {
        let mapping = match field.kind {
            Kind::Text => json!({"type": "text", "analyzer": "english"}),
            Kind::Words => json!({"type": "text", "analyzer": "standard"}),
            Kind::Keyword | Kind::Keywords => json!({"type": "keyword"}),
            Kind::Stored | Kind::StoredList => {
                json!({"type": "keyword", "index": false, "doc_values": false})
            }
            Kind::Count => json!({"type": "long"}),
            Kind::Score | Kind::Numbers => json!({"type": "double"}),
            Kind::Date => json!({"type": "date", "format": "strict_date_optional_time"}),
        };
        properties.insert(field.name.to_string(), mapping);
    }
    json!({
        "settings": {"index": {"refresh_interval": "30s"}},
        "mappings": {"dynamic": "strict", "properties": properties},
    })
}

/// The action line that precedes a record in a `_bulk` body: index it under its passage id,
/// so loading a part twice replaces instead of duplicating.
pub fn action_line(out: &mut Vec<u8>, id: &str) {
    out.extend_from_slice(b"{\"index\":{\"_id\":");
    serde_json::to_writer(&mut *out, id).expect("strings serialise");
    out.extend_from_slice(b"}}\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_lines_are_json() {
        let mut out = Vec::new();
        action_line(&mut out, "a \"b\".txt:3");
        let line: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(line["index"]["_id"], "a \"b\".txt:3");
        assert_eq!(
            index_body()["mappings"]["properties"]
                .as_object()
                .unwrap()
                .len(),
            FIELDS.len()
        );
    }
}
