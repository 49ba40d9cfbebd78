//! `--output table`: the AWS CLI's boxed layout, built the way its table formatter builds it
//! (one section per nested structure or list, scalar keys sorted into header columns, columns
//! scaled to the width, a too-wide table turned into key/value rows) and rendered without
//! colour, as the CLI renders when stdout is not a terminal.

use crate::json::Json;

#[derive(Debug, Default)]
struct Section {
    title: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    indent: usize,
    max_widths: Vec<usize>,
    /// The column count the first header or row set (the CLI's `_num_cols`).
    num_cols: Option<usize>,
    /// The CLI's "Row should have N elements, instead it has M", for ragged rows.
    error: Option<String>,
}

impl Section {
    fn update_widths(&mut self, row: &[String]) {
        if self.max_widths.is_empty() {
            self.max_widths = row.iter().map(|c| text_len(c)).collect();
        } else {
            for (i, c) in row.iter().enumerate() {
                if let Some(w) = self.max_widths.get_mut(i) {
                    *w = (*w).max(text_len(c));
                }
            }
        }
    }

    fn add_header(&mut self, headers: Vec<String>) {
        self.update_widths(&headers);
        self.num_cols.get_or_insert(headers.len());
        self.headers = headers;
    }

    fn add_row(&mut self, row: Vec<String>) {
        let n = *self.num_cols.get_or_insert(row.len());
        if row.len() != n {
            self.error.get_or_insert_with(|| format!("Row should have {n} elements, instead it has {}", row.len()));
            return;
        }
        self.update_widths(&row);
        self.rows.push(row);
    }

    fn column_widths(&self, padding: usize, max_width: Option<usize>) -> Vec<usize> {
        let unscaled: Vec<usize> = self.max_widths.iter().map(|w| w + padding).collect();
        let Some(max) = max_width else { return unscaled };
        if unscaled.is_empty() {
            return unscaled;
        }
        let total: usize = unscaled.iter().sum();
        let factor = max as f64 / total as f64;
        let mut scaled: Vec<i64> = unscaled.iter().map(|w| round_half_even(factor * *w as f64)).collect();
        let mut off_by: i64 = scaled.iter().sum::<i64>() - max as i64;
        while off_by != 0 {
            let order: Vec<usize> = if off_by < 0 { (0..scaled.len()).rev().collect() } else { (0..scaled.len()).collect() };
            for i in order {
                if off_by > 0 {
                    scaled[i] -= 1;
                    off_by -= 1;
                } else {
                    scaled[i] += 1;
                    off_by += 1;
                }
                if off_by == 0 {
                    break;
                }
            }
        }
        scaled.into_iter().map(|w| w.max(0) as usize).collect()
    }

    fn total_width(&self, padding: usize, outer: usize) -> usize {
        let total: usize = self.column_widths(0, None).iter().map(|w| w + padding).sum::<usize>() + 2 + 2 * outer;
        (text_len(&self.title) + 2 + 2 * outer).max(total)
    }
}

fn round_half_even(x: f64) -> i64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 && (r as i64) % 2 != 0 { (r - x.signum()) as i64 } else { r as i64 }
}

/// Display width: East Asian wide characters count two, as the CLI counts them.
fn text_len(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x20000..=0x3FFFD)
}

struct Builder {
    sections: Vec<Section>,
}

impl Builder {
    fn current(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section::default());
        }
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }

    fn new_section(&mut self, title: &str, indent: usize) {
        self.sections.push(Section { title: title.to_owned(), indent, ..Section::default() });
    }

    fn build(&mut self, title: Option<&str>, current: &Json, indent: usize) -> bool {
        let empty = match current {
            Json::Null => true,
            Json::Bool(b) => !b,
            Json::String(s) => s.is_empty(),
            Json::Array(a) => a.is_empty(),
            Json::Object(m) => m.is_empty(),
            Json::Number(n) => n.as_f64() == Some(0.0),
        };
        if empty {
            return false;
        }
        if let Some(t) = title {
            self.new_section(t, indent);
        }
        match current {
            Json::Array(items) => {
                if matches!(items[0], Json::Object(_)) {
                    self.sub_table_from_list(items, indent, title.unwrap_or(""));
                } else {
                    for item in items {
                        match item {
                            Json::Array(inner) if inner.iter().all(|e| !e.is_container()) => {
                                let row = inner.iter().map(Json::python_str).collect();
                                self.current().add_row(row);
                            }
                            Json::Array(_) | Json::Object(_) => {
                                self.build(None, item, 0);
                            }
                            scalar => {
                                let row = vec![scalar.python_str()];
                                self.current().add_row(row);
                            }
                        }
                    }
                }
            }
            Json::Object(_) => self.sub_table_from_dict(current, indent),
            _ => {}
        }
        true
    }

    fn sub_table_from_dict(&mut self, current: &Json, indent: usize) {
        let (headers, more) = group_scalar_keys(current);
        if headers.len() == 1 {
            let v = current.get(&headers[0]).map(Json::python_str).unwrap_or_default();
            let row = vec![headers[0].clone(), v];
            self.current().add_row(row);
        } else if !headers.is_empty() {
            let row = headers.iter().map(|h| current.get(h).map(Json::python_str).unwrap_or_default()).collect();
            self.current().add_header(headers);
            self.current().add_row(row);
        }
        for key in more {
            if let Some(v) = current.get(&key) {
                self.build(Some(&key), v, indent + 1);
            }
        }
    }

    fn sub_table_from_list(&mut self, items: &[Json], indent: usize, title: &str) {
        let mut headers: Vec<String> = Vec::new();
        let mut more: Vec<String> = Vec::new();
        for item in items {
            let (h, m) = group_scalar_keys(item);
            for k in h {
                if !headers.contains(&k) {
                    headers.push(k);
                }
            }
            for k in m {
                if !more.contains(&k) {
                    more.push(k);
                }
            }
        }
        headers.sort();
        more.sort();
        self.current().add_header(headers.clone());
        let mut first = true;
        for element in items {
            if !first && !more.is_empty() {
                self.new_section(title, indent);
                self.current().add_header(headers.clone());
            }
            first = false;
            let row = headers.iter().map(|h| element.get(h).map(Json::python_str).unwrap_or_default()).collect();
            self.current().add_row(row);
            for key in &more {
                if let Some(v) = element.get(key) {
                    self.build(Some(key), v, indent + 1);
                }
            }
        }
    }
}

fn group_scalar_keys(current: &Json) -> (Vec<String>, Vec<String>) {
    let mut headers = Vec::new();
    let mut more = Vec::new();
    if let Json::Object(m) = current {
        for (k, v) in m {
            if v.is_container() { more.push(k.clone()) } else { headers.push(k.clone()) }
        }
    }
    headers.sort();
    more.sort();
    (headers, more)
}

fn center(text: &str, length: usize, left: &str, right: &str) -> String {
    let tl = text_len(text) as i64;
    let start = (length as i64 / 2 - tl / 2 - 1).max(0) as usize;
    let so_far = text_len(left) + start + tl as usize;
    let right_spaces = (length as i64 - text_len(right) as i64 - so_far as i64).max(0) as usize;
    format!("{left}{}{text}{}{right}", " ".repeat(start), " ".repeat(right_spaces))
}

fn align_left(text: &str, length: usize, left: &str, right: &str) -> String {
    let tl = text_len(text);
    let computed = tl + 2 + text_len(left) + text_len(right);
    let padding = if length >= computed { 2 } else { 0 };
    let so_far = left.len() + padding + tl;
    let fill = (length as i64 - so_far as i64 - right.len() as i64).max(0) as usize;
    format!("{left}{}{text}{}{right}", " ".repeat(padding), " ".repeat(fill))
}

fn line_break(widths: &[usize]) -> String {
    let mut s = String::new();
    for (i, w) in widths.iter().enumerate() {
        if i == 0 {
            s.push_str(&format!("+{}+", "-".repeat(w.saturating_sub(2))));
        } else {
            s.push_str(&format!("{}+", "-".repeat(w.saturating_sub(1))));
        }
    }
    s
}

/// Renders `data` as the CLI's table titled `title`, `width` columns wide at most (ragged rows
/// print nothing, as the CLI's table refuses them).
pub fn render(title: &str, data: &Json, width: usize) -> String {
    try_render(title, data, width).unwrap_or_default()
}

/// [`render`], or the CLI's error for rows of different lengths (`--query '[[a, b], [c]]'`).
pub fn try_render(title: &str, data: &Json, width: usize) -> Result<String, String> {
    let mut b = Builder { sections: Vec::new() };
    if !b.build(Some(title), data, 0) {
        return Ok(String::new());
    }
    if let Some(e) = b.sections.iter().find_map(|s| s.error.clone()) {
        return Err(e);
    }
    let mut sections = b.sections;
    let max_of = |sections: &[Section]| sections.iter().map(|s| s.total_width(4, s.indent)).max().unwrap_or(0);
    let mut max_width = max_of(&sections);
    if max_width > width {
        // Too wide: each single-row section becomes key/value rows.
        for s in &mut sections {
            if s.rows.len() == 1 && !s.headers.is_empty() {
                let mut v = Section { title: s.title.clone(), indent: s.indent, ..Section::default() };
                for (h, e) in s.headers.iter().zip(s.rows[0].iter()) {
                    v.add_row(vec![h.clone(), e.clone()]);
                }
                *s = v;
            }
        }
        max_width = max_of(&sections);
    }
    let mut out = format!("{}\n", "-".repeat(max_width));
    for s in &sections {
        let indent = "|".repeat(s.indent);
        let mut line = |text: String| {
            out.push_str(&indent);
            out.push_str(&text);
            out.push_str(&indent);
            out.push('\n');
        };
        let w = max_width - s.indent * 2;
        if !s.title.is_empty() {
            line(center(&s.title, w, "|", "|"));
            if s.headers.is_empty() && s.rows.is_empty() {
                line(format!("+{}+", "-".repeat(w.saturating_sub(2))));
            }
        }
        if !s.headers.is_empty() {
            let widths = s.column_widths(4, Some(w));
            let mut current = String::new();
            for (i, (cw, h)) in widths.iter().zip(&s.headers).enumerate() {
                current.push_str(&center(h, *cw, if i == 0 { "|" } else { "" }, "|"));
            }
            line(line_break(&widths));
            line(current);
        }
        if !s.rows.is_empty() {
            let widths = s.column_widths(4, Some(w));
            if widths.is_empty() {
                continue;
            }
            line(line_break(&widths));
            for row in &s.rows {
                let mut current = String::new();
                for (i, (cw, e)) in widths.iter().zip(row).enumerate() {
                    current.push_str(&align_left(e, *cw, if i == 0 { "|" } else { "" }, "|"));
                }
                line(current);
            }
            line(line_break(&widths));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_structure_is_a_header_row() {
        let j = Json::parse(r#"{"Account":"123456789012","Arn":"arn:aws:iam::123456789012:root","UserId":"AKIA"}"#).unwrap();
        let t = render("GetCallerIdentity", &j, 80);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0].len(), lines[1].len());
        assert!(lines[1].contains("GetCallerIdentity"));
        assert!(lines[3].starts_with("|") && lines[3].contains("Account") && lines[3].contains("UserId"));
        assert!(lines.last().unwrap().starts_with("+"));
    }

    #[test]
    fn too_wide_tables_turn_vertical() {
        let long = "x".repeat(70);
        let j = Json::parse(&format!(r#"{{"A":"{long}","B":"{long}"}}"#)).unwrap();
        let t = render("Op", &j, 80);
        assert!(t.lines().any(|l| l.starts_with("|  A|  xxx")), "{t}");
    }

    #[test]
    fn python_rounding() {
        assert_eq!(round_half_even(2.5), 2);
        assert_eq!(round_half_even(3.5), 4);
        assert_eq!(round_half_even(2.4), 2);
    }
}
