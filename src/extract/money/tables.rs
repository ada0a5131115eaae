//! Everything the grammar knows about currencies, listed once: currency words with their
//! guards, country adjectives, ISO codes, symbols and the letters written around them.
//!
//! The cue scanner (`super::scan`) and the lookups are built from these lists, so a new currency
//! is a row here plus a case in `currency/tests.rs`.

use std::collections::HashMap;
use std::sync::LazyLock;

use Family::*;
use Guard::*;

/// Groups of currency words that an adjective can narrow down: "Canadian"
/// applies to dollars and cents, "Swiss" to francs. `Single` words name one
/// currency; an adjective fits them only if it names the same one
/// ("Japanese yen").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    Dollar,
    Cent,
    Pound,
    Franc,
    Rupee,
    Peso,
    Krona,
    Dinar,
    Rial,
    Dirham,
    Shilling,
    Lira,
    Mark,
    Single,
}

/// Checks for currency words that are also ordinary English words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Guard {
    /// Always money after a number.
    Plain,
    /// Only in lower case: "Bucks" is a basketball team, "CT" a scan.
    Lower,
    /// Only with a country adjective: "real", "mark".
    NeedsAdj,
    /// Needs an adjective, a scale, decimals or a figure of 1,000 or more:
    /// "5 marks" may be exam marks, "3 crowns" teeth, "50 won" a score.
    Weak,
    /// "pounds": sterling only with a scale, "sterling" or a country, and
    /// not when the text speaks of weight.
    Weight,
}

/// Currency words that follow a number: word, family, default ISO code,
/// factor to whole units, guard.
pub(super) const WORDS: &[(&str, Family, &str, f64, Guard)] = &[
    ("dollar", Dollar, "USD", 1.0, Plain),
    ("dollars", Dollar, "USD", 1.0, Plain),
    ("dlr", Dollar, "USD", 1.0, Plain),
    ("dlrs", Dollar, "USD", 1.0, Plain),
    ("bucks", Dollar, "USD", 1.0, Lower),
    ("cent", Cent, "USD", 0.01, Plain),
    ("cents", Cent, "USD", 0.01, Plain),
    ("cts", Cent, "USD", 0.01, Plain),
    ("ct", Cent, "USD", 0.01, Lower),
    ("euro", Single, "EUR", 1.0, Plain),
    ("euros", Single, "EUR", 1.0, Plain),
    ("pound", Pound, "GBP", 1.0, Weight),
    ("pounds", Pound, "GBP", 1.0, Weight),
    ("sterling", Pound, "GBP", 1.0, Plain),
    ("stg", Pound, "GBP", 1.0, Plain),
    ("quid", Pound, "GBP", 1.0, Plain),
    ("pence", Single, "GBP", 0.01, Plain),
    ("penny", Single, "GBP", 0.01, Plain),
    ("pennies", Single, "GBP", 0.01, Plain),
    ("yen", Single, "JPY", 1.0, Plain),
    ("yuan", Single, "CNY", 1.0, Plain),
    ("renminbi", Single, "CNY", 1.0, Plain),
    ("rmb", Single, "CNY", 1.0, Plain),
    ("rupee", Rupee, "INR", 1.0, Plain),
    ("rupees", Rupee, "INR", 1.0, Plain),
    ("paise", Single, "INR", 0.01, Plain),
    ("rupiah", Single, "IDR", 1.0, Plain),
    ("franc", Franc, "CHF", 1.0, Plain),
    ("francs", Franc, "CHF", 1.0, Plain),
    ("mark", Mark, "DEM", 1.0, NeedsAdj),
    ("marks", Mark, "DEM", 1.0, Weak),
    ("deutschmark", Mark, "DEM", 1.0, Plain),
    ("deutschmarks", Mark, "DEM", 1.0, Plain),
    ("markka", Mark, "FIM", 1.0, Plain),
    ("markkaa", Mark, "FIM", 1.0, Plain),
    ("lira", Lira, "TRY", 1.0, Plain),
    ("liras", Lira, "TRY", 1.0, Plain),
    ("lire", Lira, "ITL", 1.0, Plain),
    ("guilder", Single, "NLG", 1.0, Plain),
    ("guilders", Single, "NLG", 1.0, Plain),
    ("peseta", Single, "ESP", 1.0, Plain),
    ("pesetas", Single, "ESP", 1.0, Plain),
    ("escudo", Single, "PTE", 1.0, Plain),
    ("escudos", Single, "PTE", 1.0, Plain),
    ("schilling", Single, "ATS", 1.0, Plain),
    ("schillings", Single, "ATS", 1.0, Plain),
    ("drachma", Single, "GRD", 1.0, Plain),
    ("drachmas", Single, "GRD", 1.0, Plain),
    ("drachmae", Single, "GRD", 1.0, Plain),
    ("ecu", Single, "XEU", 1.0, Weak),
    ("ecus", Single, "XEU", 1.0, Weak),
    ("sdr", Single, "XDR", 1.0, Weak),
    ("sdrs", Single, "XDR", 1.0, Weak),
    ("krona", Krona, "SEK", 1.0, Plain),
    ("kronor", Krona, "SEK", 1.0, Plain),
    ("krone", Krona, "XXX", 1.0, Plain),
    ("kroner", Krona, "XXX", 1.0, Plain),
    ("crown", Krona, "XXX", 1.0, Weak),
    ("crowns", Krona, "XXX", 1.0, Weak),
    ("koruna", Single, "CZK", 1.0, Plain),
    ("won", Single, "KRW", 1.0, Weak),
    ("real", Single, "BRL", 1.0, NeedsAdj),
    ("reais", Single, "BRL", 1.0, Plain),
    ("rand", Single, "ZAR", 1.0, Plain),
    ("rouble", Single, "RUB", 1.0, Plain),
    ("roubles", Single, "RUB", 1.0, Plain),
    ("ruble", Single, "RUB", 1.0, Plain),
    ("rubles", Single, "RUB", 1.0, Plain),
    ("ringgit", Single, "MYR", 1.0, Plain),
    ("baht", Single, "THB", 1.0, Plain),
    ("peso", Peso, "XXX", 1.0, Plain),
    ("pesos", Peso, "XXX", 1.0, Plain),
    ("dinar", Dinar, "XXX", 1.0, Plain),
    ("dinars", Dinar, "XXX", 1.0, Plain),
    ("rial", Rial, "XXX", 1.0, Plain),
    ("rials", Rial, "XXX", 1.0, Plain),
    ("riyal", Rial, "SAR", 1.0, Plain),
    ("riyals", Rial, "SAR", 1.0, Plain),
    ("dirham", Dirham, "AED", 1.0, Plain),
    ("dirhams", Dirham, "AED", 1.0, Plain),
    ("shekel", Single, "ILS", 1.0, Plain),
    ("shekels", Single, "ILS", 1.0, Plain),
    ("zloty", Single, "PLN", 1.0, Plain),
    ("zlotys", Single, "PLN", 1.0, Plain),
    ("zlotych", Single, "PLN", 1.0, Plain),
    ("forint", Single, "HUF", 1.0, Plain),
    ("forints", Single, "HUF", 1.0, Plain),
    ("naira", Single, "NGN", 1.0, Plain),
    ("hryvnia", Single, "UAH", 1.0, Plain),
    ("hryvnias", Single, "UAH", 1.0, Plain),
    ("dong", Single, "VND", 1.0, Weak),
    ("lari", Single, "GEL", 1.0, Plain),
    ("kip", Single, "LAK", 1.0, Weak),
    ("colones", Single, "CRC", 1.0, Plain),
    ("cedi", Single, "GHS", 1.0, Plain),
    ("cedis", Single, "GHS", 1.0, Plain),
    ("taka", Single, "BDT", 1.0, Plain),
    ("shilling", Shilling, "XXX", 1.0, Weak),
    ("shillings", Shilling, "XXX", 1.0, Weak),
    ("leva", Single, "BGN", 1.0, Plain),
    ("lei", Single, "RON", 1.0, Weak),
    ("tenge", Single, "KZT", 1.0, Plain),
    ("bitcoin", Single, "BTC", 1.0, Plain),
    ("bitcoins", Single, "BTC", 1.0, Plain),
    ("satoshi", Single, "BTC", 1e-8, Plain),
    ("satoshis", Single, "BTC", 1e-8, Plain),
];

/// Country adjectives that sit between a number and a currency word
/// ("125 million Australian dollars", "5 mln U.S. dlrs"). Dotted
/// abbreviations are listed without their final dot.
pub(super) const ADJECTIVES: &[(&str, Family, &str)] = &[
    ("us", Dollar, "USD"),
    ("u.s", Dollar, "USD"),
    ("american", Dollar, "USD"),
    ("canadian", Dollar, "CAD"),
    ("can", Dollar, "CAD"),
    ("cdn", Dollar, "CAD"),
    ("australian", Dollar, "AUD"),
    ("aust", Dollar, "AUD"),
    ("aus", Dollar, "AUD"),
    ("new zealand", Dollar, "NZD"),
    ("n.z", Dollar, "NZD"),
    ("nz", Dollar, "NZD"),
    ("hong kong", Dollar, "HKD"),
    ("h.k", Dollar, "HKD"),
    ("hk", Dollar, "HKD"),
    ("singapore", Dollar, "SGD"),
    ("singaporean", Dollar, "SGD"),
    ("new taiwan", Dollar, "TWD"),
    ("taiwan", Dollar, "TWD"),
    ("taiwanese", Dollar, "TWD"),
    ("nt", Dollar, "TWD"),
    ("jamaican", Dollar, "JMD"),
    ("zimbabwe", Dollar, "ZWL"),
    ("malaysian", Dollar, "MYR"),
    ("brunei", Dollar, "BND"),
    ("zimbabwean", Dollar, "ZWL"),
    ("euro", Cent, "EUR"),
    ("swiss", Franc, "CHF"),
    ("french", Franc, "FRF"),
    ("belgian", Franc, "BEF"),
    ("luxembourg", Franc, "LUF"),
    ("cfa", Franc, "XOF"),
    ("british", Pound, "GBP"),
    ("uk", Pound, "GBP"),
    ("egyptian", Pound, "EGP"),
    ("irish", Pound, "IEP"),
    ("lebanese", Pound, "LBP"),
    ("syrian", Pound, "SYP"),
    ("indian", Rupee, "INR"),
    ("pakistani", Rupee, "PKR"),
    ("sri lankan", Rupee, "LKR"),
    ("nepalese", Rupee, "NPR"),
    ("nepali", Rupee, "NPR"),
    ("mauritian", Rupee, "MUR"),
    ("mexican", Peso, "MXN"),
    ("philippine", Peso, "PHP"),
    ("argentine", Peso, "ARS"),
    ("argentinian", Peso, "ARS"),
    ("chilean", Peso, "CLP"),
    ("colombian", Peso, "COP"),
    ("uruguayan", Peso, "UYU"),
    ("dominican", Peso, "DOP"),
    ("swedish", Krona, "SEK"),
    ("danish", Krona, "DKK"),
    ("norwegian", Krona, "NOK"),
    ("icelandic", Krona, "ISK"),
    ("czech", Krona, "CZK"),
    ("kuwaiti", Dinar, "KWD"),
    ("bahraini", Dinar, "BHD"),
    ("iraqi", Dinar, "IQD"),
    ("jordanian", Dinar, "JOD"),
    ("tunisian", Dinar, "TND"),
    ("algerian", Dinar, "DZD"),
    ("libyan", Dinar, "LYD"),
    ("serbian", Dinar, "RSD"),
    ("saudi", Rial, "SAR"),
    ("iranian", Rial, "IRR"),
    ("omani", Rial, "OMR"),
    ("qatari", Rial, "QAR"),
    ("yemeni", Rial, "YER"),
    ("uae", Dirham, "AED"),
    ("emirati", Dirham, "AED"),
    ("moroccan", Dirham, "MAD"),
    ("kenyan", Shilling, "KES"),
    ("ugandan", Shilling, "UGX"),
    ("tanzanian", Shilling, "TZS"),
    ("somali", Shilling, "SOS"),
    ("turkish", Lira, "TRY"),
    ("italian", Lira, "ITL"),
    ("west german", Mark, "DEM"),
    ("german", Mark, "DEM"),
    ("deutsche", Mark, "DEM"),
    ("d", Mark, "DEM"),
    ("finnish", Mark, "FIM"),
    ("japanese", Single, "JPY"),
    ("chinese", Single, "CNY"),
    ("south korean", Single, "KRW"),
    ("korean", Single, "KRW"),
    ("brazilian", Single, "BRL"),
    ("south african", Single, "ZAR"),
    ("russian", Single, "RUB"),
    ("dutch", Single, "NLG"),
    ("spanish", Single, "ESP"),
    ("portuguese", Single, "PTE"),
    ("greek", Single, "GRD"),
    ("austrian", Single, "ATS"),
    ("indonesian", Single, "IDR"),
    ("malaysian", Single, "MYR"),
    ("thai", Single, "THB"),
    ("new israeli", Single, "ILS"),
    ("israeli", Single, "ILS"),
    ("polish", Single, "PLN"),
    ("hungarian", Single, "HUF"),
    ("nigerian", Single, "NGN"),
    ("ukrainian", Single, "UAH"),
    ("vietnamese", Single, "VND"),
    ("georgian", Single, "GEL"),
    ("ghanaian", Single, "GHS"),
    ("bangladeshi", Single, "BDT"),
    ("bulgarian", Single, "BGN"),
    ("romanian", Single, "RON"),
    ("costa rican", Single, "CRC"),
    ("lao", Single, "LAK"),
];

/// ISO codes written before or after a number (`USD 3m`, `3m EUR`,
/// `usd115`): code, ISO, upper case only. Codes that are English words or
/// tech terms (CAD, TRY, RUB …) count only in capitals; PHP, ALL, COP, GEL,
/// MAD and the like are left out entirely ("PHP 8", "COP28", "silica gel").
pub(super) const CODES: &[(&str, &str, bool)] = &[
    ("usd", "USD", false),
    ("eur", "EUR", false),
    ("gbp", "GBP", false),
    ("jpy", "JPY", false),
    ("cny", "CNY", false),
    ("rmb", "CNY", false),
    ("inr", "INR", false),
    ("chf", "CHF", false),
    ("cad", "CAD", true),
    ("aud", "AUD", false),
    ("hkd", "HKD", false),
    ("nzd", "NZD", false),
    ("sgd", "SGD", false),
    ("twd", "TWD", false),
    ("krw", "KRW", false),
    ("sek", "SEK", false),
    ("nok", "NOK", false),
    ("dkk", "DKK", false),
    ("isk", "ISK", false),
    ("czk", "CZK", false),
    ("pln", "PLN", false),
    ("huf", "HUF", false),
    ("rub", "RUB", true),
    ("uah", "UAH", false),
    ("try", "TRY", true),
    ("ils", "ILS", true),
    ("sar", "SAR", true),
    ("aed", "AED", false),
    ("qar", "QAR", false),
    ("kwd", "KWD", false),
    ("egp", "EGP", false),
    ("ngn", "NGN", false),
    ("kes", "KES", true),
    ("zar", "ZAR", false),
    ("brl", "BRL", false),
    ("mxn", "MXN", false),
    ("ars", "ARS", true),
    ("clp", "CLP", true),
    ("pkr", "PKR", false),
    ("lkr", "LKR", false),
    ("bdt", "BDT", false),
    ("idr", "IDR", false),
    ("myr", "MYR", false),
    ("thb", "THB", false),
    ("vnd", "VND", false),
    ("xeu", "XEU", false),
    ("frf", "FRF", false),
    ("btc", "BTC", false),
    ("xbt", "BTC", false),
];

/// Codes that also come with a scale letter glued on, as Nordic and German
/// reports write them: `30 MUSD`, `MAUD 60`, `500 kSEK`.
pub(super) const SCALED_CODE_BASES: &[&str] = &[
    "usd", "eur", "gbp", "aud", "cad", "nzd", "hkd", "sgd", "chf", "sek", "nok", "dkk",
];

/// Currency symbols and the currency they stand for. `¥` is read as yen
/// (Japanese stories use it far more often than Chinese ones in English).
pub(super) const SYMBOLS: &[(&str, &str)] = &[
    ("$", "USD"),
    ("£", "GBP"),
    ("€", "EUR"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("₽", "RUB"),
    ("₺", "TRY"),
    ("₱", "PHP"),
    ("₦", "NGN"),
    ("₫", "VND"),
    ("₪", "ILS"),
    ("₴", "UAH"),
    ("₿", "BTC"),
    ("元", "CNY"),
    ("円", "JPY"),
    ("₡", "CRC"),
    ("₾", "GEL"),
    ("₭", "LAK"),
    ("ரூ", "LKR"),
    ("฿", "THB"),
    ("₸", "KZT"),
    ("₵", "GHS"),
    ("zł", "PLN"),
];

/// Letters written before a symbol to say which dollar (or yen) it is:
/// letters, symbol, ISO code, whether the letters must touch the symbol.
/// `A$` must be glued because "a $ 300 million contract" is an article.
pub(super) const SYMBOL_PREFIXES: &[(&str, &str, &str, bool)] = &[
    ("us", "$", "USD", false),
    ("u.s", "$", "USD", false),
    ("usd", "$", "USD", false),
    ("c", "$", "CAD", false),
    ("ca", "$", "CAD", true),
    ("can", "$", "CAD", true),
    ("cdn", "$", "CAD", false),
    ("cad", "$", "CAD", false),
    ("a", "$", "AUD", true),
    ("au", "$", "AUD", true),
    ("aus", "$", "AUD", false),
    ("aud", "$", "AUD", false),
    ("hk", "$", "HKD", false),
    ("h.k", "$", "HKD", false),
    ("hkd", "$", "HKD", false),
    ("nz", "$", "NZD", false),
    ("n.z", "$", "NZD", false),
    ("nzd", "$", "NZD", false),
    ("s", "$", "SGD", true),
    ("sgd", "$", "SGD", false),
    ("nt", "$", "TWD", false),
    ("twd", "$", "TWD", false),
    ("r", "$", "BRL", true),
    ("mex", "$", "MXN", false),
    ("mx", "$", "MXN", true),
    ("mxn", "$", "MXN", false),
    ("cn", "¥", "CNY", true),
    ("rmb", "¥", "CNY", true),
];

/// Letters glued after `$` in Australian and Canadian style: `$US5m`.
pub(super) const DOLLAR_SUFFIX_LETTERS: &[(&str, &str)] = &[
    ("US", "USD"),
    ("A", "AUD"),
    ("AU", "AUD"),
    ("NZ", "NZD"),
    ("C", "CAD"),
    ("CA", "CAD"),
    ("HK", "HKD"),
];

/// Letter abbreviations used like a symbol before the number: `Rs 500 crore`,
/// `RM5 billion`, `Rp 2 trillion`, `DM 300 million`, `SFr 12`. Upper case only
/// where the letters are common ("rm", "dm").
pub(super) const LETTER_SYMBOLS: &[(&str, &str, bool)] = &[
    ("rs", "INR", false),
    ("rp", "IDR", false),
    ("rm", "MYR", true),
    ("dm", "DEM", true),
    ("sfr", "CHF", false),
];

/// Currencies without a hundredth that anyone writes: "15 yen 50" is not
/// 15.50 yen.
pub(super) const NO_CENTS: &[&str] = &["JPY", "KRW", "IDR", "VND", "XXX", "BTC", "ITL", "LAK"];

#[derive(Debug, Clone, Copy)]
pub(super) struct WordInfo {
    pub(super) family: Family,
    pub(super) iso: &'static str,
    pub(super) factor: f64,
    pub(super) guard: Guard,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct CodeInfo {
    pub(super) iso: &'static str,
    pub(super) mag: f64,
    pub(super) upper_only: bool,
}

pub(super) struct Tables {
    pub(super) words: HashMap<&'static str, WordInfo>,
    pub(super) codes: HashMap<String, CodeInfo>,
    /// Adjective entries keyed by their first word.
    pub(super) adjectives: HashMap<&'static str, Vec<(&'static str, Family, &'static str)>>,
}

pub(super) static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let words = WORDS
        .iter()
        .map(|&(w, family, iso, factor, guard)| {
            (
                w,
                WordInfo {
                    family,
                    iso,
                    factor,
                    guard,
                },
            )
        })
        .collect();
    let mut codes: HashMap<String, CodeInfo> = CODES
        .iter()
        .map(|&(c, iso, upper_only)| {
            (
                c.to_string(),
                CodeInfo {
                    iso,
                    mag: 1.0,
                    upper_only,
                },
            )
        })
        .collect();
    for base in SCALED_CODE_BASES {
        let iso = codes[*base].iso;
        for (letter, mag) in [("m", 1e6), ("k", 1e3)] {
            codes.insert(
                format!("{letter}{base}"),
                CodeInfo {
                    iso,
                    mag,
                    upper_only: false,
                },
            );
        }
    }
    let mut adjectives: HashMap<&'static str, Vec<_>> = HashMap::new();
    for &(phrase, family, iso) in ADJECTIVES {
        let first = phrase.split(' ').next().unwrap_or(phrase);
        adjectives
            .entry(first)
            .or_default()
            .push((phrase, family, iso));
    }
    Tables {
        words,
        codes,
        adjectives,
    }
});
