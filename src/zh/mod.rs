//! Chinese script, character by character: the Simplified form of a Traditional character.
//!
//! Shared by search (which folds text so a query in either script finds both) and import
//! (which matches keywords in either script). One character maps to one character, so
//! positions in folded text are positions in the original. Phrase-level conversion, where
//! it matters (the zh-Hant mirror), is in `render::script`.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Traditional→Simplified pairs, derived from OpenCC's character table.
const PAIRS: &str = include_str!("ts_chars.txt");

/// The whole Traditional→Simplified table.
pub fn table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for line in PAIRS.lines().filter(|l| !l.starts_with('#')) {
            let chars: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
            for pair in chars.chunks_exact(2) {
                map.insert(pair[0], pair[1]);
            }
        }
        map
    })
}

/// The table's pairs for the Basic Multilingual Plane, indexed by code point (`'\0'` where
/// a character has none), where nearly all of them are. Search folds every character of
/// every page (tens of millions per large site), and hashing each one to look it up cost
/// more than the rest of the folding.
fn plane() -> &'static [char] {
    static PLANE: OnceLock<Vec<char>> = OnceLock::new();
    PLANE.get_or_init(|| {
        let mut plane = vec!['\0'; 0x1_0000];
        for (&from, &to) in table() {
            if let Some(slot) = plane.get_mut(from as usize) {
                *slot = to;
            }
        }
        plane
    })
}

/// The Simplified form of one character, or the character itself.
pub fn simplify_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match plane().get(c as usize) {
        Some('\0') => c,
        Some(&simplified) => simplified,
        None => table().get(&c).copied().unwrap_or(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplifies_one_character_at_a_time() {
        let folded: String = "醫療衛生，電子病歷 EMR"
            .chars()
            .map(simplify_char)
            .collect();
        assert_eq!(folded, "医疗卫生，电子病历 EMR");
    }

    #[test]
    fn the_plane_agrees_with_the_table() {
        for (&from, &to) in table() {
            assert_eq!(simplify_char(from), to, "{from}");
        }
        assert_eq!(simplify_char('\0'), '\0');
        assert_eq!(simplify_char('医'), '医');
    }
}
