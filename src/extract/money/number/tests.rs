//! Tests of the numeral parser: scales, written numbers, separators, decimals, fractions and
//! figures split across lines.

use crate::extract::money::find_money;
use crate::extract::money::tests::{check, one};

#[test]
fn a_doubled_scale_is_a_typo_and_the_first_counts() {
    // Seen in Reuters-21578 and BBC text; multiplying gave trillions of trillions.
    check(
        "borrowing of $4.5bn trillion over",
        "$4.5bn trillion",
        "USD",
        4.5e9,
    );
    check(
        "with 1.143 billion mln stg assistance",
        "1.143 billion mln stg",
        "GBP",
        1.143e9,
    );
    check(
        "a 40 million mln dlr loan",
        "40 million mln dlr",
        "USD",
        40e6,
    );
    check(
        "Two million million dollars",
        "Two million million dollars",
        "USD",
        2e6,
    );
}

#[test]
fn a_larger_scale_multiplies_the_words_before_it() {
    check(
        "A thousand million dollars",
        "A thousand million dollars",
        "USD",
        1e9,
    );
    check(
        "one thousand two hundred million dollars",
        "one thousand two hundred million dollars",
        "USD",
        1.2e9,
    );
    check(
        "two million three hundred thousand dollars",
        "two million three hundred thousand dollars",
        "USD",
        2.3e6,
    );
    check("Rs 1.2 lakh crore", "Rs 1.2 lakh crore", "INR", 1.2e12);
    check(
        "five thousand million dollars",
        "five thousand million dollars",
        "USD",
        5e9,
    );
    check(
        "two hundred and fifty million dollars",
        "two hundred and fifty million dollars",
        "USD",
        2.5e8,
    );
    // Never a product across two amounts of a million or more.
    for text in [
        "between two million and three billion dollars",
        "five million and ten billion dollars",
    ] {
        for m in find_money(text) {
            assert!(m.value <= 1.1e10, "{text:?}: {}", m.value);
        }
    }
}

#[test]
fn scaled_values_are_exact() {
    assert_eq!(one("It earned $1.13bn.").value, 1_130_000_000.0);
    assert_eq!(one("It earned $4.151 billion.").value, 4_151_000_000.0);
    assert_eq!(one("Shr 47 cts").value, 0.47);
}

#[test]
fn written_out_numbers() {
    check("received five million yen", "five million yen", "JPY", 5e6);
    check(
        "It cost a million dollars.",
        "a million dollars",
        "USD",
        1e6,
    );
    check("just twenty-five cents", "twenty-five cents", "USD", 0.25);
    check(
        "It costs half a million euros.",
        "half a million euros",
        "EUR",
        5e5,
    );
    check("It costs half million usd.", "half million usd", "USD", 5e5);
    check(
        "It costs a quarter million us dollars.",
        "a quarter million us dollars",
        "USD",
        2.5e5,
    );
    check(
        "three quarters billion us dollars",
        "three quarters billion us dollars",
        "USD",
        7.5e8,
    );
    check(
        "two and a half billion dollars",
        "two and a half billion dollars",
        "USD",
        2.5e9,
    );
    check(
        "one hundred and fifty euros",
        "one hundred and fifty euros",
        "EUR",
        150.0,
    );
    check("its one-yen bid", "one-yen", "JPY", 1.0);
    check("posted a seven mln dlr profit", "seven mln dlr", "USD", 7e6);
    check(
        "three thousand dollars two hundred times",
        "three thousand dollars",
        "USD",
        3000.0,
    );
}

#[test]
fn newswire_line_breaks_inside_amounts() {
    check(
        "a deficit of 5.3\n    mln dlrs in the",
        "5.3\n    mln dlrs",
        "USD",
        5.3e6,
    );
    check(
        "worth 1.4 to 1.5\nbillion dlrs",
        "1.4 to 1.5\nbillion dlrs",
        "USD",
        1.4e9,
    );
}

#[test]
fn newswire_fractions() {
    check("a 22-1/2 dlrs a share bid", "22-1/2 dlrs", "USD", 22.5);
    check("paying 12-1/2 cts quarterly", "12-1/2 cts", "USD", 0.125);
}

#[test]
fn hyphenated_scale_and_unit() {
    check("a 240-mln-dlr contract", "240-mln-dlr", "USD", 240e6);
    check("a 1.8-mln-dlr note", "1.8-mln-dlr", "USD", 1.8e6);
}

#[test]
fn tokenised_decimals() {
    check(
        "the project costs $ 46 . 8 million , and",
        "$ 46 . 8 million",
        "USD",
        46.8e6,
    );
    check("it cost $ 46 . then 8 million people", "$ 46", "USD", 46.0);
}

#[test]
fn number_formats() {
    check("at $12,345.", "$12,345", "USD", 12_345.0);
    check(
        "12,34,567.89 rupees",
        "12,34,567.89 rupees",
        "INR",
        1_234_567.89,
    );
    check("€1.234.567 in damages", "€1.234.567", "EUR", 1_234_567.0);
    check("$ 20,000.00 each", "$ 20,000.00", "USD", 20_000.0);
    check("a $10000 loan", "$10000", "USD", 10_000.0);
    check("Rs 500 cr", "Rs 500 cr", "INR", 5e9);
}
