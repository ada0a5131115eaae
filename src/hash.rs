//! The small fixed hashes newsdex computes itself, each defined once.
//!
//! Their values are part of what newsdex stores: article keys in the index, content hashes in
//! the index manifest, and the feature hashes the entity tagger's trained weights are keyed
//! by. Changing a constant here changes those values, so an index would need rebuilding and
//! the tagger retraining. (Hash maps use `rustc-hash`, whose values are never stored.)

/// FxHash's multiplier.
const FX_K: u64 = 0x517c_c1b7_2722_0a95;

/// One FxHash-style step: rotate, xor a word in, multiply.
#[inline]
pub(crate) fn fx_mix(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(FX_K)
}

/// FNV-1a's starting value.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a's prime.
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// One FNV-1a step over a unit (a byte, or a `char` as a number).
#[inline]
pub(crate) fn fnv_step(h: u64, unit: u64) -> u64 {
    (h ^ unit).wrapping_mul(FNV_PRIME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stay_what_indexes_and_weights_were_built_with() {
        // FNV-1a of "a" and of the empty input, as published for the 64-bit variant.
        assert_eq!(FNV_OFFSET, 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv_step(FNV_OFFSET, u64::from(b'a')), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fx_mix(0, 1), FX_K);
        assert_eq!(fx_mix(1, 0), 0x517c_c1b7_2722_0a95u64.wrapping_mul(32));
    }
}
