//! Tests of currency markers: symbols and their prefixes, ISO codes, letter abbreviations,
//! currency words with their country adjectives, and the guards on words that are also ordinary
//! English.

use crate::extract::money::tests::{approx, check, found, none};
use crate::extract::money::usd_rate;

#[test]
fn dollar_sign_with_scales() {
    check(
        "Revenue hit $1.13bn last quarter.",
        "$1.13bn",
        "USD",
        1.13e9,
    );
    check(
        "The startup raised $94,000 from friends.",
        "$94,000",
        "USD",
        94_000.0,
    );
    check(
        "A grant of $ 75 million was approved.",
        "$ 75 million",
        "USD",
        75e6,
    );
    check("It paid $5m in fines.", "$5m", "USD", 5e6);
    check("Valued at $2.5B, the firm", "$2.5B", "USD", 2.5e9);
    check("a $500k seed round", "$500k", "USD", 5e5);
    check("a $1T market cap", "$1T", "USD", 1e12);
    check("debt of $3tn overall", "$3tn", "USD", 3e12);
    check("a $1.5-billion acquisition", "$1.5-billion", "USD", 1.5e9);
    check("sold for $0.99 each", "$0.99", "USD", 0.99);
}

#[test]
fn country_dollar_prefixes() {
    check("a US$5m deal", "US$5m", "USD", 5e6);
    check("raised C$16.4 million", "C$16.4 million", "CAD", 16.4e6);
    check(
        "the price is c $ 16.4 million",
        "c $ 16.4 million",
        "CAD",
        16.4e6,
    );
    check("about A$30m in grants", "A$30m", "AUD", 30e6);
    check(
        "exports of hk $ 10.05 billion",
        "hk $ 10.05 billion",
        "HKD",
        10.05e9,
    );
    check("HK$2 billion of bonds", "HK$2 billion", "HKD", 2e9);
    check("a us $ 150 million loan", "us $ 150 million", "USD", 150e6);
    check("He gave us $5.", "$5", "USD", 5.0);
    check("the US $2 trillion bill", "US $2 trillion", "USD", 2e12);
    check("a prize of u.s. $ 12", "u.s. $ 12", "USD", 12.0);
    check("NZ$15 per ticket", "NZ$15", "NZD", 15.0);
    check("nzd$15 per ticket", "nzd$15", "NZD", 15.0);
    check("Mex$ 10 million forward", "Mex$ 10 million", "MXN", 10e6);
    check("it costs $US5m in total", "$US5m", "USD", 5e6);
    check("S$4.2 billion in deposits", "S$4.2 billion", "SGD", 4.2e9);
}

#[test]
fn an_article_before_a_dollar_sign_is_not_australian() {
    check(
        "Boeing won a $ 300 million contract.",
        "$ 300 million",
        "USD",
        300e6,
    );
    check("A $5 fee applies.", "$5", "USD", 5.0);
}

#[test]
fn other_symbols() {
    check("It sold for £8.10 million.", "£8.10 million", "GBP", 8.1e6);
    check("a fine of €2 million", "€2 million", "EUR", 2e6);
    check("a ¥500 billion package", "¥500 billion", "JPY", 500e9);
    check("an order worth ₹1,200 crore", "₹1,200 crore", "INR", 12e9);
    check("a ₩3 trillion plant", "₩3 trillion", "KRW", 3e12);
    check("The ticket is 100 ₡", "100 ₡", "CRC", 100.0);
    check("The bike cost 100₾", "100₾", "GEL", 100.0);
    check("They paid 100元 for it", "100元", "CNY", 100.0);
    check(
        "Supply is capped at ₿21,000,000",
        "₿21,000,000",
        "BTC",
        21e6,
    );
}

#[test]
fn symbols_written_after_the_figure() {
    assert_eq!(
        found("Notes of 5 €, 10 € and 20 € exist."),
        vec![
            ("5 €".into(), "EUR", 5.0),
            ("10 €".into(), "EUR", 10.0),
            ("20 €".into(), "EUR", 20.0),
        ]
    );
    check("10 $ is cheap", "10 $", "USD", 10.0);
    assert_eq!(
        found("10 $ 30 $"),
        vec![("10 $".into(), "USD", 10.0), ("30 $".into(), "USD", 30.0)]
    );
}

#[test]
fn a_year_before_a_tokenised_dollar_sign_is_not_money() {
    check("sales in 1988 $ 75 million", "$ 75 million", "USD", 75e6);
    check("one $10 bill", "$10", "USD", 10.0);
}

#[test]
fn iso_codes_before_and_after() {
    check("a loan of USD 3m", "USD 3m", "USD", 3e6);
    check("a grant of 3m EUR", "3m EUR", "EUR", 3e6);
    check("priced at GBP 350.", "GBP 350", "GBP", 350.0);
    check("USD115.5 per unit", "USD115.5", "USD", 115.5);
    check("115usd per unit", "115usd", "USD", 115.0);
    check("They lost 75 USD million.", "75 USD million", "USD", 75e6);
    check("we sold 3 USD50 cards", "USD50", "USD", 50.0);
    check(
        "fees of CHF 12.5 million",
        "CHF 12.5 million",
        "CHF",
        12.5e6,
    );
    check("a SEK 2bn rights issue", "SEK 2bn", "SEK", 2e9);
    assert_eq!(
        found("rmb 10 usd 20"),
        vec![
            ("rmb 10".into(), "CNY", 10.0),
            ("usd 20".into(), "USD", 20.0)
        ]
    );
    assert_eq!(
        found("10 rmb 20 usd"),
        vec![
            ("10 rmb".into(), "CNY", 10.0),
            ("20 usd".into(), "USD", 20.0)
        ]
    );
}

#[test]
fn codes_with_a_scale_letter() {
    check("losses above 30 MUSD", "30 MUSD", "USD", 30e6);
    check("sales rose to 120 MEUR", "120 MEUR", "EUR", 120e6);
    check("revenues of about MAUD 60", "MAUD 60", "AUD", 60e6);
    check("twenty MUSD in grants", "twenty MUSD", "USD", 20e6);
    check("a budget of 500 kSEK", "500 kSEK", "SEK", 5e5);
}

#[test]
fn codes_that_are_english_words_need_capitals() {
    check("a CAD 5 million grant", "CAD 5 million", "CAD", 5e6);
    none("the cad 5 model");
    none("PHP 8 is out, and COP 28 opens soon.");
    none("Try 3 times; all 70 of us agreed.");
}

#[test]
fn letter_prefixes() {
    check("a deal worth Rs 500 crore", "Rs 500 crore", "INR", 5e9);
    check(
        "a deal worth Rs.1.2 lakh crore",
        "Rs.1.2 lakh crore",
        "INR",
        1.2e12,
    );
    check("a RM5 billion highway", "RM5 billion", "MYR", 5e9);
    check("bonds worth Rp 2 trillion", "Rp 2 trillion", "IDR", 2e12);
    check("a DM 300 million credit", "DM 300 million", "DEM", 300e6);
    none("the rm 5 command");
}

#[test]
fn currency_words() {
    check("Give me 5 dollars.", "5 dollars", "USD", 5.0);
    check("for 323 million euros", "323 million euros", "EUR", 323e6);
    check(
        "profit of 361 million pounds",
        "361 million pounds",
        "GBP",
        361e6,
    );
    check(
        "a 2 mln pounds sterling charge",
        "2 mln pounds sterling",
        "GBP",
        2e6,
    );
    check(
        "it broke 100 billion yuan",
        "100 billion yuan",
        "CNY",
        100e9,
    );
    check(
        "a 3 billion renminbi fund",
        "3 billion renminbi",
        "CNY",
        3e9,
    );
    check(
        "fined 10,000 swiss francs",
        "10,000 swiss francs",
        "CHF",
        10_000.0,
    );
    check("at 1,015 francs a share", "1,015 francs", "CHF", 1015.0);
    check(
        "worth 528 million French francs",
        "528 million French francs",
        "FRF",
        528e6,
    );
    check("a loan of 35 lakh rupees", "35 lakh rupees", "INR", 3.5e6);
    check(
        "for 420 million finnish markka",
        "420 million finnish markka",
        "FIM",
        420e6,
    );
    check("a 9 billion kronor order", "9 billion kronor", "SEK", 9e9);
    check(
        "raised 4 billion Danish crowns",
        "4 billion Danish crowns",
        "DKK",
        4e9,
    );
    check("costs 600 million rand", "600 million rand", "ZAR", 600e6);
    check("a 2 trillion won plant", "2 trillion won", "KRW", 2e12);
    check(
        "worth 15 trillion rupiah",
        "15 trillion rupiah",
        "IDR",
        15e12,
    );
    check(
        "at 6.65 billion pesetas",
        "6.65 billion pesetas",
        "ESP",
        6.65e9,
    );
    check(
        "250 million dutch guilders of bonds",
        "250 million dutch guilders",
        "NLG",
        250e6,
    );
    check("It costs 10 turkish lira", "10 turkish lira", "TRY", 10.0);
    check("a lease of 3 billion reais", "3 billion reais", "BRL", 3e9);
    check("6.25 BTC per block", "6.25 BTC", "BTC", 6.25);
    check(
        "a wallet holding 10000 bitcoins",
        "10000 bitcoins",
        "BTC",
        10_000.0,
    );
}

#[test]
fn country_adjectives() {
    check(
        "125 million australian dollars of notes",
        "125 million australian dollars",
        "AUD",
        125e6,
    );
    check("It costs you 10 us dollar.", "10 us dollar", "USD", 10.0);
    check("and 100 chinese yuan", "100 chinese yuan", "CNY", 100.0);
    check(
        "a 5 mln Canadian dlr loan",
        "5 mln Canadian dlr",
        "CAD",
        5e6,
    );
    check("about 12 mln Can dlrs", "12 mln Can dlrs", "CAD", 12e6);
    check(
        "worth 3.61 billion U.S. dlrs",
        "3.61 billion U.S. dlrs",
        "USD",
        3.61e9,
    );
    check(
        "a 300 mln H.K. dlrs issue",
        "300 mln H.K. dlrs",
        "HKD",
        300e6,
    );
    check(
        "worth 8 billion Mexican pesos",
        "8 billion Mexican pesos",
        "MXN",
        8e9,
    );
    check(
        "priced at 20 Brazilian real",
        "20 Brazilian real",
        "BRL",
        20.0,
    );
    check(
        "some 40 mln Malaysian dlrs",
        "40 mln Malaysian dlrs",
        "MYR",
        40e6,
    );
    check("a 2 bln D-mark bond", "2 bln D-mark", "DEM", 2e9);
}

#[test]
fn ambiguous_currency_words_are_xxx() {
    check("a 5 billion pesos budget", "5 billion pesos", "XXX", 5e9);
    check("profit of 300 mln crowns", "300 mln crowns", "XXX", 300e6);
    assert_eq!(usd_rate("XXX"), None);
}

#[test]
fn cents_and_pence_are_fractions_of_the_unit() {
    check("oil rose 50 cents a barrel", "50 cents", "USD", 0.5);
    check("the contract rose 1.20 cents", "1.20 cents", "USD", 0.012);
    check("a 12-cent-a-share dividend", "12-cent", "USD", 0.12);
    check("a bid of 470 pence a share", "470 pence", "GBP", 4.7);
    check("shares closed one penny lower", "one penny", "GBP", 0.01);
    check("shares closed at 873p on Friday", "873p", "GBP", 8.73);
    check("shares were up 4p or 1%", "4p", "GBP", 0.04);
    check("a tip of 2 satoshis", "2 satoshis", "BTC", 2e-8);
    check("worth 5 euro cents", "5 euro cents", "EUR", 0.05);
    none("streams in 1080p or 720p, and 4K");
    none("up 5 per cent on the year");
}

#[test]
fn newswire_abbreviations() {
    check(
        "a loan of 750 mln dlrs to the",
        "750 mln dlrs",
        "USD",
        750e6,
    );
    check(
        "assets of 1.5 billion dlrs.",
        "1.5 billion dlrs",
        "USD",
        1.5e9,
    );
    check("a charge of 12.5 mln stg", "12.5 mln stg", "GBP", 12.5e6);
    check("an offer of 52 dlrs a share", "52 dlrs", "USD", 52.0);
    check("a dividend of 15 cts a share", "15 cts", "USD", 0.15);
    check("Qtly div 9 ct, payable", "9 ct", "USD", 0.09);
    check(
        "drained 16 billion marks from the market",
        "16 billion marks",
        "DEM",
        16e9,
    );
    check("traded at 1.8085 marks late", "1.8085 marks", "DEM", 1.8085);
    check("closed at 142.05 yen", "142.05 yen", "JPY", 142.05);
    check(
        "a budget of 3,717 billion lire",
        "3,717 billion lire",
        "ITL",
        3.717e12,
    );
    // Small bare counts of "ECUs" are engine control units in tech news.
    none("a modern car has 100 ECUs");
    check("issued 100 mln Ecus of notes", "100 mln Ecus", "XEU", 100e6);
    check("a loan of 200 mln SDRs", "200 mln SDRs", "XDR", 200e6);
}

#[test]
fn weight_pounds_are_not_money() {
    none("The laptop weighs 3.5 pounds.");
    none("a 5-pound bag of rice");
    none("bought 2.3 mln pounds of peanut products");
    none("a 1,850 pound satellite");
    none("He lost 20 pounds last year.");
    none("The baby is over two pounds.");
    none("A tonne is 2,204.62 pounds.");
    check("a 5 million pound deal", "5 million pound", "GBP", 5e6);
    check(
        "it costs 20 pounds sterling",
        "20 pounds sterling",
        "GBP",
        20.0,
    );
    check(
        "a fee of 500 British pounds",
        "500 British pounds",
        "GBP",
        500.0,
    );
    approx(
        "millions of pounds",
        "millions of pounds",
        1e6,
        Some(1e6),
        None,
    );
}

#[test]
fn common_words_that_are_also_currencies() {
    none("Exam results: 5 marks out of 10.");
    none("The team won 3 games.");
    none("She had 3 crowns fitted.");
    none("Bucks 110, Celtics 102");
    none("He needed 3 CT scans.");
    none("The 100 mark was passed.");
    none("With 2 real options left.");
    check("The shop sells it for 10 bucks.", "10 bucks", "USD", 10.0);
}
