//! The Quickwit index config (`index-config.yaml`, config format 0.9) for exported passages.
//!
//! Written by hand rather than through a YAML library: it is a fixed shape, every scalar that
//! is not a plain word is written as a JSON string (a valid YAML double-quoted scalar), and
//! comments at the top say how to use it.

use std::fmt::Write;

use super::fields::{FieldSpec, Kind, DEFAULT_SEARCH_FIELDS, FIELDS, TAG_FIELDS, TIMESTAMP_FIELD};

/// Quickwit's index config format version.
pub const CONFIG_VERSION: &str = "0.9";

/// The config's file name in the output folder.
pub const CONFIG_FILE: &str = "index-config.yaml";

/// The index config, for an index named `index_id`.
pub fn index_config(index_id: &str) -> String {
    let quoted = |s: &str| serde_json::to_string(s).expect("strings serialise");
    let list = |items: &[&str]| format!("[{}]", items.join(", "));
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# Quickwit index config for passages exported by newsdex {}.\n\
         # Create the index, then load each part (see docs/scale-out.md):\n\
         #   quickwit index create --index-config {CONFIG_FILE}\n\
         #   zcat passages-00001.ndjson.gz | quickwit tool local-ingest --index {index_id}\n\
         version: {CONFIG_VERSION}\n\
         index_id: {}\n\
         doc_mapping:\n  mode: strict\n  field_mappings:",
        env!("CARGO_PKG_VERSION"),
        quoted(index_id),
    );
    for field in FIELDS {
        mapping(&mut y, field);
    }
    let _ = write!(
        y,
        "  timestamp_field: {TIMESTAMP_FIELD}\n\
         \x20 tag_fields: {}\n\
         indexing_settings:\n\
         \x20 commit_timeout_secs: 60\n\
         \x20 # News arrives in time order and is searched by recency: merge splits of similar\n\
         \x20 # size and close time spans, and leave week-old splits alone.\n\
         \x20 merge_policy:\n\
         \x20   type: stable_log\n\
         \x20   min_level_num_docs: 100000\n\
         \x20   merge_factor: 10\n\
         \x20   max_merge_factor: 12\n\
         \x20   maturation_period: 7days\n\
         search_settings:\n\
         \x20 default_search_fields: {}\n",
        list(TAG_FIELDS),
        list(DEFAULT_SEARCH_FIELDS),
    );
    y
}

/// One entry of `field_mappings`.
fn mapping(y: &mut String, field: &FieldSpec) {
    let about = serde_json::to_string(field.about).expect("strings serialise");
    let _ = write!(
        y,
        "    - name: {}\n      description: {about}\n",
        field.name
    );
    let lines: &[&str] = match field.kind {
        Kind::Text => &[
            "type: text",
            "tokenizer: en_stem",
            "record: position",
            "fieldnorms: true",
        ],
        Kind::Words => &[
            "type: text",
            "tokenizer: default",
            "record: position",
            "fieldnorms: true",
        ],
        Kind::Keyword => &["type: text", "tokenizer: raw"],
        Kind::Keywords => &["type: array<text>", "tokenizer: raw"],
        Kind::Stored => &["type: text", "indexed: false"],
        Kind::StoredList => &["type: array<text>", "indexed: false"],
        Kind::Count => &["type: u64"],
        Kind::Score => &["type: f64"],
        Kind::Numbers => &["type: array<f64>"],
        Kind::Date => &[
            "type: datetime",
            "input_formats: [rfc3339]",
            "output_format: rfc3339",
            "fast_precision: seconds",
        ],
    };
    for line in lines {
        let _ = writeln!(y, "      {line}");
    }
    if field.fast {
        let _ = writeln!(y, "      fast: true");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_mapped_once_with_a_type() {
        let config = index_config("news");
        for field in FIELDS {
            let entry = format!("    - name: {}\n", field.name);
            assert_eq!(config.matches(&entry).count(), 1, "{}", field.name);
        }
        assert_eq!(config.matches("\n      type: ").count(), FIELDS.len());
        assert!(config.contains("index_id: \"news\"\n"));
        assert!(config.contains("timestamp_field: published\n"));
    }
}
