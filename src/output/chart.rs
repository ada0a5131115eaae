//! The terminal bar chart of `newsdex timeline`: one row per period, bars sized to the
//! terminal width, Unicode blocks (eighths for a single series) or plain ASCII, one glyph
//! (and, with colour, one colour) per series, stacked, with a legend.

use std::io::{self, Write};

use crate::timeline::{Measure, Timeline};

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct ChartStyle {
    /// Columns available.
    pub width: usize,
    pub ascii: bool,
    pub color: bool,
    pub measure: Measure,
}

/// Glyphs of stacked series; the last series (`other`, `no topic`) takes the lightest.
const UNICODE_SERIES: [char; 5] = ['█', '▓', '▒', '▞', '▚'];
const UNICODE_REST: char = '░';
const ASCII_SERIES: [char; 5] = ['#', '=', '+', '%', '*'];
const ASCII_REST: char = '.';
/// ANSI colours of series, in order; the rest is grey.
const COLORS: [&str; 5] = ["36", "31", "33", "32", "35"];
const REST_COLOR: &str = "90";
/// Partial cells for a single series: 1/8 to 7/8 of a block.
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// The width to draw in: the terminal's, else `$COLUMNS`, else 80.
pub fn terminal_width() -> usize {
    if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
        return usize::from(w);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&w| w > 0)
        .unwrap_or(80)
}

/// Draws the chart (without the heading line, which the command writes).
pub fn draw(out: &mut dyn Write, t: &Timeline, style: ChartStyle) -> io::Result<()> {
    let m = style.measure;
    let n_series = t.series.len();
    let glyph = |s: usize| -> char {
        let last = s + 1 == n_series && n_series > 1;
        match (style.ascii, last) {
            (true, true) => ASCII_REST,
            (true, false) => ASCII_SERIES[s % ASCII_SERIES.len()],
            (false, true) => UNICODE_REST,
            (false, false) => UNICODE_SERIES[s % UNICODE_SERIES.len()],
        }
    };
    let paint = |s: usize, text: &str| -> String {
        if !style.color {
            return text.to_string();
        }
        let code = if s + 1 == n_series && n_series > 1 {
            REST_COLOR
        } else {
            COLORS[s % COLORS.len()]
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    };
    if n_series > 0 {
        let legend: Vec<String> = t
            .series
            .iter()
            .enumerate()
            .map(|(i, name)| format!("{} {name}", paint(i, &glyph(i).to_string())))
            .collect();
        writeln!(out, "{}", legend.join("  "))?;
    }
    let labels: Vec<String> = t.buckets.iter().map(|b| b.period.label()).collect();
    let label_w = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let max = t.buckets.iter().map(|b| m.of(b.counts)).max().unwrap_or(0);
    let count_w = max.to_string().len();
    let axis = if style.ascii { '|' } else { '│' };
    // label, space, axis, bar, space, count
    let bar_w = style.width.saturating_sub(label_w + count_w + 3).max(10);
    for (bucket, label) in t.buckets.iter().zip(&labels) {
        let value = m.of(bucket.counts);
        let (bar, cells) = if n_series == 0 {
            let bar = single_bar(value, max, bar_w, style.ascii);
            let cells = bar.chars().count();
            if style.color && !bar.is_empty() {
                (format!("\x1b[36m{bar}\x1b[0m"), cells)
            } else {
                (bar, cells)
            }
        } else {
            let values: Vec<usize> = bucket.series.iter().map(|c| m.of(*c)).collect();
            let cells = stacked_cells(&values, max, bar_w);
            let bar = cells
                .iter()
                .enumerate()
                .filter(|(_, &n)| n > 0)
                .map(|(s, &n)| paint(s, &glyph(s).to_string().repeat(n)))
                .collect();
            (bar, cells.iter().sum())
        };
        let pad = " ".repeat(bar_w.saturating_sub(cells));
        writeln!(out, "{label:<label_w$} {axis}{bar}{pad} {value:>count_w$}")?;
    }
    Ok(())
}

fn scaled(value: usize, max: usize, width: usize) -> f64 {
    if max == 0 {
        0.0
    } else {
        value as f64 * width as f64 / max as f64
    }
}

/// A single series' bar: whole blocks and an eighth-block end (ASCII: whole `#` only).
/// A non-zero value always shows at least a sliver.
fn single_bar(value: usize, max: usize, width: usize, ascii: bool) -> String {
    if value == 0 {
        return String::new();
    }
    let cells = scaled(value, max, width);
    if ascii {
        return "#".repeat((cells.round() as usize).max(1));
    }
    let eighths = ((cells * 8.0).round() as usize).max(1);
    let mut bar = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        bar.push(EIGHTHS[eighths % 8 - 1]);
    }
    bar
}

/// Whole cells per stacked series: the bar's total rounded, shared by largest remainder,
/// so the stack is as long as a single bar of the total would be.
pub(crate) fn stacked_cells(values: &[usize], max: usize, width: usize) -> Vec<usize> {
    let total: usize = values.iter().sum();
    let mut cells_total = scaled(total, max, width).round() as usize;
    if total > 0 {
        cells_total = cells_total.max(1);
    }
    if total == 0 {
        return vec![0; values.len()];
    }
    let exact: Vec<f64> = values
        .iter()
        .map(|&v| v as f64 * cells_total as f64 / total as f64)
        .collect();
    let mut cells: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let mut left = cells_total - cells.iter().sum::<usize>();
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| {
        let ra = exact[a] - exact[a].floor();
        let rb = exact[b] - exact[b].floor();
        rb.partial_cmp(&ra).unwrap_or(std::cmp::Ordering::Equal)
    });
    for i in order {
        if left == 0 {
            break;
        }
        if exact[i] > cells[i] as f64 {
            cells[i] += 1;
            left -= 1;
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacked_segments_add_up_to_the_bar() {
        assert_eq!(stacked_cells(&[1, 1, 1], 3, 10), [4, 3, 3]);
        assert_eq!(stacked_cells(&[0, 0], 5, 10), [0, 0]);
        assert_eq!(stacked_cells(&[1, 0], 1000, 10).iter().sum::<usize>(), 1);
    }

    #[test]
    fn single_bars_use_eighths() {
        assert_eq!(single_bar(1, 2, 3, false), "█▌");
        assert_eq!(single_bar(1, 2, 3, true), "##");
        assert_eq!(single_bar(0, 2, 3, false), "");
        assert_eq!(single_bar(1, 1000, 10, false), "▏");
    }
}
