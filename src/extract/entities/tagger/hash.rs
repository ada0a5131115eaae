//! Hashing for features and the lexicon. FxHash-style multiply-rotate: fast on short words
//! and good enough once a final avalanche step spreads the bits for the table index.

pub(crate) use crate::hash::fx_mix as mix;

/// Hashes bytes eight at a time.
#[inline]
pub(crate) fn hash_bytes(mut h: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 59));
    }
    h
}

/// splitmix64's finaliser: every feature hash goes through it so the table index (top bits) is
/// well spread. Never returns 0, which marks an empty table slot.
#[inline]
pub(super) fn finish(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    if x == 0 {
        1
    } else {
        x
    }
}
