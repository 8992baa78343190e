//! Simplified ↔ Traditional conversion, character-level OpenCC (ferrous-opencc, Apache-2.0).
//!
//! Used to fold text for search, so a query in either script finds text in either script.
//! The converters are built once per process: loading the dictionaries is the costly part.

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use std::sync::OnceLock;

fn converter(
    config: BuiltinConfig,
    cell: &'static OnceLock<Option<OpenCC>>,
) -> Option<&'static OpenCC> {
    cell.get_or_init(|| OpenCC::from_config(config).ok())
        .as_ref()
}

/// Traditional → Simplified; the text unchanged if the dictionaries cannot be loaded.
pub fn to_simplified(text: &str) -> String {
    static CELL: OnceLock<Option<OpenCC>> = OnceLock::new();
    match converter(BuiltinConfig::T2s, &CELL) {
        Some(c) => c.convert(text),
        None => text.to_string(),
    }
}

/// Simplified → Traditional (OpenCC standard forms, no regional vocabulary changes).
pub fn to_traditional(text: &str) -> String {
    static CELL: OnceLock<Option<OpenCC>> = OnceLock::new();
    match converter(BuiltinConfig::S2t, &CELL) {
        Some(c) => c.convert(text),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways() {
        assert_eq!(to_simplified("醫療衛生"), "医疗卫生");
        assert_eq!(to_traditional("电子病历"), "電子病歷");
    }
}
