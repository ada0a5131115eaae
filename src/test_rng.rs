//! The one pseudo-random generator of the unit tests: xorshift64, seeded by each test, so
//! randomised tests see the same inputs on every run without a random-number crate.

/// xorshift64 (13, 7, 17). The state must not be 0.
pub(crate) struct XorShift(pub(crate) u64);

impl XorShift {
    /// The next state.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// The next number below `n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// The next byte (bits 24–31 of the state).
    pub(crate) fn byte(&mut self) -> u8 {
        (self.next_u64() >> 24) as u8
    }
}
