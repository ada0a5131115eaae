//! newsdex: a command-line search engine for tech-news articles.
//!
//! Data flows one way:
//!
//! ```text
//! walk → parse → split into passages → extract (entities, money, topics) → write index
//! query text → parse → rank → snippet → print (human | JSON)
//! ```
//!
//! [`ingest`] reads corpora, [`extract`] finds facts in passages, [`index`]
//! owns the schema and the on-disk index, [`search`] ranks passages, and
//! [`output`] prints them. [`cli`] and [`commands`] are the binary's front end.
//! [`timeline`] counts exactly matching articles per period for `timeline` and `report`.

pub mod cli;
pub mod commands;
pub mod export;
pub mod extract;
mod hash;
pub mod index;
pub mod ingest;
pub mod output;
pub mod search;
#[cfg(test)]
mod test_rng;
pub mod timeline;
