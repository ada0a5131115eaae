//! Printing: the human printer (colour only on a terminal), the JSON Lines
//! printer ([`json`]), and the progress reporter for index builds.

pub mod chart;
pub mod human;
pub mod json;
pub mod progress;
pub mod report;

use std::io::IsTerminal;

/// When to colour output, as given by `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Decides once whether to colour stdout.
    pub fn resolve(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                !no_color && std::io::stdout().is_terminal()
            }
        }
    }
}

/// ANSI styles, or nothing when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub on: bool,
}

impl Palette {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    pub fn path(&self, text: &str) -> String {
        self.wrap("35", text)
    }
    pub fn line(&self, text: &str) -> String {
        self.wrap("32", text)
    }
    pub fn title(&self, text: &str) -> String {
        self.wrap("1", text)
    }
    pub fn matched(&self, text: &str) -> String {
        self.wrap("1;31", text)
    }
    pub fn dim(&self, text: &str) -> String {
        self.wrap("2", text)
    }
    pub fn amount(&self, text: &str) -> String {
        self.wrap("33", text)
    }
}
