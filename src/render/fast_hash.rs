//! A hasher for the maps a build fills with its own data: the search index's gram keys and
//! the chart-text width cache.
//!
//! SipHash, the standard library's default, resists keys chosen to collide, which a map
//! fed by strangers needs; these maps hold one build's own labels and grams and are
//! dropped with it, and SipHash took most of their time. Integers (gram keys, already well
//! spread) take one multiply; text goes eight bytes at a step (FxHash).

/// Builds [`FastHasher`]s: `HashMap<K, V, FastHash>`.
#[derive(Clone, Copy, Default)]
pub struct FastHash;

/// See [`FastHash`].
#[derive(Default)]
pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::BuildHasher for FastHash {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(last));
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 ^= self.0 >> 29;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn spreads_neighbouring_keys() {
        let hashes: std::collections::HashSet<u64> =
            (0u64..1000).map(|n| FastHash.hash_one(n)).collect();
        assert_eq!(hashes.len(), 1000);
        assert_ne!(FastHash.hash_one("医院"), FastHash.hash_one("医疗"));
        assert_eq!(FastHash.hash_one("医院"), FastHash.hash_one("医院"));
    }
}
