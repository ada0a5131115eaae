//! The query language: what a user types, read into a small syntax tree.
//!
//! Supported: plain words, "quoted phrases", `+must`, `-exclude`, `NOT x`,
//! `AND` / `OR`, parentheses, `field:term` and `field:"phrase"` for the text
//! fields, `entity:"Amazon Web Services"`, and date ranges such as
//! `date:[2025-01-01 TO 2025-06-30]`, `date:>=2025-01` or `date:2024`.
//!
//! Plain language is never rejected: when the strict reading fails on syntax
//! (a stray quote or parenthesis, `C++`, a dangling `AND`), the same text is
//! read again as plain words and [`ParsedQuery::note`] says so. Only a request
//! that cannot mean anything (an unknown field, an impossible range) is an
//! error, with the column where it happens.

use std::fmt;

/// How a clause takes part in matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    Should,
    Must,
    MustNot,
}

/// A field a query can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryField {
    Title,
    Text,
    Source,
    Author,
    Heading,
    Entity,
}

impl QueryField {
    const NAMES: &'static [(&'static str, QueryField)] = &[
        ("title", QueryField::Title),
        ("text", QueryField::Text),
        ("body", QueryField::Text),
        ("source", QueryField::Source),
        ("author", QueryField::Author),
        ("heading", QueryField::Heading),
        ("entity", QueryField::Entity),
    ];
}

/// One piece of a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A word, searched in `field` or in the default fields.
    Word {
        field: Option<QueryField>,
        text: String,
    },
    /// A quoted phrase.
    Phrase {
        field: Option<QueryField>,
        text: String,
    },
    /// A date range in seconds since the epoch, each end inclusive.
    DateRange { from: Option<i64>, to: Option<i64> },
    /// A parenthesised sub-query.
    Group(Vec<Clause>),
}

/// A node with its occurrence.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub occur: Occur,
    pub node: Node,
}

/// A parsed query, with a note when it was read leniently.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedQuery {
    pub clauses: Vec<Clause>,
    /// Set when the text was read as plain words; says why.
    pub note: Option<String>,
}

impl ParsedQuery {
    /// Whether the query has an unquoted word searched in the default fields
    /// (topic expansion only widens such queries; a quoted phrase stays exact).
    pub fn has_plain_word(&self) -> bool {
        fn walk(clauses: &[Clause]) -> bool {
            clauses.iter().any(|c| {
                c.occur != Occur::MustNot
                    && match &c.node {
                        Node::Word { field: None, .. } => true,
                        Node::Group(inner) => walk(inner),
                        _ => false,
                    }
            })
        }
        walk(&self.clauses)
    }

    /// The plain words and phrase words of the query (not excluded ones), in order.
    pub fn positive_words(&self) -> Vec<&str> {
        fn walk<'a>(clauses: &'a [Clause], out: &mut Vec<&'a str>) {
            for clause in clauses {
                if clause.occur == Occur::MustNot {
                    continue;
                }
                match &clause.node {
                    Node::Word { text, field } if field.is_none() => out.push(text),
                    Node::Phrase { text, field } if field.is_none() => out.push(text),
                    Node::Group(inner) => walk(inner, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.clauses, &mut out);
        out
    }
}

/// A query that cannot mean anything: what is wrong and where (1-based column).
#[derive(Debug, Clone, PartialEq)]
pub struct QueryError {
    pub message: String,
    pub column: usize,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at column {})", self.message, self.column)
    }
}

impl std::error::Error for QueryError {}

/// Reads a query: strictly first, then leniently as plain words.
pub fn parse_query(input: &str) -> Result<ParsedQuery, QueryError> {
    match Parser::new(input).parse() {
        Ok(clauses) => Ok(ParsedQuery {
            clauses,
            note: None,
        }),
        Err(Failure::Meaning(err)) => Err(err),
        Err(Failure::Syntax(why)) => Ok(ParsedQuery {
            clauses: plain_words(input),
            note: Some(format!("read the query as plain words ({why})")),
        }),
    }
}

/// Reads a query for exact matching (`timeline`, `report`): every word and phrase is
/// required as if written `+word`, `a OR b` requires either, `NOT`/`-` exclude. Read
/// leniently, as [`parse_query`] does, when the syntax is broken (then every word is
/// required).
pub fn parse_query_all_required(input: &str) -> Result<ParsedQuery, QueryError> {
    let mut parser = Parser::new(input);
    parser.all_required = true;
    match parser.parse() {
        Ok(clauses) => Ok(ParsedQuery {
            clauses,
            note: None,
        }),
        Err(Failure::Meaning(err)) => Err(err),
        Err(Failure::Syntax(why)) => {
            let mut clauses = plain_words(input);
            for clause in &mut clauses {
                clause.occur = Occur::Must;
            }
            Ok(ParsedQuery {
                clauses,
                note: Some(format!("read the query as plain words ({why})")),
            })
        }
    }
}

/// Every run of letters, digits and joiners as a should-word.
fn plain_words(input: &str) -> Vec<Clause> {
    input
        .split(|c: char| c.is_whitespace() || matches!(c, '"' | '(' | ')' | '[' | ']' | '{' | '}'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| Clause {
            occur: Occur::Should,
            node: Node::Word {
                field: None,
                text: w.to_string(),
            },
        })
        .collect()
}

enum Failure {
    /// Not valid syntax: fall back to plain words.
    Syntax(String),
    /// Valid syntax asking for something impossible: an error for the user.
    Meaning(QueryError),
}

struct Parser<'a> {
    input: &'a str,
    pos: usize,
    /// In an all-capitals query, AND / OR / NOT are words, not operators.
    operators: bool,
    /// Every clause not excluded is required; `OR` joins its neighbours into one
    /// required group (see [`parse_query_all_required`]).
    all_required: bool,
}

impl<'a> Parser<'a> {
    fn new(input: &'a str) -> Parser<'a> {
        let has_lower = input.chars().any(|c| c.is_lowercase());
        Parser {
            input,
            pos: 0,
            operators: has_lower,
            all_required: false,
        }
    }

    fn parse(mut self) -> Result<Vec<Clause>, Failure> {
        let clauses = self.clauses(0)?;
        self.skip_space();
        if self.pos < self.input.len() {
            return Err(Failure::Syntax(format!(
                "unmatched `)` at column {}",
                self.column()
            )));
        }
        Ok(clauses)
    }

    fn column(&self) -> usize {
        self.input[..self.pos].chars().count() + 1
    }

    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    fn skip_space(&mut self) {
        let trimmed = self.rest().trim_start();
        self.pos = self.input.len() - trimmed.len();
    }

    /// Reads clauses until the end or a closing parenthesis at `depth` > 0.
    fn clauses(&mut self, depth: usize) -> Result<Vec<Clause>, Failure> {
        let mut clauses: Vec<Clause> = Vec::new();
        let mut pending_and = false;
        // With `all_required`: an `OR` was just read, and whether the last clause is a
        // group of alternatives this loop made (so `a OR b OR c` makes one group).
        let mut pending_or = false;
        let mut last_is_alternatives = false;
        loop {
            self.skip_space();
            let rest = self.rest();
            if rest.is_empty() {
                if depth > 0 {
                    return Err(Failure::Syntax("unclosed `(`".into()));
                }
                break;
            }
            if rest.starts_with(')') {
                if depth == 0 {
                    return Err(Failure::Syntax(format!(
                        "unmatched `)` at column {}",
                        self.column()
                    )));
                }
                break;
            }
            if self.operators {
                if let Some(op) = self.keyword(&["AND", "OR", "&&", "||"]) {
                    if clauses.is_empty() {
                        return Err(Failure::Syntax(format!("`{op}` with nothing before it")));
                    }
                    self.skip_space();
                    if self.rest().is_empty() || self.rest().starts_with(')') {
                        return Err(Failure::Syntax(format!("`{op}` with nothing after it")));
                    }
                    if self.all_required && (op == "OR" || op == "||") {
                        pending_or = true;
                    }
                    if op == "AND" || op == "&&" {
                        if let Some(last) = clauses.last_mut() {
                            if last.occur == Occur::Should {
                                last.occur = Occur::Must;
                            }
                        }
                        pending_and = true;
                    }
                    continue;
                }
            }
            let mut occur = Occur::Should;
            if self.operators && self.keyword(&["NOT"]).is_some() {
                occur = Occur::MustNot;
                self.skip_space();
            } else if let Some(sign) = self
                .rest()
                .chars()
                .next()
                .filter(|c| matches!(c, '+' | '-'))
            {
                let after = self.rest()[1..].chars().next();
                if after.is_some_and(|c| c.is_alphanumeric() || c == '"' || c == '(') {
                    occur = if sign == '+' {
                        Occur::Must
                    } else {
                        Occur::MustNot
                    };
                    self.pos += 1;
                } else {
                    return Err(Failure::Syntax(format!(
                        "`{sign}` not followed by a word at column {}",
                        self.column()
                    )));
                }
            }
            if (pending_and || self.all_required) && occur == Occur::Should {
                occur = Occur::Must;
            }
            pending_and = false;
            if let Some(node) = self.primary(depth)? {
                // A date range restricts; it does not just add to the score.
                if matches!(node, Node::DateRange { .. }) && occur == Occur::Should {
                    occur = Occur::Must;
                }
                let clause = Clause { occur, node };
                if pending_or && !clauses.is_empty() {
                    let alternative = |mut c: Clause| {
                        if c.occur == Occur::Must {
                            c.occur = Occur::Should;
                        }
                        c
                    };
                    let previous = clauses.pop().expect("checked non-empty");
                    let mut group = match previous {
                        Clause {
                            node: Node::Group(inner),
                            ..
                        } if last_is_alternatives => inner,
                        other => vec![alternative(other)],
                    };
                    group.push(alternative(clause));
                    clauses.push(Clause {
                        occur: Occur::Must,
                        node: Node::Group(group),
                    });
                    last_is_alternatives = true;
                } else {
                    clauses.push(clause);
                    last_is_alternatives = false;
                }
            }
            pending_or = false;
        }
        Ok(clauses)
    }

    /// Consumes one of `words` if it stands alone at the cursor.
    fn keyword(&mut self, words: &[&'static str]) -> Option<&'static str> {
        let rest = self.rest();
        for &word in words {
            if let Some(after) = rest.strip_prefix(word) {
                if after.is_empty()
                    || after.starts_with(char::is_whitespace)
                    || after.starts_with(['(', ')'])
                {
                    self.pos += word.len();
                    return Some(word);
                }
            }
        }
        None
    }

    fn primary(&mut self, depth: usize) -> Result<Option<Node>, Failure> {
        let rest = self.rest();
        if rest.starts_with('(') {
            self.pos += 1;
            let inner = self.clauses(depth + 1)?;
            self.pos += 1; // the `)` that `clauses` stopped at
            return Ok((!inner.is_empty()).then_some(Node::Group(inner)));
        }
        if rest.starts_with('"') {
            let text = self.quoted()?;
            return Ok(Some(Node::Phrase { field: None, text }));
        }
        if let Some((name, value_start)) = field_prefix(rest) {
            let column = self.column();
            if name.eq_ignore_ascii_case("date") || name.eq_ignore_ascii_case("published") {
                self.pos += value_start;
                return self.date_range(column).map(Some);
            }
            let field = QueryField::NAMES
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, f)| *f)
                .ok_or_else(|| {
                    let known: Vec<&str> = QueryField::NAMES.iter().map(|(n, _)| *n).collect();
                    Failure::Meaning(QueryError {
                        message: format!(
                            "unknown field `{name}`; known fields: {}, date",
                            known.join(", ")
                        ),
                        column,
                    })
                })?;
            self.pos += value_start;
            if self.rest().starts_with('"') {
                let text = self.quoted()?;
                return Ok(Some(Node::Phrase {
                    field: Some(field),
                    text,
                }));
            }
            let word = self.word();
            return Ok(Some(Node::Word {
                field: Some(field),
                text: word.to_string(),
            }));
        }
        let word = self.word();
        if word.is_empty() {
            // A lone symbol such as `&` or `*`: nothing to search.
            let ch = self.rest().chars().next().map_or(0, char::len_utf8);
            self.pos += ch;
            return Ok(None);
        }
        Ok(Some(Node::Word {
            field: None,
            text: word.to_string(),
        }))
    }

    fn quoted(&mut self) -> Result<String, Failure> {
        let column = self.column();
        let body = &self.rest()[1..];
        match body.find('"') {
            Some(end) => {
                let text = body[..end].to_string();
                self.pos += end + 2;
                Ok(text)
            }
            None => Err(Failure::Syntax(format!(
                "unclosed quote at column {column}"
            ))),
        }
    }

    /// A run of characters up to whitespace or a parenthesis.
    fn word(&mut self) -> &'a str {
        let rest = self.rest();
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '"')
            .unwrap_or(rest.len());
        self.pos += end;
        &rest[..end]
    }

    fn date_range(&mut self, column: usize) -> Result<Node, Failure> {
        let meaning = |message: String| Failure::Meaning(QueryError { message, column });
        let rest = self.rest();
        if let Some(body) = rest.strip_prefix(['[', '{']) {
            let Some(close) = body.find([']', '}']) else {
                return Err(Failure::Syntax("unclosed date range `[`".into()));
            };
            let inner = &body[..close];
            self.pos += close + 2;
            let Some((from, to)) = inner.split_once(" TO ") else {
                return Err(meaning(format!(
                    "date range `[{inner}]` needs the form [FROM TO UNTIL]"
                )));
            };
            let from = bound(from.trim(), false).map_err(&meaning)?;
            let to = bound(to.trim(), true).map_err(&meaning)?;
            if let (Some(f), Some(t)) = (from, to) {
                if f > t {
                    return Err(meaning(format!(
                        "impossible date range `[{inner}]`: it ends before it starts"
                    )));
                }
            }
            return Ok(Node::DateRange { from, to });
        }
        let word = self.word();
        let (op, value) = ["<=", ">=", "<", ">"]
            .iter()
            .find_map(|op| word.strip_prefix(op).map(|v| (*op, v)))
            .unwrap_or(("=", word));
        let (from, to) = match op {
            ">=" => (bound(value, false).map_err(&meaning)?, None),
            ">" => (bound(value, true).map_err(&meaning)?.map(|t| t + 1), None),
            "<=" => (None, bound(value, true).map_err(&meaning)?),
            "<" => (None, bound(value, false).map_err(&meaning)?.map(|t| t - 1)),
            _ => (
                bound(value, false).map_err(&meaning)?,
                bound(value, true).map_err(&meaning)?,
            ),
        };
        Ok(Node::DateRange { from, to })
    }
}

/// `name:` at the start of `rest` followed by a value: the name and where the
/// value starts. Only identifiers count, and not URLs (`https://`).
fn field_prefix(rest: &str) -> Option<(&str, usize)> {
    let colon = rest.find(':')?;
    let name = &rest[..colon];
    let first = name.chars().next()?;
    if !first.is_ascii_alphabetic() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    let value = &rest[colon + 1..];
    if value.is_empty() || value.starts_with(char::is_whitespace) || value.starts_with("//") {
        return None;
    }
    Some((name, colon + 1))
}

/// Reads a date bound (`2025`, `2025-06`, `2025-06-30`, `*`) as seconds since
/// the epoch: the first second of the period, or its last when `end` is set.
pub fn bound(text: &str, end: bool) -> Result<Option<i64>, String> {
    use jiff::civil::Date;
    let text = text.trim();
    if text == "*" || text.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str| s.parse::<i16>().ok();
    let (start, next) = match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = number(y).ok_or_else(|| format!("`{text}` is not a date"))?;
            (Date::new(y, 1, 1), Date::new(y.saturating_add(1), 1, 1))
        }
        [y, m] => {
            let (y, m) = (number(y), number(m).and_then(|m| i8::try_from(m).ok()));
            let (Some(y), Some(m)) = (y, m) else {
                return Err(format!(
                    "`{text}` is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
                ));
            };
            let start = Date::new(y, m, 1);
            (
                start.clone(),
                start.and_then(|d| d.checked_add(jiff::Span::new().months(1))),
            )
        }
        _ => {
            let date: Date = text
                .parse()
                .map_err(|_| format!("`{text}` is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"))?;
            (Ok(date), date.checked_add(jiff::Span::new().days(1)))
        }
    };
    let to_secs = |d: Date| {
        d.to_zoned(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp().as_second())
            .map_err(|e| e.to_string())
    };
    let start = start.map_err(|_| format!("`{text}` is not a valid date"))?;
    if end {
        let next = next.map_err(|_| format!("`{text}` is out of range"))?;
        Ok(Some(to_secs(next)? - 1))
    } else {
        Ok(Some(to_secs(start)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &ParsedQuery) -> Vec<(Occur, String)> {
        q.clauses
            .iter()
            .map(|c| {
                let text = match &c.node {
                    Node::Word { text, .. } | Node::Phrase { text, .. } => text.clone(),
                    other => format!("{other:?}"),
                };
                (c.occur, text)
            })
            .collect()
    }

    #[test]
    fn operators_and_phrases() {
        let q = parse_query(r#"azure +"exclusive cloud" -google"#).unwrap();
        assert_eq!(
            words(&q),
            [
                (Occur::Should, "azure".into()),
                (Occur::Must, "exclusive cloud".into()),
                (Occur::MustNot, "google".into())
            ]
        );
        assert!(q.note.is_none());
        let q = parse_query("amazon AND openai OR microsoft").unwrap();
        assert_eq!(q.clauses[0].occur, Occur::Must);
        assert_eq!(q.clauses[1].occur, Occur::Must);
        assert_eq!(q.clauses[2].occur, Occur::Should);
    }

    #[test]
    fn plain_language_is_never_a_syntax_error() {
        for text in [
            "EFFORTS OF THE U.S. TO STOP ARMS SALES OR AID",
            "\"unclosed",
            "AT&T",
            "C++",
            "U.S.-China",
            "(stray",
            "stray)",
            "deal AND",
            "- dash",
            "why? 50% & more",
            "see https://example.com/x",
            "Microsoft: the deal",
        ] {
            let q = parse_query(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!(!q.clauses.is_empty(), "{text}");
        }
        let q = parse_query("EFFORTS OF THE U.S. TO STOP ARMS SALES OR AID").unwrap();
        assert!(q.clauses.iter().all(|c| c.occur == Occur::Should));
        assert_eq!(q.clauses.len(), 10);
        assert!(parse_query("\"unclosed").unwrap().note.is_some());
    }

    #[test]
    fn meaningless_requests_are_errors_with_a_column() {
        let err = parse_query("deal nosuchfield:foo").unwrap_err();
        assert!(err.message.contains("unknown field `nosuchfield`"));
        assert_eq!(err.column, 6);
        let err = parse_query("date:[2025-06-01 TO 2024-01-01]").unwrap_err();
        assert!(err.message.contains("impossible"));
        assert!(parse_query("date:2025-13-45").is_err());
    }

    #[test]
    fn fields_and_date_ranges() {
        let q = parse_query("title:cloud entity:\"Amazon Web Services\" date:>=2025-01").unwrap();
        assert!(matches!(
            q.clauses[0].node,
            Node::Word {
                field: Some(QueryField::Title),
                ..
            }
        ));
        assert!(matches!(
            q.clauses[1].node,
            Node::Phrase {
                field: Some(QueryField::Entity),
                ..
            }
        ));
        let Node::DateRange { from, to } = q.clauses[2].node else {
            panic!()
        };
        assert_eq!(from, Some(1_735_689_600));
        assert_eq!(to, None);
        let Node::DateRange { from, to } =
            parse_query("date:2025").unwrap().clauses[0].node.clone()
        else {
            panic!()
        };
        assert_eq!(to.unwrap() - from.unwrap(), 365 * 86_400 - 1);
    }
}

#[cfg(test)]
mod all_required_tests {
    use super::*;

    fn shape(clauses: &[Clause]) -> String {
        clauses
            .iter()
            .map(|c| {
                let sign = match c.occur {
                    Occur::Must => "+",
                    Occur::Should => "",
                    Occur::MustNot => "-",
                };
                let body = match &c.node {
                    Node::Word { text, .. } => text.clone(),
                    Node::Phrase { text, .. } => format!("\"{text}\""),
                    Node::Group(inner) => format!("({})", shape(inner)),
                    Node::DateRange { .. } => "date".into(),
                };
                format!("{sign}{body}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn read(text: &str) -> String {
        shape(&parse_query_all_required(text).unwrap().clauses)
    }

    #[test]
    fn every_word_and_phrase_is_required() {
        assert_eq!(read("legal action"), "+legal +action");
        assert_eq!(
            read(r#"azure "sole provider" -google"#),
            r#"+azure +"sole provider" -google"#
        );
        assert_eq!(read("a NOT b"), "+a -b");
    }

    #[test]
    fn or_joins_its_neighbours_into_one_required_group() {
        assert_eq!(read("takeover OR takeovers"), "+(takeover takeovers)");
        assert_eq!(read("bid a OR b OR c d"), "+bid +(a b c) +d");
        assert_eq!(read("openai AND (azure OR aws)"), "+openai +(+(azure aws))");
        // All capitals: OR is a word, as in `search`.
        assert_eq!(read("TAKEOVER OR BID"), "+TAKEOVER +OR +BID");
    }

    #[test]
    fn broken_syntax_requires_every_word() {
        let q = parse_query_all_required("\"unclosed cloud").unwrap();
        assert!(q.note.is_some());
        assert_eq!(shape(&q.clauses), "+unclosed +cloud");
    }
}
