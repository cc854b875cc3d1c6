//! The layout's promises, read from the source: no two files import each other, directly or
//! round a circle (arrows point down), and no capability reaches into another capability's
//! handler or view files — only what its `mod.rs` offers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/`, keyed by its module path (`themes::engine::coder`).
fn modules() -> BTreeMap<Vec<String>, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|f| {
            let rel = f.strip_prefix(&src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            (parts, f)
        })
        .collect()
}

/// The code of a file without comments and its `#[cfg(test)] mod tests { … }` (tests may
/// import anything).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => &text[..],
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::a::b::c` path a file names, in `use` lines (groups expanded) or inline.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '{'))
            .unwrap_or(rest.len());
        let head = &rest[..end];
        if let Some(brace) = head.find('{') {
            let base: Vec<String> = split(&head[..brace]);
            let close = rest.find('}').unwrap_or(rest.len());
            for item in rest[brace + 1..close].split(',') {
                let item = item.split(" as ").next().unwrap_or("").trim();
                let mut path = base.clone();
                if item != "self" && !item.is_empty() {
                    path.extend(split(item.split('{').next().unwrap_or("")));
                }
                out.push(path);
            }
        } else {
            out.push(split(head));
        }
    }
    out
}

fn split(path: &str) -> Vec<String> {
    path.split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The file a path lands in: the longest module prefix, followed through one `pub use child::`
/// re-export when it lands on a `mod.rs`.
fn resolve(
    path: &[String],
    modules: &BTreeMap<Vec<String>, PathBuf>,
    texts: &BTreeMap<Vec<String>, String>,
) -> Option<Vec<String>> {
    let n = (1..=path.len())
        .rev()
        .find(|&n| modules.contains_key(&path[..n]))?;
    let found = path[..n].to_vec();
    if let (Some(item), Some(text)) = (path.get(n), texts.get(&found)) {
        for line in text.lines().filter(|l| l.starts_with("pub use ")) {
            let Some((child, items)) = line["pub use ".len()..].split_once("::") else {
                continue;
            };
            let named = items
                .trim_matches(|c| c == '{' || c == '}' || c == ';')
                .split(',')
                .any(|i| i.split(" as ").last().unwrap_or("").trim() == item);
            let mut target = found.clone();
            target.push(child.to_owned());
            if named && modules.contains_key(&target) {
                return Some(target);
            }
        }
    }
    Some(found)
}

/// Arrows between files: `from` names something in `to`. A `mod.rs` only declares and
/// re-exports, so arrows out of it are not counted.
fn arrows() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules = modules();
    let texts: BTreeMap<_, _> = modules.iter().map(|(m, f)| (m.clone(), code(f))).collect();
    let mut arrows: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (from, file) in &modules {
        if file.ends_with("mod.rs") || from.is_empty() {
            continue;
        }
        for path in crate_paths(&texts[from]) {
            if let Some(to) = resolve(&path, &modules, &texts)
                && !from.starts_with(&to)
            {
                arrows.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    arrows
}

/// The files on a circle through `start`, if there is one.
fn circle_through(
    start: &Vec<String>,
    arrows: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
) -> Option<Vec<String>> {
    let mut stack = vec![(start.clone(), vec![start.join("::")])];
    let mut seen = BTreeSet::new();
    while let Some((at, trail)) = stack.pop() {
        for next in arrows.get(&at).into_iter().flatten() {
            if next == start {
                return Some(trail);
            }
            if seen.insert(next.clone()) {
                let mut longer = trail.clone();
                longer.push(next.join("::"));
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn no_file_imports_round_a_circle_back_to_itself() {
    let arrows = arrows();
    assert!(arrows.len() > 100, "the source was not read");
    let circles: Vec<String> = arrows
        .keys()
        .filter_map(|m| circle_through(m, &arrows))
        .map(|c| c.join(" → "))
        .collect();
    assert!(
        circles.is_empty(),
        "import circles:\n  {}",
        circles.join("\n  ")
    );
}

#[test]
fn no_capability_reaches_into_another_capabilitys_handlers_or_views() {
    let mut wrong = Vec::new();
    for (module, file) in modules() {
        let Some(capability) = module.first() else {
            continue;
        };
        if capability == "routes" || capability == "startup" {
            continue; // the route table names every handler, by design
        }
        for path in crate_paths(&code(&file)) {
            let other = path.first().map(String::as_str).unwrap_or("");
            let room = path.get(1).map(String::as_str).unwrap_or("");
            let inner = room == "routes"
                || room == "views"
                || room.ends_with("_routes")
                || room.ends_with("_views");
            if other != capability && other != "web" && inner {
                wrong.push(format!("{}: crate::{}", module.join("::"), path.join("::")));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "reaching into another capability:\n  {}",
        wrong.join("\n  ")
    );
}
