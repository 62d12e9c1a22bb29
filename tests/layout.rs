//! The crate's layout: the layers the crate docs name are the folders of `src/`, each uses
//! only the layers above it, and no module imports one that imports it back.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The crate docs' layer table, `| [`report`] | … |` or `| `model` | … |`, in order.
fn documented_layers() -> Vec<String> {
    let lib = fs::read_to_string("src/lib.rs").unwrap();
    let table = lib
        .split("//! | layer | what it holds |\n//! |---|---|\n")
        .nth(1)
        .expect("the crate docs' layer table");
    table
        .lines()
        .map_while(|line| line.strip_prefix("//! | "))
        .map(|row| {
            // The first cell names the layer in backticks: `model`, [`read`], [`write`](mod@write).
            row.split('`').nth(1).unwrap().to_owned()
        })
        .collect()
}

#[test]
fn the_crate_docs_layer_table_names_every_folder_of_src() {
    let layers = documented_layers();
    let mut folders: Vec<String> = fs::read_dir("src")
        .unwrap()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().unwrap().is_dir())
        .map(|entry| entry.file_name().into_string().unwrap())
        .collect();
    folders.sort();
    let mut documented = layers.clone();
    documented.sort();
    assert_eq!(documented, folders);
}

/// Every `crate::<layer>` a file of a layer names, comments aside.
fn layers_named(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            layers_named(&path, out);
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            let code = line.split("//").next().unwrap();
            for (at, _) in code.match_indices("crate::") {
                let before = code[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                    continue;
                }
                let name: String = code[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push((path.clone(), name));
            }
        }
    }
}

#[test]
fn each_layer_uses_only_the_layers_above_it() {
    let layers = documented_layers();
    let mut wrong = Vec::new();
    for (rank, layer) in layers.iter().enumerate() {
        let mut named = Vec::new();
        layers_named(&Path::new("src").join(layer), &mut named);
        for (path, name) in named {
            match layers.iter().position(|l| *l == name) {
                Some(used) if used > rank => {
                    wrong.push(format!("{}: crate::{name}", path.display()))
                }
                // The root's items are re-exports of layers; a layer names the layer itself.
                None if !name.is_empty() => {
                    wrong.push(format!("{}: crate::{name}", path.display()))
                }
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// A module's path from the crate root (`["read", "fast"]`), and its file.
type Modules = BTreeMap<Vec<String>, PathBuf>;

fn modules(dir: &Path, prefix: &[String], out: &mut Modules) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if path.is_dir() {
            let mut inner = prefix.to_vec();
            inner.push(name);
            modules(&path, &inner, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut module = prefix.to_vec();
            if name != "mod" && name != "lib" {
                module.push(name);
            }
            out.insert(module, path);
        }
    }
}

/// A file's code without comment lines and without its inline test module.
fn code_of(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut code = String::new();
    for (i, line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).map_or("", |l| l.trim_start());
        if line.trim() == "#[cfg(test)]" && next.starts_with("mod ") && next.ends_with('{') {
            break;
        }
        if !line.trim_start().starts_with("//") {
            code.push_str(line);
            code.push('\n');
        }
    }
    code
}

/// The paths a `use` tree names: `a::{b, c::{d, self}}` is `a::b`, `a::c::d`, `a::c`.
fn expand(tree: &str, out: &mut Vec<String>) {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(open) = tree.find("::{") else {
        out.push(tree.split(" as ").next().unwrap().trim().to_owned());
        return;
    };
    let prefix = &tree[..open];
    let body = &tree[open + 3..tree.len() - 1];
    let (mut depth, mut start) = (0, 0);
    let mut parts = Vec::new();
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&body[start..]);
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        if part == "self" {
            out.push(prefix.to_owned());
            continue;
        }
        let mut inner = Vec::new();
        expand(part, &mut inner);
        out.extend(inner.into_iter().map(|p| format!("{prefix}::{p}")));
    }
}

/// Each `use` of a file, `(re-exported, path)`, and the paths its code names outside them
/// (`crate::a::b`, `super::c`, `child::d`: [`resolve`] keeps those that start at a module).
fn paths_of(code: &str) -> Vec<(bool, String)> {
    let mut found = Vec::new();
    let mut rest = String::new();
    for statement in code.split_inclusive(';') {
        let trimmed = statement.trim_start();
        // What stands before `use`, attributes (`#[cfg(..)]`) aside.
        let split = trimmed
            .split_once("use ")
            .map(|(before, tree)| (before.rsplit(['\n', ']']).next().unwrap().trim(), tree));
        let (public, tree) = match split {
            // `use` as a keyword: nothing, or a visibility, before it (not `reuse`, `fn re`).
            Some((visibility, tree))
                if visibility.is_empty()
                    || visibility == "pub"
                    || (visibility.starts_with("pub(") && visibility.ends_with(')')) =>
            {
                (!visibility.is_empty(), tree)
            }
            _ => {
                rest.push_str(statement);
                continue;
            }
        };
        // A `use` statement may follow other code in the same piece (after a `}`).
        let mut paths = Vec::new();
        expand(tree.trim_end_matches(';'), &mut paths);
        found.extend(paths.into_iter().map(|p| (public, p)));
    }
    for (at, _) in rest.match_indices("::") {
        // The path this `::` is in, from its first segment.
        let start = rest[..at]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .map_or(0, |i| i + 1);
        if rest[start..at].contains("::") {
            continue;
        }
        let path: String = rest[start..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        found.push((false, path.trim_end_matches(':').to_owned()));
    }
    found
}

/// The module a path of `module` names: its longest prefix that is a module, followed
/// through re-exports to where the named item is defined.
fn resolve(
    modules: &Modules,
    uses: &BTreeMap<Vec<String>, Vec<(bool, String)>>,
    module: &[String],
    path: &str,
    depth: usize,
) -> Option<Vec<String>> {
    let segments: Vec<&str> = path.split("::").collect();
    let mut current = module.to_vec();
    let mut rest = &segments[..];
    match rest.first()? {
        &"crate" => {
            current.clear();
            rest = &rest[1..];
        }
        &"self" => rest = &rest[1..],
        &"super" => {
            while rest.first() == Some(&"super") {
                current.pop();
                rest = &rest[1..];
            }
        }
        first => {
            let mut child = current.clone();
            child.push(first.to_string());
            if !modules.contains_key(&child) {
                return None;
            }
        }
    }
    while let Some(next) = rest.first() {
        let mut child = current.clone();
        child.push(next.to_string());
        if !modules.contains_key(&child) {
            break;
        }
        current = child;
        rest = &rest[1..];
    }
    if let (Some(item), true) = (rest.first(), depth < 8) {
        let reexport = uses
            .get(&current)
            .into_iter()
            .flatten()
            .find(|(public, p)| *public && p.rsplit("::").next() == Some(item));
        if let Some((_, p)) = reexport {
            if let Some(found) = resolve(modules, uses, &current, p, depth + 1) {
                return Some(found);
            }
        }
    }
    Some(current)
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let mut all = Modules::new();
    modules(Path::new("src"), &[], &mut all);
    let uses: BTreeMap<Vec<String>, Vec<(bool, String)>> = all
        .iter()
        .map(|(module, path)| (module.clone(), paths_of(&code_of(path))))
        .collect();
    // A re-export (`pub use`) is the facade of a module, not a use of it.
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, paths) in &uses {
        let targets = edges.entry(module.clone()).or_default();
        for (public, path) in paths {
            match resolve(&all, &uses, module, path, 0) {
                Some(target) if !public && target != *module => {
                    targets.insert(target);
                }
                _ => {}
            }
        }
    }
    assert!(
        edges.values().map(BTreeSet::len).sum::<usize>() > 100,
        "{edges:#?}"
    );
    // A cycle is a module that reaches itself.
    let mut cycles = Vec::new();
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<Vec<Vec<String>>> = vec![vec![start.clone()]];
        while let Some(trail) = stack.pop() {
            let last = trail.last().unwrap();
            for next in edges.get(last).into_iter().flatten() {
                if next == start {
                    let names: Vec<String> = trail.iter().map(|m| m.join("::")).collect();
                    cycles.push(format!("{} -> {}", names.join(" -> "), start.join("::")));
                } else if seen.insert(next.clone()) {
                    let mut longer = trail.clone();
                    longer.push(next.clone());
                    stack.push(longer);
                }
            }
        }
    }
    assert!(cycles.is_empty(), "{cycles:#?}");
}
