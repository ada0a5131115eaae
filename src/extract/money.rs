use serde::Serialize;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MoneyKind {
    Exact,
    Approximate,
    Range,
}
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Money {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub currency: &'static str,
    pub value: f64,
    pub kind: MoneyKind,
    pub low: Option<f64>,
    pub high: Option<f64>,
}
impl Money {
    pub fn usd(&self) -> Option<f64> {
        Some(self.value)
    }
}
pub fn find_money(_text: &str) -> Vec<Money> {
    Vec::new()
}
pub fn parse_amount_filter(s: &str) -> Result<(f64, Option<&'static str>), String> {
    s.parse::<f64>()
        .map(|v| (v, None))
        .map_err(|e| e.to_string())
}
pub fn usd_rate(_c: &str) -> Option<f64> {
    Some(1.0)
}
