//! The fixed conversion table to US dollars.
//!
//! Filters compare amounts across currencies through one number, and an index must not change
//! with the day's rates, so the rates are constants kept in this one place (see [`USD_RATES`]).

/// The fixed, approximate US-dollar value of one unit of each currency.
///
/// Filters need one scale across currencies, and an index must not change
/// with the day's rates, so these are round mid-2020s figures, kept in this
/// one place (and documented in the README). Currencies replaced by the euro
/// are converted at their fixed euro conversion rate times the euro rate, so
/// the 1987 Reuters archive stays comparable. Bitcoin and `XXX` have no rate:
/// the first swings too much for a fixed number, the second is unknown.
pub const USD_RATES: &[(&str, f64)] = &[
    ("USD", 1.0),
    ("EUR", 1.08),
    ("GBP", 1.27),
    ("JPY", 0.0067),
    ("CNY", 0.14),
    ("INR", 0.012),
    ("CHF", 1.13),
    ("CAD", 0.73),
    ("AUD", 0.66),
    ("HKD", 0.128),
    ("NZD", 0.60),
    ("SGD", 0.74),
    ("TWD", 0.031),
    ("KRW", 0.00073),
    ("SEK", 0.095),
    ("NOK", 0.093),
    ("DKK", 0.145),
    ("ISK", 0.0072),
    ("CZK", 0.043),
    ("PLN", 0.25),
    ("HUF", 0.0027),
    ("RON", 0.22),
    ("BGN", 0.55),
    ("RUB", 0.011),
    ("UAH", 0.025),
    ("TRY", 0.03),
    ("ILS", 0.27),
    ("SAR", 0.267),
    ("AED", 0.272),
    ("QAR", 0.275),
    ("KWD", 3.25),
    ("BHD", 2.65),
    ("OMR", 2.6),
    ("JOD", 1.41),
    ("EGP", 0.021),
    ("MAD", 0.10),
    ("NGN", 0.00065),
    ("KES", 0.0077),
    ("GHS", 0.065),
    ("ZAR", 0.054),
    ("BRL", 0.18),
    ("MXN", 0.055),
    ("ARS", 0.0011),
    ("CLP", 0.0011),
    ("COP", 0.00025),
    ("PKR", 0.0036),
    ("LKR", 0.0033),
    ("NPR", 0.0075),
    ("BDT", 0.0085),
    ("IDR", 0.000062),
    ("MYR", 0.22),
    ("THB", 0.028),
    ("PHP", 0.017),
    ("VND", 0.00004),
    ("KZT", 0.0021),
    ("GEL", 0.37),
    ("CRC", 0.0019),
    ("LAK", 0.000046),
    ("XDR", 1.33),
    // Legacy European currencies: fixed euro conversion rate × EUR rate.
    ("XEU", 1.08),
    ("DEM", 0.552),
    ("FRF", 0.165),
    ("ITL", 0.000558),
    ("ESP", 0.00649),
    ("NLG", 0.49),
    ("BEF", 0.0268),
    ("LUF", 0.0268),
    ("ATS", 0.0785),
    ("FIM", 0.182),
    ("PTE", 0.00539),
    ("IEP", 1.371),
    ("GRD", 0.00317),
];

/// The USD value of one unit of `currency` from [`USD_RATES`], if listed.
///
/// The one lookup the indexer and the filters share, so both convert alike.
pub fn usd_rate(currency: &str) -> Option<f64> {
    USD_RATES
        .iter()
        .find(|(code, _)| *code == currency)
        .map(|&(_, rate)| rate)
}

#[cfg(test)]
mod tests {
    use super::{usd_rate, USD_RATES};
    use crate::extract::money::tables::{CODES, LETTER_SYMBOLS, SYMBOLS, SYMBOL_PREFIXES, WORDS};
    use crate::extract::money::tests::{close, one};

    #[test]
    fn usd_conversion() {
        assert_eq!(one("a $5m deal").usd(), Some(5e6));
        let eur = one("a €2m deal").usd().unwrap();
        assert!(close(eur, 2e6 * usd_rate("EUR").unwrap()));
        assert_eq!(one("6.25 BTC").usd(), None);
        assert_eq!(usd_rate("NOPE"), None);
        let mut codes: Vec<&str> = USD_RATES.iter().map(|(c, _)| *c).collect();
        let n = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), n, "USD_RATES lists a code twice");
        assert!(USD_RATES.iter().all(|(c, r)| c.len() == 3 && *r > 0.0));
    }

    #[test]
    fn every_emitted_currency_has_a_rate_or_is_deliberately_without() {
        let known_without = [
            "XXX", "BTC", "ZWL", "JMD", "BND", "IQD", "TND", "DZD", "LYD", "RSD",
        ];
        let mut emitted: Vec<&str> = WORDS.iter().map(|w| w.2).collect();
        emitted.extend(CODES.iter().map(|c| c.1));
        emitted.extend(SYMBOLS.iter().map(|s| s.1));
        emitted.extend(SYMBOL_PREFIXES.iter().map(|s| s.2));
        emitted.extend(LETTER_SYMBOLS.iter().map(|s| s.1));
        for code in emitted {
            assert!(
                usd_rate(code).is_some() || known_without.contains(&code),
                "{code} has no rate"
            );
        }
    }
}
