//! Integration tests: they run the real `newsdex` binary on temporary copies of
//! fixture corpora and read its output back through their own types, so the
//! JSON contract is held independently of the code that writes it.

mod batch;
mod env;
mod export;
mod facts;
mod index;
mod input;
mod ranking;
mod safety;
mod search;
mod seed;
mod timeline;
