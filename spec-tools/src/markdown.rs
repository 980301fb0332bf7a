//! A line scanner for Markdown pages: text lines, pipe tables (whose cells may run over
//! several lines, as they do when a cell holds a list or a code sample) and fenced code.

/// One piece of a Markdown page.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A line of running text or a heading, trimmed, with leading `#` marks removed.
    Text(String),
    /// A pipe table: its rows (the header first), each a list of trimmed cells. Separator rows
    /// (`| --- |`) are left out.
    Table(Vec<Vec<String>>),
    /// The lines inside a fenced code block.
    Code(Vec<String>),
}

/// Splits `text` into blocks. YAML front matter (between `---` lines at the top) is skipped.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.first().map(|l| l.trim()) == Some("---") {
        if let Some(end) = lines.iter().skip(1).position(|l| l.trim() == "---") {
            lines.drain(..end + 2);
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.starts_with('|') {
            let mut rows = Vec::new();
            while i < lines.len() && lines[i].trim().starts_with('|') {
                let mut row = lines[i].trim().to_string();
                i += 1;
                while !(row.len() > 1 && row.ends_with('|')) && i < lines.len() {
                    row.push('\n');
                    row.push_str(lines[i].trim());
                    i += 1;
                }
                let cells = cells(&row);
                if !cells
                    .iter()
                    .all(|c| !c.is_empty() && c.chars().all(|ch| ch == '-' || ch == ':'))
                {
                    rows.push(cells);
                }
            }
            out.push(Block::Table(rows));
        } else if line.starts_with("```") {
            let mut code = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].trim().starts_with("```") {
                code.push(lines[i].to_string());
                i += 1;
            }
            i += 1;
            out.push(Block::Code(code));
        } else {
            if !line.is_empty() {
                out.push(Block::Text(line.trim_start_matches('#').trim().to_string()));
            }
            i += 1;
        }
    }
    out
}

fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_with_multi_line_cells_code_and_headings() {
        let page = "---\ntitle: x\n---\n## Inputs\n\n| Name | Notes |\n| --- | --- |\n\
                    | `size` | One of:- small\n\n- large |\n| `colour` | Any. |\n\n```\nGET /x\n```\n";
        let got = blocks(page);
        assert_eq!(got[0], Block::Text("Inputs".into()));
        let Block::Table(rows) = &got[1] else {
            panic!("{got:?}")
        };
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1][1], "One of:- small\n\n- large");
        assert_eq!(rows[2][0], "`colour`");
        assert_eq!(got[2], Block::Code(vec!["GET /x".into()]));
    }
}
